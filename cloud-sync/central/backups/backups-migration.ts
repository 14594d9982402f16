import type { Kysely } from 'kysely';

/**
 * Migration 021: the stores' box backups. The gzip files are on disk under central's data
 * dir (tens of MB each, several per store: too heavy for a row that every database backup
 * would copy again); this table says which are there, with what the box said of each.
 * One row per distinct file: the same backup uploaded again is the same key.
 */
export async function storeBackupsUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('store_backups')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('taken_at', 'bigint', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('store_backups_pk', ['store_id', 'sha256'])
    .execute();
  await db.schema
    .createIndex('store_backups_newest')
    .on('store_backups')
    .columns(['store_id', 'taken_at'])
    .execute();
}
