import type { KdsActionView, KdsTicketKind } from '../../../shared/api/kds';
import type { OrderChannel } from '../../../shared/api/orders';
import type { Database } from '../../store/database';
import type { RoutedLineDetail } from './kitchen-routing';

export interface KdsTicketRow {
  id: number;
  orderId: number;
  station: string;
  kind: KdsTicketKind;
  version: number;
  businessDate: string;
  createdAt: number;
  bumpedAt: number | null;
  bumpedBy: string | null;
  recalledAt: number | null;
  chainedFrom: number | null;
}

export interface KdsLineRow {
  id: number;
  ticketId: number;
  orderId: number;
  key: string;
  item: string;
  qty: number;
  removedQty: number;
  course: number;
  prepS: number;
  firesAt: number | null;
  doneAt: number | null;
  voided: boolean;
  changed: boolean;
  detail: RoutedLineDetail;
  /** of the line's ticket */
  station: string;
  kind: KdsTicketKind;
}

export interface BumpedTicketTime {
  station: string;
  channel: OrderChannel;
  businessDate: string;
  createdAt: number;
  bumpedAt: number;
}

const TICKET_COLUMNS = `id, order_id AS orderId, station, kind, version, business_date AS businessDate,
  created_at AS createdAt, bumped_at AS bumpedAt, bumped_by AS bumpedBy, recalled_at AS recalledAt,
  chained_from AS chainedFrom`;

const LINE_COLUMNS = `l.id, l.ticket_id AS ticketId, l.order_id AS orderId, l.line_key AS key, l.item, l.qty,
  l.removed_qty AS removedQty, l.course, l.prep_s AS prepS, l.fires_at AS firesAt, l.done_at AS doneAt,
  l.voided, l.changed, l.detail, t.station, t.kind`;

type RawLine = Omit<KdsLineRow, 'voided' | 'changed' | 'detail'> & {
  voided: number;
  changed: number;
  detail: string;
};

const toLine = (row: RawLine): KdsLineRow => ({
  ...row,
  voided: row.voided === 1,
  changed: row.changed === 1,
  detail: JSON.parse(row.detail) as RoutedLineDetail,
});

function groupLines(lines: KdsLineRow[], key: (line: KdsLineRow) => number): Map<number, KdsLineRow[]> {
  const groups = new Map<number, KdsLineRow[]>();
  for (const line of lines) {
    const k = key(line);
    const group = groups.get(k);
    if (group) group.push(line);
    else groups.set(k, [line]);
  }
  return groups;
}

/** The SQL of kitchen tickets, their lines and the actions taken on them. */
export class KdsStore {
  readonly #db: Database;
  readonly #insertTicket;
  readonly #insertLine;
  readonly #ticket;
  readonly #open;
  readonly #bumped;
  readonly #day;
  readonly #ofOrder;
  readonly #linesOfTicket;
  readonly #linesOfOrder;
  readonly #linesOfTickets;
  readonly #linesOfOrders;
  readonly #setLine;
  readonly #setBumped;
  readonly #setRecalled;
  readonly #action;
  readonly #bumpedBetween;
  readonly #actions;

