import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../shared/config/store-config';
import { silentLogger } from '../../shared/server/runtime/logger';
import { ConfigWatcher } from './config-watcher';

const DEMO = readFileSync(join(import.meta.dirname, '..', '..', 'config', 'demo-store.yaml'), 'utf8');

function waitFor(predicate: () => boolean, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  return new Promise((resolve, reject) => {
    const poll = () => {
      if (predicate()) resolve();
      else if (Date.now() > deadline) reject(new Error('condition not met in time'));
      else setTimeout(poll, 20);
    };
    poll();
  });
}

describe('ConfigWatcher', () => {
  const dir = mkdtempSync(join(tmpdir(), 'galley-config-'));
  let watcher: ConfigWatcher | undefined;
  afterEach(() => {
    watcher?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('applies a valid edit and keeps the running config on an invalid one', async () => {
    const file = join(dir, 'store.yaml');
    writeFileSync(file, DEMO);
    const applied: StoreConfig[] = [];
    watcher = new ConfigWatcher({
      file,
      logger: silentLogger(),
      onChange: (c) => applied.push(c),
      debounceMs: 50,
    });
    watcher.start();

    writeFileSync(
      file,
      DEMO.replace("name: Galley Demo Kitchen · Shanghai Jing'an", 'name: Renamed kitchen'),
    );
    await waitFor(() => applied.length === 1);
    expect(applied[0]?.store.name).toBe('Renamed kitchen');

    writeFileSync(file, DEMO.replace('timezone: Asia/Shanghai', 'timezone: Mars/Olympus'));
    await waitFor(() => watcher?.rejectedEdits === 1);
    expect(applied).toHaveLength(1);
  });
});
