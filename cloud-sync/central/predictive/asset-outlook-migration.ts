import type { Kysely } from 'kysely';

/**
 * Migration 018: each store's newest outlook per watched asset (`predictive.asset_outlook`),
 * latest by seq. Risk and money at stake are columns so the region's rankings sort in SQL:
 * money in fen (exact: the edge sends at most 2 decimals), the outlook itself as JSON.
 */
export async function assetOutlooksUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('predictive_outlooks')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('equipment_id', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('risk_score', 'integer', (c) => c.notNull())
    .addColumn('money_fen', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('predictive_outlooks_pk', ['store_id', 'equipment_id'])
    .execute();
  await db.schema
    .createIndex('predictive_outlooks_risk')
    .on('predictive_outlooks')
    .column('risk_score')
    .execute();
  await db.schema
    .createIndex('predictive_outlooks_money')
    .on('predictive_outlooks')
    .column('money_fen')
    .execute();
}
