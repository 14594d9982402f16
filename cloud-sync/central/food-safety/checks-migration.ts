import type { Kysely } from 'kysely';

/**
 * Migration 013: manual-check records as the stores sync them (`food_safety.check`): a
 * value measured or a slot missed, one row per record. `missed` and `out_of_limit` are
 * 1 or 0 so the regional page counts them per store without reading the views; kept as
 * long as the other food-safety rows.
 */
export async function foodSafetyChecksUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('food_safety_checks')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('record_id', 'bigint', (c) => c.notNull())
    .addColumn('check_id', 'text', (c) => c.notNull())
    .addColumn('slot_at', 'bigint', (c) => c.notNull())
    .addColumn('missed', 'integer', (c) => c.notNull())
    .addColumn('out_of_limit', 'integer', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('food_safety_checks_pk', ['store_id', 'record_id'])
    .execute();
  await db.schema
    .createIndex('food_safety_checks_slot')
    .on('food_safety_checks')
    .columns(['store_id', 'slot_at'])
    .execute();
}
