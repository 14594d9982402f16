import type { Kysely } from 'kysely';

/**
 * Migration 008: food safety (HACCP) as the stores sync it. Excursions, corrective actions
 * and control-point days keep their newest version by seq; chain heads are all kept, and a
 * tamper alert keeps both heads it was found between. Nothing here expires: records must be
 * kept at least two years, and central is where the box cannot reach them.
 */
export async function foodSafetyUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('food_safety_excursions')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('excursion_id', 'bigint', (c) => c.notNull())
    .addColumn('control_point_id', 'text', (c) => c.notNull())
    .addColumn('equipment_id', 'text', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('food_safety_excursions_pk', ['store_id', 'excursion_id'])
    .execute();
  await db.schema
    .createIndex('food_safety_excursions_started')
    .on('food_safety_excursions')
    .columns(['store_id', 'started_at'])
    .execute();
  await db.schema
    .createTable('food_safety_actions')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('action_id', 'bigint', (c) => c.notNull())
    .addColumn('excursion_id', 'bigint', (c) => c.notNull())
    .addColumn('control_point_id', 'text', (c) => c.notNull())
    .addColumn('open', 'integer', (c) => c.notNull())
    .addColumn('escalation', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('food_safety_actions_pk', ['store_id', 'action_id'])
    .execute();
  await db.schema
    .createIndex('food_safety_actions_open')
    .on('food_safety_actions')
    .columns(['store_id', 'open', 'opened_at'])
    .execute();
  await db.schema
    .createTable('food_safety_days')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('control_point_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('day_start', 'bigint', (c) => c.notNull())
    .addColumn('minutes_in_day', 'integer', (c) => c.notNull())
    .addColumn('in_limit_min', 'integer', (c) => c.notNull())
    .addColumn('excused_min', 'integer', (c) => c.notNull())
    .addColumn('out_of_limit_min', 'integer', (c) => c.notNull())
    .addColumn('no_data_min', 'integer', (c) => c.notNull())
    .addColumn('pass', 'integer', (c) => c.notNull())
    .addColumn('excursions', 'integer', (c) => c.notNull())
    .addColumn('missed_checks', 'integer', (c) => c.notNull())
    .addColumn('view', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('food_safety_days_pk', ['store_id', 'control_point_id', 'day'])
    .execute();
  await db.schema
    .createIndex('food_safety_days_start')
    .on('food_safety_days')
    .columns(['store_id', 'day_start'])
    .execute();
  await db.schema
    .createTable('food_safety_chain_heads')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('event_seq', 'bigint', (c) => c.notNull())
    .addColumn('chain_seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('food_safety_chain_heads_pk', ['store_id', 'event_seq'])
    .execute();
  await db.schema
    .createTable('food_safety_tamper_alerts')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('earlier_event_seq', 'bigint', (c) => c.notNull())
    .addColumn('later_event_seq', 'bigint', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('earlier_chain_seq', 'bigint', (c) => c.notNull())
    .addColumn('earlier_hash', 'text', (c) => c.notNull())
    .addColumn('earlier_at', 'bigint', (c) => c.notNull())
    .addColumn('later_chain_seq', 'bigint', (c) => c.notNull())
    .addColumn('later_hash', 'text', (c) => c.notNull())
    .addColumn('later_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('food_safety_tamper_alerts_pk', [
      'store_id',
      'earlier_event_seq',
      'later_event_seq',
    ])
    .execute();
}
