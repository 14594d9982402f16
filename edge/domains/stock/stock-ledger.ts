import type { MovementReason, StockMovementView } from '../../../shared/api/stock';
import { fromThousandths } from '../../../shared/quantity';
import type { Database } from '../../store/database';

/** A row of the ledger about to be written; quantities in integer thousandths. */
export interface MovementInput {
  ingredient: string;
  deltaMilli: number;
  reason: MovementReason;
  /** for a count: the level counted */
  countedMilli?: number;
  ref?: string | null;
  note?: string | null;
  at: number;
  businessDate: string;
  by: string;
}

export interface LevelRow {
  ingredient: string;
  counted_milli: number | null;
  last_count_id: number | null;
  last_count_at: number | null;
  on_hand_milli: number;
  projected_milli: number;
  low_alerted: number;
}

interface MovementRow {
  id: number;
  ingredient: string;
  delta_milli: number;
  reason: string;
  counted_milli: number | null;
  ref: string | null;
  note: string | null;
  at: number;
  business_date: string;
  by: string;
}

/** Deliveries and adjustments change what is on hand; usage and waste only the projection. */
const INTO_ON_HAND: ReadonlySet<MovementReason> = new Set(['delivery', 'adjust']);

/**
 * A batch made is goods in for the sub-recipe (on hand, like a delivery) and usage for
 * its ingredients (the projection only, like a sale).
 */
const movesOnHand = (m: Pick<MovementInput, 'reason' | 'deltaMilli'>): boolean =>
  INTO_ON_HAND.has(m.reason) || (m.reason === 'production' && m.deltaMilli > 0);

/** Sums over a window of the ledger, thousandths: what the variance report is made of. */
export interface WindowSums {
  received: number;
  theoretical: number;
  waste: number;
}

/**
 * The stock ledger, running levels and per-order usage, over prepared statements;
 * callers hold the transaction.
 */
