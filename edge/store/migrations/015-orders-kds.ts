import type { Migration } from './index';

/**
 * POS orders and the kitchen tickets made of them.
 *
 * `pos_orders` holds the latest version of each order (keyed by the POS feed's label and
 * its id); `pos_events` every event id ever accepted, so a redelivery is a duplicate even
 * after the order moved on; `pos_intake_counts` what each feed sent and what became of it.
 *
 * `kds_tickets` are what one station makes of one version of an order (the original, an
 * addition, or a copy chained on from the station before). `kds_lines` are their lines; a
 * line's `order_id` is the order it belongs to now (a split bill or merged table moves it
 * to another order without a new ticket) and `line_key` the order line's id, with
 * `/{item}` for a combo's part. Quantities are whole portions. `fires_at` NULL is a later
 * course held until fired. `kds_actions` records every bump, recall and fire, by whom.
 */
export const m015OrdersKds: Migration = {
  version: 15,
  name: 'orders-kds',
  sql: `
    CREATE TABLE pos_orders (
      id INTEGER PRIMARY KEY,
      source TEXT NOT NULL,
      external_id TEXT NOT NULL,
      client TEXT NOT NULL,
      version INTEGER NOT NULL,
      channel TEXT NOT NULL,
      status TEXT NOT NULL,
      placed_at INTEGER NOT NULL,
      business_date TEXT NOT NULL,
      body TEXT NOT NULL,
      fired_courses INTEGER NOT NULL DEFAULT 0,
      received_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL,
      UNIQUE (source, external_id)
    );
    CREATE INDEX pos_orders_day ON pos_orders (business_date);

    CREATE TABLE pos_events (
      client TEXT NOT NULL,
      source TEXT NOT NULL,
      event_id TEXT NOT NULL,
      order_id INTEGER NOT NULL,
      version INTEGER NOT NULL,
      outcome TEXT NOT NULL,
      received_at INTEGER NOT NULL,
      PRIMARY KEY (client, source, event_id)
    ) WITHOUT ROWID;

    CREATE TABLE pos_intake_counts (
      client TEXT NOT NULL,
      source TEXT NOT NULL,
      received INTEGER NOT NULL DEFAULT 0,
      applied INTEGER NOT NULL DEFAULT 0,
      duplicates INTEGER NOT NULL DEFAULT 0,
      superseded INTEGER NOT NULL DEFAULT 0,
      refused INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (client, source)
    ) WITHOUT ROWID;

    CREATE TABLE kds_tickets (
      id INTEGER PRIMARY KEY,
      order_id INTEGER NOT NULL REFERENCES pos_orders (id),
      station TEXT NOT NULL,
      kind TEXT NOT NULL,
      version INTEGER NOT NULL,
      business_date TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      bumped_at INTEGER,
      bumped_by TEXT,
      recalled_at INTEGER,
      chained_from INTEGER
    );
    CREATE INDEX kds_tickets_open ON kds_tickets (station, id) WHERE bumped_at IS NULL;
    CREATE INDEX kds_tickets_day ON kds_tickets (station, business_date);
    CREATE INDEX kds_tickets_order ON kds_tickets (order_id, station);
    CREATE INDEX kds_tickets_bumped ON kds_tickets (bumped_at) WHERE bumped_at IS NOT NULL;

    CREATE TABLE kds_lines (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES kds_tickets (id),
      order_id INTEGER NOT NULL REFERENCES pos_orders (id),
      line_key TEXT NOT NULL,
      item TEXT NOT NULL,
      qty INTEGER NOT NULL CHECK (qty >= 0),
      removed_qty INTEGER NOT NULL DEFAULT 0 CHECK (removed_qty >= 0),
      course INTEGER NOT NULL,
      prep_s INTEGER NOT NULL,
      fires_at INTEGER,
      done_at INTEGER,
      voided INTEGER NOT NULL DEFAULT 0,
      changed INTEGER NOT NULL DEFAULT 0,
      detail TEXT NOT NULL
    );
    CREATE INDEX kds_lines_ticket ON kds_lines (ticket_id);
    CREATE INDEX kds_lines_owner ON kds_lines (order_id, line_key);

    CREATE TABLE kds_actions (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER,
      order_id INTEGER,
      action TEXT NOT NULL,
      actor TEXT NOT NULL,
      at INTEGER NOT NULL,
      detail TEXT
    );
    CREATE INDEX kds_actions_ticket ON kds_actions (ticket_id);
  `,
};
