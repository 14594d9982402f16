import type { Kysely } from 'kysely';

/**
 * Migration 024: where each unit has stood (`asset_placements`), learned from the stores'
 * equipment lists (`store.equipment`, which carries asset.serial / asset.tag): one row per
 * (asset, store, equipment id) with the first time the store listed it and, once a later
 * list no longer does, when it left. The unit's tickets stay in `tickets`, per store.
 */
export async function assetPlacementsUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('asset_placements')
    .addColumn('asset_key', 'text', (c) => c.notNull())
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('equipment_id', 'text', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addColumn('until', 'bigint')
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('asset_placements_pk', ['asset_key', 'store_id', 'equipment_id'])
    .execute();
  await db.schema
    .createIndex('asset_placements_store')
    .on('asset_placements')
    .columns(['store_id', 'equipment_id'])
    .execute();
}