export class StockLedger {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      level: db.prepare<[string], LevelRow>('SELECT * FROM stock_levels WHERE ingredient = ?'),
      levels: db.prepare<[], LevelRow>('SELECT * FROM stock_levels'),
      upsertLevel: db.prepare(
        `INSERT INTO stock_levels (ingredient, counted_milli, last_count_id, last_count_at, on_hand_milli,
           projected_milli, low_alerted, updated_at)
         VALUES (@ingredient, @counted_milli, @last_count_id, @last_count_at, @on_hand_milli, @projected_milli,
           @low_alerted, @at)
         ON CONFLICT (ingredient) DO UPDATE SET counted_milli = excluded.counted_milli,
           last_count_id = excluded.last_count_id, last_count_at = excluded.last_count_at,
           on_hand_milli = excluded.on_hand_milli, projected_milli = excluded.projected_milli,
           low_alerted = excluded.low_alerted, updated_at = excluded.updated_at`,
      ),
      setAlerted: db.prepare<[number, string]>(
        'UPDATE stock_levels SET low_alerted = ? WHERE ingredient = ?',
      ),
      log: db.prepare(
        `INSERT INTO stock_movements (ingredient, delta_milli, reason, counted_milli, ref, note, at, business_date, by)
         VALUES (@ingredient, @deltaMilli, @reason, @countedMilli, @ref, @note, @at, @businessDate, @by)`,
      ),
      movements: db.prepare<[string, number], MovementRow>(
        'SELECT * FROM stock_movements WHERE ingredient = ? ORDER BY id DESC LIMIT ?',
      ),
      countsOn: db.prepare<[string, string], MovementRow>(
        `SELECT * FROM stock_movements WHERE ingredient = ? AND reason = 'count' AND business_date = ? ORDER BY id`,
      ),
      countBefore: db.prepare<[string, string], MovementRow>(
        `SELECT * FROM stock_movements WHERE ingredient = ? AND reason = 'count' AND business_date < ?
         ORDER BY id DESC LIMIT 1`,
      ),
      windowSums: db.prepare<[string, number, number], SumRow>(
        `SELECT reason, delta_milli > 0 AS incoming, sum(delta_milli) AS total FROM stock_movements
         WHERE ingredient = ? AND id > ? AND id <= ? GROUP BY reason, incoming`,
      ),
      daySums: db.prepare<[string, string], SumRow>(
        `SELECT reason, delta_milli > 0 AS incoming, sum(delta_milli) AS total FROM stock_movements
         WHERE ingredient = ? AND business_date = ? GROUP BY reason, incoming`,
      ),
      orderSeen: db.prepare<[string], { order_key: string }>(
        'SELECT order_key FROM stock_orders WHERE order_key = ?',
      ),
      markOrder: db.prepare<[string, number]>(
        `INSERT INTO stock_orders (order_key, updated_at) VALUES (?, ?)
         ON CONFLICT (order_key) DO UPDATE SET updated_at = excluded.updated_at`,
      ),
      orderUsage: db.prepare<[string], { line_id: string; ingredient: string; qty_milli: number }>(
        'SELECT line_id, ingredient, qty_milli FROM stock_order_usage WHERE order_key = ?',
      ),
      setUsage: db.prepare(
        `INSERT INTO stock_order_usage (order_key, line_id, ingredient, qty_milli) VALUES (?, ?, ?, ?)
         ON CONFLICT (order_key, line_id, ingredient) DO UPDATE SET qty_milli = excluded.qty_milli`,
      ),
      clearUsage: db.prepare<[string, string, string]>(
        'DELETE FROM stock_order_usage WHERE order_key = ? AND line_id = ? AND ingredient = ?',
      ),
    };
  }

  level(ingredient: string): LevelRow | undefined {
    return this.#s.level.get(ingredient);
  }

  levels(): Map<string, LevelRow> {
    return new Map(this.#s.levels.all().map((r) => [r.ingredient, r]));
  }

  /**
   * Writes the movement and moves the running level: a count sets both levels to what
   * was counted (its delta is what the book was off by), a delivery or adjustment
   * moves both, usage and waste only the projection. Returns the level after.
   */
  move(m: MovementInput): LevelRow {
    const id = Number(
      this.#s.log.run({
        ingredient: m.ingredient,
        deltaMilli: m.deltaMilli,
        reason: m.reason,
        countedMilli: m.countedMilli ?? null,
        ref: m.ref ?? null,
        note: m.note ?? null,
        at: m.at,
        businessDate: m.businessDate,
        by: m.by,
      }).lastInsertRowid,
    );
    const before = this.level(m.ingredient) ?? {
      ingredient: m.ingredient,
      counted_milli: null,
      last_count_id: null,
      last_count_at: null,
      on_hand_milli: 0,
      projected_milli: 0,
      low_alerted: 0,
    };
    const after: LevelRow =
      m.reason === 'count'
        ? {
            ...before,
            counted_milli: m.countedMilli ?? 0,
            last_count_id: id,
            last_count_at: m.at,
            on_hand_milli: m.countedMilli ?? 0,
            projected_milli: m.countedMilli ?? 0,
          }
        : {
            ...before,
            on_hand_milli: before.on_hand_milli + (movesOnHand(m) ? m.deltaMilli : 0),
            projected_milli: before.projected_milli + m.deltaMilli,
          };
    this.#s.upsertLevel.run({ ...after, at: m.at });
    return after;
  }

  setLowAlerted(ingredient: string, alerted: boolean): void {
    this.#s.setAlerted.run(alerted ? 1 : 0, ingredient);
  }

  movements(ingredient: string, limit: number): StockMovementView[] {
    return this.#s.movements.all(ingredient, limit).map(toView);
  }

  /**
   * The counts that open and close a business day for an ingredient: the closing one is
   * the day's last; the opening one the last before the day, or, on the day tracking
   * began, the day's first (the opening stock).
   */
  dayCounts(ingredient: string, businessDate: string): { opening?: MovementRow; closing?: MovementRow } {
    const onDay = this.#s.countsOn.all(ingredient, businessDate);
    const opening =
      this.#s.countBefore.get(ingredient, businessDate) ?? (onDay.length > 1 ? onDay[0] : undefined);
    const closing =
      onDay.length > 0 && onDay[onDay.length - 1] !== opening ? onDay[onDay.length - 1] : undefined;
    return { ...(opening && { opening }), ...(closing && { closing }) };
  }

  /** Received, theoretical usage and waste (positive thousandths) between two ledger ids. */
  windowSums(ingredient: string, afterId: number, uptoId: number): WindowSums {
    return sums(this.#s.windowSums.all(ingredient, afterId, uptoId));
  }

  /** The same sums over a business day, for a day without a closing count. */
  daySums(ingredient: string, businessDate: string): WindowSums {
    return sums(this.#s.daySums.all(ingredient, businessDate));
  }

  orderSeen(orderKey: string): boolean {
    return this.#s.orderSeen.get(orderKey) !== undefined;
  }

  markOrder(orderKey: string, at: number): void {
    this.#s.markOrder.run(orderKey, at);
  }

  /** line id → ingredient → thousandths the line has depleted so far. */
  orderUsage(orderKey: string): Map<string, Map<string, number>> {
    const usage = new Map<string, Map<string, number>>();
    for (const row of this.#s.orderUsage.all(orderKey)) {
      const line = usage.get(row.line_id) ?? new Map<string, number>();
      line.set(row.ingredient, row.qty_milli);
      usage.set(row.line_id, line);
    }
    return usage;
  }

  setLineUsage(orderKey: string, lineId: string, ingredient: string, milli: number): void {
    if (milli === 0) this.#s.clearUsage.run(orderKey, lineId, ingredient);
    else this.#s.setUsage.run(orderKey, lineId, ingredient, milli);
  }
}

interface SumRow {
  reason: string;
  incoming: number;
  total: number;
}

/** A batch made counts as received for the sub-recipe and as theoretical usage for its ingredients. */
function sums(rows: SumRow[]): WindowSums {
  const of = (reason: MovementReason, incoming?: boolean) =>
    rows
      .filter((r) => r.reason === reason && (incoming === undefined || (r.incoming === 1) === incoming))
      .reduce((total, r) => total + r.total, 0);
  return {
    received: of('delivery') + of('adjust') + of('production', true),
    theoretical: -(of('sale') + of('void') + of('production', false)),
    waste: -of('waste'),
  };
}

export type { MovementRow };

function toView(r: MovementRow): StockMovementView {
  return {
    id: r.id,
    ingredient: r.ingredient,
    delta: fromThousandths(r.delta_milli),
    reason: r.reason as MovementReason,
    counted: r.counted_milli === null ? null : fromThousandths(r.counted_milli),
    ref: r.ref,
    note: r.note,
    at: r.at,
    businessDate: r.business_date,
    by: r.by,
  };
}
