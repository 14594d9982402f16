import Decimal from 'decimal.js';
import { UNFINISHED_STATUSES } from '../../../shared/api/tickets';
import type { TicketQuote } from '../../../shared/predictive/ticket-quote';
import type { Database } from '../../store/database';

interface QuoteRow {
  id: number;
  ticket_id: number;
  amount: string;
  note: string | null;
  at: number;
  by: string;
}

/** Not yet resolved: the repair the quote is for has not been done. */
const BEFORE_REPAIR = UNFINISHED_STATUSES.filter((s) => s !== 'resolved')
  .map((s) => `'${s}'`)
  .join(', ');

/** The SQL of migration 032's `ticket_quotes`: every quote kept, the latest per ticket counts. */
export class TicketQuoteStore {
  readonly #insert;
  readonly #latestOfTicket;
  readonly #openOfUnit;

  constructor(db: Database) {
    this.#insert = db.prepare(
      'INSERT INTO ticket_quotes (ticket_id, amount, note, at, by) VALUES (?, ?, ?, ?, ?)',
    );
    this.#latestOfTicket = db.prepare<[number], QuoteRow>(
      'SELECT * FROM ticket_quotes WHERE ticket_id = ? ORDER BY id DESC LIMIT 1',
    );
    this.#openOfUnit = db.prepare<[string], QuoteRow>(
      `SELECT q.* FROM ticket_quotes q JOIN tickets t ON t.id = q.ticket_id
       WHERE t.equipment_id = ? AND t.status IN (${BEFORE_REPAIR}) ORDER BY q.id DESC LIMIT 1`,
    );
  }

  /** Keeps the amount as exact two-decimal text ("24500" → "24500.00"). */
  add(ticketId: number, amount: string, note: string | undefined, at: number, by: string): TicketQuote {
    const exact = new Decimal(amount).toFixed(2);
    const id = Number(this.#insert.run(ticketId, exact, note ?? null, at, by).lastInsertRowid);
    return { id, ticketId, amount: exact, note: note ?? null, at, by };
  }

  latestOfTicket(ticketId: number): TicketQuote | undefined {
    const row = this.#latestOfTicket.get(ticketId);
    return row && toQuote(row);
  }

  /** "This repair's quote": the latest quote on a ticket of the unit whose repair is not done yet. */
  openQuoteOfUnit(equipmentId: string): TicketQuote | undefined {
    const row = this.#openOfUnit.get(equipmentId);
    return row && toQuote(row);
  }
}

function toQuote(row: QuoteRow): TicketQuote {
  return { id: row.id, ticketId: row.ticket_id, amount: row.amount, note: row.note, at: row.at, by: row.by };
}
