import type { StoreConfig } from '../../shared/config/store-config';
import type { Logger } from '../../shared/server/runtime/logger';
import type { Database } from '../store/database';
import { overlayConfig } from './config-overlay';
import { ConfigStateStore } from './config-state-store';

/**
 * The local config with the central config last applied here laid over it: what the
 * edge runs at start and after an edit of its file. Should the file no longer fit the
 * overlay, the file alone is used and the problems are logged.
 */
export function withStoredOverlay(db: Database, base: StoreConfig, logger: Logger): StoreConfig {
  const applied = new ConfigStateStore(db).applied();
  if (!applied) return base;
  const result = overlayConfig(base, applied.overlay);
  if (result.ok) return result.config;
  logger
    .child({ ns: 'sync-config' })
    .error(
      { version: applied.version, problems: result.errors.map((e) => `${e.path}: ${e.message}`) },
      'central config no longer fits the local file; running the file alone',
    );
  return base;
}
