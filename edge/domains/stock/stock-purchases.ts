import type { PurchaseStatus } from '../../../shared/api/parts';
import type { StockPurchasesQuery, StockPurchaseView } from '../../../shared/api/stock';
import { fromThousandths } from '../../../shared/quantity';
import type { Database } from '../../store/database';

interface PurchaseRow {
  id: number;
  ingredient: string;
  qty_milli: number;
  pack_id: string | null;
  packs: number | null;
  status: string;
  requested_at: number;
  requested_by: string;
  decided_at: number | null;
  decided_by: string | null;
  received_at: number | null;
  received_by: string | null;
  received_milli: number | null;
  updated_at: number;
}

const OPEN = `status IN ('requested', 'approved')`;

/**
 * Ingredient purchase requests with their step-by-step history. They are a table of
 * their own, not the parts' `purchase_requests`: that one is keyed by a part of the
 * parts catalogue, and the parts service would try to restock a part on receipt.
 * The states and their transitions are the parts' (purchase-lifecycle.ts).
 */
export class StockPurchases {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      get: db.prepare<[number], PurchaseRow>('SELECT * FROM stock_purchase_requests WHERE id = ?'),
      openIds: db.prepare<[], { id: number; ingredient: string }>(
        `SELECT id, ingredient FROM stock_purchase_requests WHERE ${OPEN}`,
      ),
      // The partial unique index makes a second open request for an ingredient a no-op.
      insert: db.prepare(
        `INSERT OR IGNORE INTO stock_purchase_requests (ingredient, qty_milli, pack_id, packs, status,
           requested_at, requested_by, updated_at)
         VALUES (@ingredient, @qtyMilli, @packId, @packs, 'requested', @at, @by, @at)`,
      ),
      decide: db.prepare(
        `UPDATE stock_purchase_requests SET status = @status, decided_at = @at, decided_by = @by, updated_at = @at
         WHERE id = @id`,
      ),
      receive: db.prepare(
        `UPDATE stock_purchase_requests SET status = 'received', received_at = @at, received_by = @by,
           received_milli = @milli, updated_at = @at WHERE id = @id`,
      ),
      log: db.prepare(
        `INSERT INTO stock_purchase_transitions (request_id, from_status, to_status, at, by, note)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      history: db.prepare<
        [number],
        { from_status: string | null; to_status: string; at: number; by: string; note: string | null }
      >(
        'SELECT from_status, to_status, at, by, note FROM stock_purchase_transitions WHERE request_id = ? ORDER BY id',
      ),
      list: db.prepare<{ status: string; limit: number }, PurchaseRow>(
        `SELECT * FROM stock_purchase_requests
         WHERE (@status = 'all' OR (@status = 'open' AND ${OPEN}) OR status = @status)
         ORDER BY id DESC LIMIT @limit`,
      ),
    };
  }

  get(id: number): StockPurchaseView | undefined {
    const row = this.#s.get.get(id);
    return row && this.#view(row);
  }

  /** ingredient → id of its open request */
  openIds(): Map<string, number> {
    return new Map(this.#s.openIds.all().map((r) => [r.ingredient, r.id]));
  }

  /** A new request, or undefined when the ingredient already has an open one. */
  insert(request: {
    ingredient: string;
    qtyMilli: number;
    packId: string | null;
    packs: number | null;
    at: number;
    by: string;
  }): number | undefined {
    const result = this.#s.insert.run(request);
    if (result.changes === 0) return undefined;
    const id = Number(result.lastInsertRowid);
    this.#s.log.run(id, null, 'requested', request.at, request.by, 'reorder suggestion');
    return id;
  }

  decide(
    id: number,
    from: PurchaseStatus,
    to: 'approved' | 'rejected',
    at: number,
    by: string,
    note?: string,
  ) {
    this.#s.decide.run({ id, status: to, at, by });
    this.#s.log.run(id, from, to, at, by, note ?? null);
  }

  receive(id: number, milli: number, at: number, by: string, note?: string): void {
    this.#s.receive.run({ id, milli, at, by });
    this.#s.log.run(id, 'approved', 'received', at, by, note ?? null);
  }

  list(query: StockPurchasesQuery): StockPurchaseView[] {
    return this.#s.list.all(query).map((r) => this.#view(r));
  }

  #view(row: PurchaseRow): StockPurchaseView {
    return {
      id: row.id,
      ingredient: row.ingredient,
      qty: fromThousandths(row.qty_milli),
      packId: row.pack_id,
      packs: row.packs,
      status: row.status as PurchaseStatus,
      requestedAt: row.requested_at,
      requestedBy: row.requested_by,
      decidedAt: row.decided_at,
      decidedBy: row.decided_by,
      receivedAt: row.received_at,
      receivedBy: row.received_by,
      receivedQty: row.received_milli === null ? null : fromThousandths(row.received_milli),
      history: this.#s.history.all(row.id).map((h) => ({
        from: h.from_status as PurchaseStatus | null,
        to: h.to_status as PurchaseStatus,
        at: h.at,
        by: h.by,
        note: h.note,
      })),
    };
  }
}
