import type {
  PurchaseRequestsQuery,
  PurchaseRequestView,
  PurchaseStatus,
  PurchaseTransitionRecord,
} from '../../../shared/api/parts';
import { fromThousandths, toThousandths } from '../../../shared/quantity';
import type { Database } from '../../store/database';

interface PurchaseRow {
  id: number;
  part_number: string;
  quantity_milli: number;
  status: string;
  reason: string;
  requested_at: number;
  requested_by: string;
  decided_at: number | null;
  decided_by: string | null;
  received_at: number | null;
  received_by: string | null;
  received_quantity_milli: number | null;
  updated_at: number;
}

/** Quantities in the part's unit; stored as integer thousandths. */
export type PurchaseUpdate = Partial<
  Pick<PurchaseRow, 'decided_at' | 'decided_by' | 'received_at' | 'received_by'> & {
    received_quantity: number;
  }
>;

const OPEN = `status IN ('requested', 'approved')`;

/** Purchase requests and their step-by-step history; callers hold the transaction. */
export class PurchaseStore {
  readonly #db: Database;
  readonly #s;

  constructor(db: Database) {
    this.#db = db;
    this.#s = {
      get: db.prepare<[number], PurchaseRow>('SELECT * FROM purchase_requests WHERE id = ?'),
      openFor: db.prepare<[string], PurchaseRow>(
        `SELECT * FROM purchase_requests WHERE part_number = ? AND ${OPEN}`,
      ),
      lastRejectedAt: db.prepare<[string], { at: number | null }>(
        `SELECT max(decided_at) AS at FROM purchase_requests WHERE part_number = ? AND status = 'rejected'`,
      ),
      openIds: db.prepare<[], { id: number; part_number: string }>(
        `SELECT id, part_number FROM purchase_requests WHERE ${OPEN}`,
      ),
      // The partial unique index turns a second open request for the part into a no-op.
      insert: db.prepare(
        `INSERT OR IGNORE INTO purchase_requests (part_number, quantity_milli, status, reason, requested_at,
           requested_by, updated_at)
         VALUES (@partNumber, @quantity, 'requested', @reason, @at, @by, @at)`,
      ),
      log: db.prepare(
        `INSERT INTO purchase_request_transitions (request_id, from_status, to_status, at, by, note)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      history: db.prepare<
        [number],
        { from_status: string | null; to_status: string; at: number; by: string; note: string | null }
      >(
        'SELECT from_status, to_status, at, by, note FROM purchase_request_transitions WHERE request_id = ? ORDER BY id',
      ),
      list: db.prepare<{ status: string; part: string | null; limit: number }, PurchaseRow>(
        `SELECT * FROM purchase_requests
         WHERE (@status = 'all' OR (@status = 'open' AND ${OPEN}) OR status = @status)
           AND (@part IS NULL OR part_number = @part)
         ORDER BY id DESC LIMIT @limit`,
      ),
    };
  }

  get(id: number): PurchaseRequestView | undefined {
    const row = this.#s.get.get(id);
    return row && this.#toView(row);
  }

  openFor(partNumber: string): PurchaseRequestView | undefined {
    const row = this.#s.openFor.get(partNumber);
    return row && this.#toView(row);
  }

  lastRejectedAt(partNumber: string): number | undefined {
    return this.#s.lastRejectedAt.get(partNumber)?.at ?? undefined;
  }

  /** part number → id of its open request. */
  openIds(): Map<string, number> {
    return new Map(this.#s.openIds.all().map((r) => [r.part_number, r.id]));
  }

  /** A new request, or undefined when the part already has an open one. */
  insertIfNoneOpen(request: {
    partNumber: string;
    quantity: number;
    reason: 'reorder_point' | 'manual';
    at: number;
    by: string;
  }): number | undefined {
    const result = this.#s.insert.run({ ...request, quantity: toThousandths(request.quantity) });
    return result.changes > 0 ? Number(result.lastInsertRowid) : undefined;
  }

  update(id: number, status: PurchaseStatus, update: PurchaseUpdate, at: number): void {
    const { received_quantity, ...rest } = update;
    const changes: Record<string, number | string | null> = { ...rest };
    if (received_quantity !== undefined) changes.received_quantity_milli = toThousandths(received_quantity);
    const sets = ['status = @status', 'updated_at = @at', ...Object.keys(changes).map((c) => `${c} = @${c}`)];
    this.#db
      .prepare(`UPDATE purchase_requests SET ${sets.join(', ')} WHERE id = @id`)
      .run({ ...changes, status, at, id });
  }

  logTransition(
    id: number,
    from: PurchaseStatus | null,
    to: PurchaseStatus,
    at: number,
    by: string,
    note?: string,
  ) {
    this.#s.log.run(id, from, to, at, by, note ?? null);
  }

  list(query: PurchaseRequestsQuery): PurchaseRequestView[] {
    return this.#s.list
      .all({ status: query.status, part: query.partNumber ?? null, limit: query.limit })
      .map((r) => this.#toView(r));
  }

  #toView(row: PurchaseRow): PurchaseRequestView {
    const history: PurchaseTransitionRecord[] = this.#s.history.all(row.id).map((h) => ({
      from: h.from_status as PurchaseStatus | null,
      to: h.to_status as PurchaseStatus,
      at: h.at,
      by: h.by,
      note: h.note,
    }));
    return {
      id: row.id,
      partNumber: row.part_number,
      quantity: fromThousandths(row.quantity_milli),
      status: row.status as PurchaseStatus,
      reason: row.reason as PurchaseRequestView['reason'],
      requestedAt: row.requested_at,
      requestedBy: row.requested_by,
      decidedAt: row.decided_at,
      decidedBy: row.decided_by,
      receivedAt: row.received_at,
      receivedBy: row.received_by,
      receivedQuantity:
        row.received_quantity_milli === null ? null : fromThousandths(row.received_quantity_milli),
      updatedAt: row.updated_at,
      history,
    };
  }
}
