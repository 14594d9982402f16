import { type Kysely, sql } from 'kysely';
import type { CentralDialect } from '../db/central-db';

/**
 * Migration 015: a store's lifecycle state (shared/central/store-lifecycle.ts). Stores that
 * existed before are trading, so they become `open` since their creation; stores added from
 * now on are given their state by `StoreDirectory.addStore` (`planned` unless the admin says
 * otherwise). Every move is appended to `store_state_changes` and never updated or deleted:
 * it is the store's history, still read after the store has closed.
 */
export async function storeLifecycleUp(db: Kysely<unknown>, dialect: CentralDialect): Promise<void> {
  // One column per statement: SQLite's ALTER TABLE adds one at a time.
  await db.schema
    .alterTable('stores')
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('open'))
    .execute();
  await db.schema
    .alterTable('stores')
    .addColumn('state_since', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`update stores set state_since = created_at`.execute(db);
  await db.schema
    .createTable('store_state_changes')
    .addColumn('id', dialect === 'postgres' ? 'bigint' : 'integer', (c) =>
      dialect === 'postgres' ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('changed_by', 'text', (c) => c.notNull())
    .addColumn('changed_at', 'bigint', (c) => c.notNull())
    .addColumn('override', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('store_state_changes_store')
    .on('store_state_changes')
    .columns(['store_id', 'id'])
    .execute();
}
