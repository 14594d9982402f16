import type { Kysely } from 'kysely';
import type { CentralDialect } from '../db/central-db';

/**
 * Migration 014: the stores' own monthly food-safety reports (PDF and CSV, each language),
 * as their boxes render and upload them. The file itself is in the row (`bytea` / `blob`, gzip)
 * so a database backup carries the archive with the records it stands for. One row per
 * distinct file: the same file uploaded again is the same key and changes nothing; a month
 * rendered again (another chain head, another generation time) is a new row, and the
 * newest upload is the one listed.
 */
export async function foodSafetyReportArchiveUp(db: Kysely<unknown>, dialect: CentralDialect): Promise<void> {
  await db.schema
    .createTable('food_safety_reports')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('lang', 'text', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('chain_seq', 'bigint', (c) => c.notNull())
    .addColumn('chain_hash', 'text', (c) => c.notNull())
    .addColumn('generated_at', 'bigint', (c) => c.notNull())
    .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
    // Packed as the box sent it: the CSV's minute log shrinks about tenfold.
    .addColumn('body_gzip', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('food_safety_reports_pk', ['store_id', 'month', 'format', 'lang', 'sha256'])
    .execute();
  await db.schema
    .createIndex('food_safety_reports_month')
    .on('food_safety_reports')
    .columns(['store_id', 'month', 'uploaded_at'])
    .execute();
}
