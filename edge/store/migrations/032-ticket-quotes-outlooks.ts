import type { Migration } from './index';

/**
 * Repair or replace on the box (edge/domains/predictive).
 *
 * `ticket_quotes`: every repair quote entered on a ticket, kept (a revised quote is a new
 * row, the latest one counts): `amount` is the exact decimal text the technician typed
 * ("24500.00"), summed with decimal.js, never by SQL.
 *
 * `predictive_outlooks`: the last asset outlook sent to central per asset, so a restart
 * does not resend an unchanged one and the hourly limit holds across it.
 */
export const m032TicketQuotesOutlooks: Migration = {
  version: 32,
  name: 'ticket-quotes-outlooks',
  sql: `
    CREATE TABLE ticket_quotes (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES tickets (id),
      amount TEXT NOT NULL,
      note TEXT,
      at INTEGER NOT NULL,
      by TEXT NOT NULL
    );
    CREATE INDEX ticket_quotes_ticket ON ticket_quotes (ticket_id, id);

    CREATE TABLE predictive_outlooks (
      equipment_id TEXT PRIMARY KEY,
      outlook_json TEXT NOT NULL,
      sent_at INTEGER NOT NULL
    );
  `,
};
