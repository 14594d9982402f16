import { createHash } from 'node:crypto';
import type { StoreConfig } from '../../shared/config/store-config';
import { KITCHEN_CATALOG_EVENT, kitchenCatalogOf } from '../../shared/sync/kitchen-catalog';
import type { Database } from '../store/database';
import { OutboxWriter } from './outbox-writer';

/** Where the hash of the catalogue last put in the outbox is kept (table `kv`). */
export const CATALOG_HASH_KEY = 'sync.catalog_sha256';

/**
 * Tells central the names of the kitchen's menu items, stations, ingredients and sub-recipes
 * (outbox `store.catalog`), so the regional page can name what stock, 86 and ticket events
 * only give by id. Called at start and after each config change; it appends only when the
 * catalogue's hash differs from the one last appended. The hash is kept in the database in
 * the same transaction as the outbox row, so a restart with the same config sends nothing
 * and a change made while the box was off goes out at the next start.
 */
export class CatalogAnnouncer {
  readonly #db: Database;
  readonly #outbox: OutboxWriter;
  readonly #read;
  readonly #remember;

  constructor(db: Database, storeId: string) {
    this.#db = db;
    this.#outbox = new OutboxWriter(db, storeId);
    this.#read = db.prepare<[string], { value: string }>('SELECT value FROM kv WHERE key = ?');
    this.#remember = db.prepare<[string, string]>(
      'INSERT INTO kv (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /** true when the catalogue was appended, false when central already has this one on its way. */
  announce(config: StoreConfig, at: number): boolean {
    const payload = kitchenCatalogOf(config);
    const hash = createHash('sha256')
      .update(`${config.store.id}\n${JSON.stringify(payload)}`)
      .digest('hex');
    return this.#db.transaction((): boolean => {
      if (this.#read.get(CATALOG_HASH_KEY)?.value === hash) return false;
      this.#outbox.append({ type: KITCHEN_CATALOG_EVENT, entityId: config.store.id, ts: at, payload });
      this.#remember.run(CATALOG_HASH_KEY, hash);
      return true;
    })();
  }
}
