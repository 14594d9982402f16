import type { Kysely } from 'kysely';

/**
 * Stock and 86s: each ingredient's newest synced level with its low-stock state, each
 * day's newest variance report, every menu-availability change and the 86 episodes
 * built from them, and each order's items (the `order.applied` field the edge does not
 * send yet). Quantities and prices are integer thousandths, so both dialects keep them exact.
 */
export async function stockAndAvailabilityUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stock_levels')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('ingredient', 'text', (c) => c.notNull())
    .addColumn('tracked', 'integer', (c) => c.notNull())
    .addColumn('on_hand_milli', 'bigint')
    .addColumn('projected_milli', 'bigint')
    .addColumn('level_at', 'bigint', (c) => c.notNull())
    .addColumn('level_seq', 'bigint', (c) => c.notNull())
    .addColumn('min_milli', 'bigint')
    .addColumn('low_since', 'bigint')
    .addColumn('low_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('stock_levels_pk', ['store_id', 'ingredient'])
    .execute();
  await db.schema
    .createTable('stock_variance_days')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('totals', 'text', (c) => c.notNull())
    .addColumn('reported_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_variance_days_pk', ['store_id', 'business_date'])
    .execute();
  await db.schema
    .createTable('stock_variance')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('business_date', 'text', (c) => c.notNull())
    .addColumn('ingredient', 'text', (c) => c.notNull())
    .addColumn('base_unit', 'text', (c) => c.notNull())
    .addColumn('variance_milli', 'bigint')
    .addColumn('net_variance_milli', 'bigint')
    .addColumn('line', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stock_variance_pk', ['store_id', 'business_date', 'ingredient'])
    .execute();
  await db.schema
    .createTable('menu_availability_changes')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('available', 'integer', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('menu_availability_changes_pk', ['store_id', 'item', 'seq'])
    .execute();
  await db.schema
    .createTable('eighty_six_episodes')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('open_seq', 'bigint', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('close_seq', 'bigint')
    .addColumn('ended_at', 'bigint')
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('equipment', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('eighty_six_episodes_pk', ['store_id', 'item', 'open_seq'])
    .execute();
  await db.schema
    .createIndex('eighty_six_episodes_started')
    .on('eighty_six_episodes')
    .columns(['store_id', 'started_at'])
    .execute();
  await db.schema
    .createTable('store_order_items')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('order_key', 'text', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('qty', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('placed_at', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text')
    .addColumn('unit_price_milli', 'bigint')
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('store_order_items_pk', ['store_id', 'order_key', 'item'])
    .execute();
  await db.schema
    .createIndex('store_order_items_sold')
    .on('store_order_items')
    .columns(['store_id', 'item', 'placed_at'])
    .execute();
}

/**
 * Equipment downtime as the stores price it: one row per closed episode (`downtime.cost`),
 * its newest version by seq, with each unit's share. Portions and money are integer
 * thousandths, as in the stock tables. Central's own estimate read each order's items,
 * which no edge sends; its table goes with it.
 */
export async function downtimeCostsUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('downtime_costs')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('episode_id', 'bigint', (c) => c.notNull())
    .addColumn('item', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('priced', 'integer', (c) => c.notNull())
    .addColumn('portions_milli', 'bigint', (c) => c.notNull())
    .addColumn('amount_milli', 'bigint', (c) => c.notNull())
    .addColumn('rate_basis', 'text', (c) => c.notNull())
    .addColumn('shares', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('downtime_costs_pk', ['store_id', 'episode_id'])
    .execute();
  await db.schema
    .createIndex('downtime_costs_ended')
    .on('downtime_costs')
    .columns(['store_id', 'ended_at'])
    .execute();
  await db.schema.dropTable('store_order_items').execute();
}
