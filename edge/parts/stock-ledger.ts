import type { MovementReason, PartMovementView } from '../../shared/api/parts';
import type { Database } from '../store/database';

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
  delta: number;
  on_hand_after: number;
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
      onHand: db.prepare<[string], { on_hand: number }>(
        'SELECT on_hand FROM part_stock WHERE part_number = ?',
      ),
      all: db.prepare<[], { part_number: string; on_hand: number }>(
        'SELECT part_number, on_hand FROM part_stock',
      ),
      seed: db.prepare(
        'INSERT OR IGNORE INTO part_stock (part_number, on_hand, updated_at) VALUES (?, ?, ?)',
      ),
      add: db.prepare<{ part: string; delta: number; at: number }, { on_hand: number }>(
        `INSERT INTO part_stock (part_number, on_hand, updated_at) VALUES (@part, @delta, @at)
         ON CONFLICT (part_number) DO UPDATE SET on_hand = on_hand + @delta, updated_at = @at
         RETURNING on_hand`,
      ),
      log: db.prepare(
        `INSERT INTO part_movements (part_number, delta, on_hand_after, reason, ticket_id, equipment_id,
           purchase_request_id, note, at, by)
         VALUES (@partNumber, @delta, @after, @reason, @ticketId, @equipmentId, @purchaseRequestId, @note, @at, @by)`,
      ),
      movements: db.prepare<[string, number], MovementRow>(
        'SELECT * FROM part_movements WHERE part_number = ? ORDER BY id DESC LIMIT ?',
      ),
      lastAtOrAbove: db.prepare<[string, number], { at: number | null }>(
        'SELECT max(at) AS at FROM part_movements WHERE part_number = ? AND on_hand_after >= ?',
      ),
      usedBetween: db.prepare<[number, number], MovementRow>(
        `SELECT * FROM part_movements WHERE reason = 'used' AND at >= ? AND at < ? ORDER BY id`,
      ),
    };
  }

  onHand(partNumber: string): number | undefined {
    return this.#s.onHand.get(partNumber)?.on_hand;
  }

  levels(): Map<string, number> {
    return new Map(this.#s.all.all().map((r) => [r.part_number, r.on_hand]));
  }

  /** The stock a part starts with when it first appears; false when it already has a level. */
  seed(partNumber: string, quantity: number, at: number): boolean {
    if (this.#s.seed.run(partNumber, quantity, at).changes === 0) return false;
    this.#log({ partNumber, delta: quantity, reason: 'seed', at, by: 'config' }, quantity);
    return true;
  }

  /** Applies the movement and records it; returns the level before and after. */
  move(movement: StockMovement): { before: number; after: number; movementId: number } {
    const after = this.#s.add.get({
      part: movement.partNumber,
      delta: movement.delta,
      at: movement.at,
    })!.on_hand;
    const movementId = this.#log(movement, after);
    return { before: after - movement.delta, after, movementId };
  }

  movements(partNumber: string, limit = 100): PartMovementView[] {
    return this.#s.movements.all(partNumber, limit).map(toView);
  }

  /** When the part's stock was last at or above `level`, if ever. */
  lastAtOrAbove(partNumber: string, level: number): number | undefined {
    return this.#s.lastAtOrAbove.get(partNumber, level)?.at ?? undefined;
  }

  /** Parts used on work orders with `from <= at < to`. */
  usedBetween(from: number, to: number): PartMovementView[] {
    return this.#s.usedBetween.all(from, to).map(toView);
  }

  #log(m: StockMovement, after: number): number {
    const result = this.#s.log.run({
      partNumber: m.partNumber,
      delta: m.delta,
      after,
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
    delta: r.delta,
    onHandAfter: r.on_hand_after,
    reason: r.reason as MovementReason,
    ticketId: r.ticket_id,
    equipmentId: r.equipment_id,
    purchaseRequestId: r.purchase_request_id,
    note: r.note,
    at: r.at,
    by: r.by,
  };
}
