import type { Kysely } from 'kysely';

/**
 * Migration 009: cooling batches as the stores sync them (`food_safety.cooling`), the newest
 * version of each by seq. `failed` is 1 once a stage was missed, so the regional page can
 * list those first without reading every view; kept as long as the other food-safety rows.
 */
export async function foodSafetyCoolingUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('food_safety_cooling')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('batch_id', 'bigint', (c) => c.notNull())
    .addColumn('equipment_id', 'text', (c) => c.notNull())
    .addColumn('product', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('failed', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('food_safety_cooling_pk', ['store_id', 'batch_id'])
    .execute();
  await db.schema
    .createIndex('food_safety_cooling_started')
    .on('food_safety_cooling')
    .columns(['store_id', 'started_at'])
    .execute();
}
