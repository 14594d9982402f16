import type { Kysely } from 'kysely';
import type { CentralDialect } from '../db/central-db';

/**
 * Migration 022: closed stores' archives. `store_archive_files` holds each file the box
 * sent while closing (the bytes in the row, so a database backup carries the archive with
 * the history it stands for); `store_archives` the manifest central checked the files
 * against, the last seq it covers and how long it is kept. One archive per store: a box
 * that sends it again while still closing replaces it.
 */
export async function storeArchivesUp(db: Kysely<unknown>, dialect: CentralDialect): Promise<void> {
  await db.schema
    .createTable('store_archive_files')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addColumn('body', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('store_archive_files_pk', ['store_id', 'name'])
    .execute();
  await db.schema
    .createTable('store_archives')
    .addColumn('store_id', 'text', (c) => c.primaryKey().references('stores.id'))
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    .addColumn('final_seq', 'bigint', (c) => c.notNull())
    .addColumn('manifest', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('retention_until', 'bigint', (c) => c.notNull())
    .execute();
}
