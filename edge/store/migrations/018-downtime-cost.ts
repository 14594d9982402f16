import type { Migration } from './index';

/**
 * Equipment downtime cost.
 *
 * `downtime_episodes`: a stretch of time one menu item was kept off by the same set of
 * units down (with the same alarms and tickets); `units` holds them as JSON, `unit_key`
 * names the set so a restart recognises the episode it left open. At most one is open per
 * item, which the database enforces, so a replayed change cannot open it twice. It is
 * priced once, when it ends: `portions_milli` in thousandths of a portion, `amount_minor`
 * in the currency's minor unit, `price_minor` NULL when the item had no price.
 *
 * `downtime_costs`: each episode's shares, one per unit down, against the ticket
 * responsible (NULL when only an alarm was), so a ticket or an equipment sums its rows.
 *
 * `pos_orders_placed`: sales rates read orders by the hour they were placed.
 */
export const m018DowntimeCost: Migration = {
  version: 18,
  name: 'downtime-cost',
  sql: `
    CREATE TABLE downtime_episodes (
      id INTEGER PRIMARY KEY,
      item TEXT NOT NULL,
      unit_key TEXT NOT NULL,
      units TEXT NOT NULL,
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      currency TEXT,
      price_minor INTEGER,
      portions_milli INTEGER,
      amount_minor INTEGER,
      rate_basis TEXT
    );
    CREATE UNIQUE INDEX downtime_episodes_one_open ON downtime_episodes (item) WHERE ended_at IS NULL;
    CREATE INDEX downtime_episodes_ended ON downtime_episodes (ended_at);

    CREATE TABLE downtime_costs (
      episode_id INTEGER NOT NULL REFERENCES downtime_episodes (id),
      equipment_id TEXT NOT NULL,
      ticket_id INTEGER REFERENCES tickets (id),
      alarm_id INTEGER REFERENCES alarms (id),
      portions_milli INTEGER NOT NULL,
      amount_minor INTEGER NOT NULL,
      PRIMARY KEY (episode_id, equipment_id)
    ) WITHOUT ROWID;
    CREATE INDEX downtime_costs_ticket ON downtime_costs (ticket_id) WHERE ticket_id IS NOT NULL;
    CREATE INDEX downtime_costs_alarm ON downtime_costs (alarm_id) WHERE alarm_id IS NOT NULL;
    CREATE INDEX downtime_costs_equipment ON downtime_costs (equipment_id);

    CREATE INDEX pos_orders_placed ON pos_orders (placed_at);
  `,
};