  constructor(db: Database) {
    this.#db = db;
    this.#insertTicket = db.prepare(
      `INSERT INTO kds_tickets (order_id, station, kind, version, business_date, created_at, chained_from)
       VALUES (@orderId, @station, @kind, @version, @businessDate, @createdAt, @chainedFrom)`,
    );
    this.#insertLine = db.prepare(
      `INSERT INTO kds_lines (ticket_id, order_id, line_key, item, qty, course, prep_s, fires_at, detail)
       VALUES (@ticketId, @orderId, @key, @item, @qty, @course, @prepS, @firesAt, @detail)`,
    );
    this.#ticket = db.prepare<[number], KdsTicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM kds_tickets WHERE id = ?`,
    );
    this.#open = db.prepare<[string], KdsTicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM kds_tickets WHERE station = ? AND bumped_at IS NULL ORDER BY id`,
    );
    this.#bumped = db.prepare<[string, string], KdsTicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM kds_tickets
       WHERE station = ? AND business_date = ? AND bumped_at IS NOT NULL ORDER BY bumped_at DESC, id DESC`,
    );
    this.#day = db.prepare<[string, string], KdsTicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM kds_tickets WHERE station = ? AND business_date = ? ORDER BY id`,
    );
    this.#ofOrder = db.prepare<[number], KdsTicketRow>(
      `SELECT ${TICKET_COLUMNS} FROM kds_tickets WHERE order_id = ? ORDER BY id`,
    );
    this.#linesOfTicket = db.prepare<[number], RawLine>(
      `SELECT ${LINE_COLUMNS} FROM kds_lines l JOIN kds_tickets t ON t.id = l.ticket_id WHERE l.ticket_id = ? ORDER BY l.id`,
    );
    // A station screen asks for all its open tickets at once: their lines in one query.
    this.#linesOfTickets = db.prepare<[string], RawLine>(
      `SELECT ${LINE_COLUMNS} FROM kds_lines l JOIN kds_tickets t ON t.id = l.ticket_id
       WHERE l.ticket_id IN (SELECT value FROM json_each(?)) ORDER BY l.id`,
    );
    this.#linesOfOrders = db.prepare<[string], RawLine>(
      `SELECT ${LINE_COLUMNS} FROM kds_lines l JOIN kds_tickets t ON t.id = l.ticket_id
       WHERE l.order_id IN (SELECT value FROM json_each(?)) ORDER BY l.id`,
    );
    this.#linesOfOrder = db.prepare<[number], RawLine>(
      `SELECT ${LINE_COLUMNS} FROM kds_lines l JOIN kds_tickets t ON t.id = l.ticket_id WHERE l.order_id = ? ORDER BY l.id`,
    );
    this.#setLine = db.prepare(
      `UPDATE kds_lines SET order_id = @orderId, line_key = @key, qty = @qty, removed_qty = @removedQty,
         fires_at = @firesAt, done_at = @doneAt, voided = @voided, changed = @changed, detail = @detail
       WHERE id = @id`,
    );
    this.#setBumped = db.prepare('UPDATE kds_tickets SET bumped_at = ?, bumped_by = ? WHERE id = ?');
    this.#setRecalled = db.prepare(
      'UPDATE kds_tickets SET bumped_at = NULL, bumped_by = NULL, recalled_at = ? WHERE id = ?',
    );
    this.#action = db.prepare(
      'INSERT INTO kds_actions (ticket_id, order_id, action, actor, at, detail) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#actions = db.prepare<
      [number, number],
      { action: KdsActionView['action']; actor: string; at: number; detail: string | null }
    >(
      `SELECT action, actor, at, detail FROM kds_actions
       WHERE ticket_id = ? OR (ticket_id IS NULL AND order_id = ?) ORDER BY id`,
    );
    this.#bumpedBetween = db.prepare<[number, number], BumpedTicketTime>(
      `SELECT t.station, o.channel, t.business_date AS businessDate, t.created_at AS createdAt, t.bumped_at AS bumpedAt
       FROM kds_tickets t JOIN pos_orders o ON o.id = t.order_id
       WHERE t.bumped_at >= ? AND t.bumped_at <= ? AND t.kind != 'chained'`,
    );
  }

  insertTicket(t: Omit<KdsTicketRow, 'id' | 'bumpedAt' | 'bumpedBy' | 'recalledAt'>): number {
    return Number(this.#insertTicket.run(t).lastInsertRowid);
  }

  insertLine(
    l: Pick<
      KdsLineRow,
      'ticketId' | 'orderId' | 'key' | 'item' | 'qty' | 'course' | 'prepS' | 'firesAt' | 'detail'
    >,
  ): number {
    return Number(this.#insertLine.run({ ...l, detail: JSON.stringify(l.detail) }).lastInsertRowid);
  }

  ticket(id: number): KdsTicketRow | undefined {
    return this.#ticket.get(id);
  }

  openTickets(station: string): KdsTicketRow[] {
    return this.#open.all(station);
  }

  bumpedTickets(station: string, businessDate: string): KdsTicketRow[] {
    return this.#bumped.all(station, businessDate);
  }

  dayTickets(station: string, businessDate: string): KdsTicketRow[] {
    return this.#day.all(station, businessDate);
  }

  ticketsOfOrder(orderId: number): KdsTicketRow[] {
    return this.#ofOrder.all(orderId);
  }

  linesOfTicket(ticketId: number): KdsLineRow[] {
    return this.#linesOfTicket.all(ticketId).map(toLine);
  }

  /** The lines of many tickets, by ticket id. */
  linesOfTickets(ticketIds: readonly number[]): Map<number, KdsLineRow[]> {
    return groupLines(this.#linesOfTickets.all(JSON.stringify(ticketIds)).map(toLine), (l) => l.ticketId);
  }

  /** The lines many orders own now, by order id. */
  linesOfOrders(orderIds: readonly number[]): Map<number, KdsLineRow[]> {
    return groupLines(this.#linesOfOrders.all(JSON.stringify(orderIds)).map(toLine), (l) => l.orderId);
  }

  /** Every kitchen line the order owns now, on any ticket (moved ones included). */
  linesOfOrder(orderId: number): KdsLineRow[] {
    return this.#linesOfOrder.all(orderId).map(toLine);
  }

  saveLine(line: KdsLineRow): void {
    this.#setLine.run({
      id: line.id,
      orderId: line.orderId,
      key: line.key,
      qty: line.qty,
      removedQty: line.removedQty,
      firesAt: line.firesAt,
      doneAt: line.doneAt,
      voided: line.voided ? 1 : 0,
      changed: line.changed ? 1 : 0,
      detail: JSON.stringify(line.detail),
    });
  }

  setBumped(ticketId: number, at: number, by: string): void {
    this.#setBumped.run(at, by, ticketId);
  }

  setRecalled(ticketId: number, at: number): void {
    this.#setRecalled.run(at, ticketId);
  }

  recordAction(a: {
    ticketId: number | null;
    orderId: number | null;
    action: string;
    actor: string;
    at: number;
    detail?: unknown;
  }): void {
    this.#action.run(
      a.ticketId,
      a.orderId,
      a.action,
      a.actor,
      a.at,
      a.detail === undefined ? null : JSON.stringify(a.detail),
    );
  }

  /** Every action on the ticket, and the fires of its order's courses, oldest first. */
  actionsOf(ticketId: number, orderId: number): KdsActionView[] {
    return this.#actions.all(ticketId, orderId).map((row) => ({
      action: row.action,
      actor: row.actor,
      at: row.at,
      ...(row.detail ? { detail: JSON.parse(row.detail) as Record<string, unknown> } : {}),
    }));
  }

  bumpedBetween(from: number, to: number): BumpedTicketTime[] {
    return this.#bumpedBetween.all(from, to);
  }

  get db(): Database {
    return this.#db;
  }
}
