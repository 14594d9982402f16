import type { MovementReason, PartMovementView } from '../../../shared/api/parts';
import { fromThousandths, toThousandths } from '../../../shared/quantity';
import type { Database } from '../../store/database';

/** Quantities here are in the part's unit, exact to a thousandth; the ledger stores thousandths. */
export interface StockMovement {
  partNumber: string;
  delta: number;
  reason: MovementReason;
  at: number;
  by: string;
  ticketId?: number | null;
  equipmentId?: string | null;
  purchaseRequestId?: number | null;
  note?: string | null;
}

interface MovementRow {
  id: number;
  part_number: string;
  delta_milli: number;
  on_hand_after_milli: number;
  reason: string;
  ticket_id: number | null;
  equipment_id: string | null;
  purchase_request_id: number | null;
  note: string | null;
  at: number;
  by: string;
}

/** Stock level per part and the movement behind every change of it; callers hold the transaction. */
export class StockLedger {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      onHand: db.prepare<[string], { on_hand_milli: number }>(
        'SELECT on_hand_milli FROM part_stock WHERE part_number = ?',
      ),
      all: db.prepare<[], { part_number: string; on_hand_milli: number }>(
        'SELECT part_number, on_hand_milli FROM part_stock',
      ),
      seed: db.prepare(
        'INSERT OR IGNORE INTO part_stock (part_number, on_hand_milli, updated_at) VALUES (?, ?, ?)',
      ),
      // Integer thousandths: the sum is exact, and the CHECK refuses a level below 0.
      // An update first: SQLite checks an upsert's CHECK on the row it would insert, so a
      // negative delta on an existing part could not go through INSERT … ON CONFLICT.
      add: db.prepare<{ part: string; delta: number; at: number }, { on_hand_milli: number }>(
        `UPDATE part_stock SET on_hand_milli = on_hand_milli + @delta, updated_at = @at
         WHERE part_number = @part RETURNING on_hand_milli`,
      ),
      create: db.prepare<{ part: string; delta: number; at: number }, { on_hand_milli: number }>(
        `INSERT INTO part_stock (part_number, on_hand_milli, updated_at) VALUES (@part, @delta, @at)
         RETURNING on_hand_milli`,
      ),
      log: db.prepare(
        `INSERT INTO part_movements (part_number, delta_milli, on_hand_after_milli, reason, ticket_id,
           equipment_id, purchase_request_id, note, at, by)
         VALUES (@partNumber, @delta, @after, @reason, @ticketId, @equipmentId, @purchaseRequestId, @note, @at, @by)`,
      ),
      movements: db.prepare<[string, number], MovementRow>(
        'SELECT * FROM part_movements WHERE part_number = ? ORDER BY id DESC LIMIT ?',
      ),
      lastAtOrAbove: db.prepare<[string, number], { at: number | null }>(
        'SELECT max(at) AS at FROM part_movements WHERE part_number = ? AND on_hand_after_milli >= ?',
      ),
      usedBetween: db.prepare<[number, number], MovementRow>(
        `SELECT * FROM part_movements WHERE reason = 'used' AND at >= ? AND at < ? ORDER BY id`,
      ),
    };
  }

  onHand(partNumber: string): number | undefined {
    const row = this.#s.onHand.get(partNumber);
    return row && fromThousandths(row.on_hand_milli);
  }

  levels(): Map<string, number> {
    return new Map(this.#s.all.all().map((r) => [r.part_number, fromThousandths(r.on_hand_milli)]));
  }

  /** The stock a part starts with when it first appears; false when it already has a level. */
  seed(partNumber: string, quantity: number, at: number): boolean {
    const milli = toThousandths(quantity);
    if (this.#s.seed.run(partNumber, milli, at).changes === 0) return false;
    this.#log({ partNumber, delta: quantity, reason: 'seed', at, by: 'config' }, milli);
    return true;
  }

  /**
   * Applies the movement and records it; returns the level before and after. The
   * caller has checked the bounds; a level below 0 would still be refused by the
   * database (and the caller's transaction rolled back).
   */
  move(movement: StockMovement): { before: number; after: number; movementId: number } {
    const delta = toThousandths(movement.delta);
    const row = { part: movement.partNumber, delta, at: movement.at };
    const after = (this.#s.add.get(row) ?? this.#s.create.get(row))!.on_hand_milli;
    const movementId = this.#log(movement, after);
    return { before: fromThousandths(after - delta), after: fromThousandths(after), movementId };
  }

  movements(partNumber: string, limit = 100): PartMovementView[] {
    return this.#s.movements.all(partNumber, limit).map(toView);
  }

  /** When the part's stock was last at or above `level`, if ever. */
  lastAtOrAbove(partNumber: string, level: number): number | undefined {
    return this.#s.lastAtOrAbove.get(partNumber, toThousandths(level))?.at ?? undefined;
  }

  /** Parts used on work orders with `from <= at < to`. */
  usedBetween(from: number, to: number): PartMovementView[] {
    return this.#s.usedBetween.all(from, to).map(toView);
  }

  #log(m: StockMovement, afterMilli: number): number {
    const result = this.#s.log.run({
      partNumber: m.partNumber,
      delta: toThousandths(m.delta),
      after: afterMilli,
      reason: m.reason,
      ticketId: m.ticketId ?? null,
      equipmentId: m.equipmentId ?? null,
      purchaseRequestId: m.purchaseRequestId ?? null,
      note: m.note ?? null,
      at: m.at,
      by: m.by,
    });
    return Number(result.lastInsertRowid);
  }
}

function toView(r: MovementRow): PartMovementView {
  return {
    id: r.id,
    partNumber: r.part_number,
    delta: fromThousandths(r.delta_milli),
    onHandAfter: fromThousandths(r.on_hand_after_milli),
    reason: r.reason as MovementReason,
    ticketId: r.ticket_id,
    equipmentId: r.equipment_id,
    purchaseRequestId: r.purchase_request_id,
    note: r.note,
    at: r.at,
    by: r.by,
  };
}
