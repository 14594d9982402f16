import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { StoreConfig } from '../../shared/config/store-config';
import { ConfigError, loadStoreConfig } from '../../shared/server/config/load-store-config';
import type { Logger } from '../../shared/server/runtime/logger';

export interface ConfigWatcherDeps {
  file: string;
  logger: Logger;
  onChange: (config: StoreConfig) => void;
  /** editors write a file in several steps; wait for them to finish */
  debounceMs?: number;
}

/**
 * Re-reads the store config when its file changes. A bad edit is logged with every
 * problem and ignored: the edge keeps running on the last good config.
 */
export class ConfigWatcher {
  readonly #deps: ConfigWatcherDeps;
  readonly #log: Logger;
  #watcher: FSWatcher | undefined;
  #timer: NodeJS.Timeout | undefined;
  reloads = 0;
  rejectedEdits = 0;

  constructor(deps: ConfigWatcherDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'config' });
  }

  start(): void {
    if (this.#watcher) return;
    // Watch the folder, not the file: editors that save by rename replace the inode.
    const name = basename(this.#deps.file);
    this.#watcher = watch(dirname(this.#deps.file), (_event, changed) => {
      if (changed === null || changed === name) this.#schedule();
    });
    this.#watcher.on('error', (err) => this.#log.error({ err }, 'config watch failed; reload with SIGHUP'));
  }

  stop(): void {
    this.#watcher?.close();
    this.#watcher = undefined;
    clearTimeout(this.#timer);
  }

  /** Reads the file now (also used for SIGHUP); returns whether the new config was applied. */
  reload(): boolean {
    let config: StoreConfig;
    try {
      config = loadStoreConfig(this.#deps.file);
    } catch (err) {
      if (!(err instanceof ConfigError)) throw err;
      this.rejectedEdits++;
      this.#log.error(
        { file: this.#deps.file, problems: err.problems },
        'config change rejected; keeping the running config',
      );
      return false;
    }
    this.reloads++;
    this.#deps.onChange(config);
    this.#log.info({ file: this.#deps.file }, 'config reloaded');
    return true;
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.reload(), this.#deps.debounceMs ?? 300);
  }
}
