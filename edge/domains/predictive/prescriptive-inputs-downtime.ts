import Decimal from 'decimal.js';
import type { Database } from '../../store/database';
import { REPAIR_WINDOW_MS } from './prescriptive-inputs-repairs';

/**
 * What the items 86'd while the unit was down cost over the last 12 months: the unit's
 * shares of the priced downtime episodes (migration 018, `downtime_costs.amount_minor` in
 * the currency's minor unit) that ended in the window. Zero when the box has none (no POS
 * sales to price them, or the unit never took an item off).
 */
export class DowntimeCostReader {
  readonly #sum;

  constructor(db: Database) {
    this.#sum = db.prepare<[string, number, number], { minor: number | null }>(
      `SELECT sum(c.amount_minor) AS minor FROM downtime_costs c
       JOIN downtime_episodes e ON e.id = c.episode_id
       WHERE c.equipment_id = ? AND e.ended_at IS NOT NULL AND e.ended_at >= ? AND e.ended_at < ?`,
    );
  }

  /** Exact, two decimals ("0.00" when nothing was recorded). */
  lastTwelveMonths(equipmentId: string, now: number): string {
    const minor = this.#sum.get(equipmentId, now - REPAIR_WINDOW_MS, now)?.minor ?? 0;
    return new Decimal(minor).dividedBy(100).toFixed(2);
  }
}
