import type { IntakeCounts, IntakeOutcome, IntakeStats, PosOrder } from '../../../shared/api/orders';
import type { Database } from '../../store/database';

export interface StoredOrder {
  id: number;
  source: string;
  externalId: string;
  client: string;
  version: number;
  channel: PosOrder['channel'];
  status: PosOrder['status'];
  placedAt: number;
  businessDate: string;
  order: PosOrder;
  /** bit n set: course n was released to the kitchen */
  firedCourses: number;
}

interface OrderRow {
  id: number;
  source: string;
  external_id: string;
  client: string;
  version: number;
  channel: PosOrder['channel'];
  status: PosOrder['status'];
  placed_at: number;
  business_date: string;
  body: string;
  fired_courses: number;
}

type CountColumn = 'received' | 'applied' | 'duplicates' | 'superseded' | 'refused';

/** SQL of POS orders, the events that brought them, and the counts per feed. */
export class OrderStore {
  readonly #byKey;
  readonly #byId;
  readonly #insert;
  readonly #update;
  readonly #setFired;
  readonly #event;
  readonly #insertEvent;
  readonly #count: Record<CountColumn, ReturnType<typeof prepareCount>>;
  readonly #counts;

  constructor(db: Database) {
    this.#byKey = db.prepare<[string, string], OrderRow>(
      'SELECT * FROM pos_orders WHERE source = ? AND external_id = ?',
    );
    this.#byId = db.prepare<[number], OrderRow>('SELECT * FROM pos_orders WHERE id = ?');
    this.#insert = db.prepare(
      `INSERT INTO pos_orders (source, external_id, client, version, channel, status, placed_at, business_date,
         body, received_at, updated_at)
       VALUES (@source, @externalId, @client, @version, @channel, @status, @placedAt, @businessDate, @body, @at, @at)`,
    );
    this.#update = db.prepare(
      `UPDATE pos_orders SET version = @version, channel = @channel, status = @status, body = @body,
         client = @client, updated_at = @at WHERE id = @id`,
    );
    this.#setFired = db.prepare('UPDATE pos_orders SET fired_courses = ? WHERE id = ?');
    this.#event = db.prepare<[string, string, string], { order_id: number; version: number }>(
      'SELECT order_id, version FROM pos_events WHERE client = ? AND source = ? AND event_id = ?',
    );
    this.#insertEvent = db.prepare(
      `INSERT INTO pos_events (client, source, event_id, order_id, version, outcome, received_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const bump = (column: CountColumn) => prepareCount(db, column);
    this.#count = {
      received: bump('received'),
      applied: bump('applied'),
      duplicates: bump('duplicates'),
      superseded: bump('superseded'),
      refused: bump('refused'),
    };
    this.#counts = db.prepare<[], IntakeCounts & { client: string; source: string }>(
      'SELECT client, source, received, applied, duplicates, superseded, refused FROM pos_intake_counts ORDER BY client, source',
    );
  }

  find(source: string, externalId: string): StoredOrder | undefined {
    const row = this.#byKey.get(source, externalId);
    return row && toOrder(row);
  }

  get(id: number): StoredOrder | undefined {
    const row = this.#byId.get(id);
    return row && toOrder(row);
  }

  insert(o: Omit<StoredOrder, 'id' | 'firedCourses'>, at: number): number {
    const result = this.#insert.run({
      source: o.source,
      externalId: o.externalId,
      client: o.client,
      version: o.version,
      channel: o.channel,
      status: o.status,
      placedAt: o.placedAt,
      businessDate: o.businessDate,
      body: JSON.stringify(o.order),
      at,
    });
    return Number(result.lastInsertRowid);
  }

  replace(id: number, client: string, order: PosOrder, at: number): void {
    this.#update.run({
      id,
      client,
      version: order.version,
      channel: order.channel,
      status: order.status,
      body: JSON.stringify(order),
      at,
    });
  }

  setFiredCourses(id: number, mask: number): void {
    this.#setFired.run(mask, id);
  }

  event(client: string, source: string, eventId: string): { orderId: number; version: number } | undefined {
    const row = this.#event.get(client, source, eventId);
    return row && { orderId: row.order_id, version: row.version };
  }

  recordEvent(
    e: { client: string; source: string; eventId: string; orderId: number; version: number },
    outcome: IntakeOutcome,
    at: number,
  ): void {
    this.#insertEvent.run(e.client, e.source, e.eventId, e.orderId, e.version, outcome, at);
  }

  count(client: string, source: string, column: CountColumn): void {
    this.#count[column].run(client, source);
  }

  stats(): IntakeStats {
    const bySource = this.#counts.all();
    const total: IntakeCounts = { received: 0, applied: 0, duplicates: 0, superseded: 0, refused: 0 };
    for (const row of bySource) {
      total.received += row.received;
      total.applied += row.applied;
      total.duplicates += row.duplicates;
      total.superseded += row.superseded;
      total.refused += row.refused;
    }
    return { total, bySource };
  }
}

function prepareCount(db: Database, column: CountColumn) {
  return db.prepare<[string, string]>(
    `INSERT INTO pos_intake_counts (client, source, ${column}) VALUES (?, ?, 1)
     ON CONFLICT (client, source) DO UPDATE SET ${column} = ${column} + 1`,
  );
}

function toOrder(row: OrderRow): StoredOrder {
  return {
    id: row.id,
    source: row.source,
    externalId: row.external_id,
    client: row.client,
    version: row.version,
    channel: row.channel,
    status: row.status,
    placedAt: row.placed_at,
    businessDate: row.business_date,
    order: JSON.parse(row.body) as PosOrder,
    firedCourses: row.fired_courses,
  };
}
