import Decimal from 'decimal.js';
import type { PurchasingSettings } from '../../../shared/config/purchasing';
import type { Database } from '../../store/database';
import { ImportedHistoryStore } from '../commissioning/asset-history/imported-history-store';
import { jobSpend } from './repair-job-spend';

/** Repairs and parts count over the last 12 months (365 days) before now. */
export const REPAIR_WINDOW_MS = 365 * 24 * 3_600_000;

export interface RepairSpend {
  /** Exact, two decimals. */
  total: string;
  /** Tickets and work orders counted at their quote. */
  quotedTickets: number;
  /** Part movements counted at a price paid or listed. */
  pricedParts: number;
  /** Part numbers used on the unit with no price anywhere on the box: not counted, named. */
  unpricedParts: string[];
  /**
   * Of `total`, what the unit cost at the stores it stood in before this one (its imported
   * asset history): present only when it moved here with repairs in the window.
   */
  carriedOver?: { total: string; jobs: number; fromStores: string[] };
}

/**
 * The unit's repair spend of the last 12 months, from what the box records:
 * 1. every ticket or work order of the unit resolved in the window (resolved, verified or
 *    closed after a resolve) that carries a quote counts at its latest quote: the quote is
 *    the job's price (parts, labour, call-out);
 * 2. spare parts used on the unit in the window (part movements `used`) on a ticket without
 *    a quote (or on no ticket) count at quantity × the latest price paid for the part
 *    (purchase order lines, per base unit), else the supplier price list's, else not at
 *    all (named in `unpricedParts`). Parts on a quoted ticket are inside its quote.
 * The quote of the repair at hand (a ticket not yet resolved) is not spend yet.
 */
export class RepairSpendReader {
  readonly #quoted;
  readonly #parts;
  readonly #paid;
  readonly #latestQuote;
  readonly #ticketParts;
  readonly #purchasing: PurchasingSettings;
  readonly #imported: ImportedHistoryStore;

  constructor(db: Database, purchasing: PurchasingSettings) {
    this.#purchasing = purchasing;
    this.#imported = new ImportedHistoryStore(db);
    this.#quoted = db.prepare<[string, number, number], { id: number; amount: string | null }>(
      `SELECT t.id, (SELECT q.amount FROM ticket_quotes q WHERE q.ticket_id = t.id ORDER BY q.id DESC LIMIT 1) AS amount
       FROM tickets t
       WHERE t.equipment_id = ? AND t.resolved_at >= ? AND t.resolved_at < ?
         AND t.status IN ('resolved', 'verified', 'closed')`,
    );
    this.#parts = db.prepare<[string, number, number], { part_number: string; delta_milli: number }>(
      `SELECT m.part_number, m.delta_milli FROM part_movements m
       WHERE m.reason = 'used' AND m.equipment_id = ? AND m.at >= ? AND m.at < ?
         AND (m.ticket_id IS NULL OR NOT EXISTS (SELECT 1 FROM ticket_quotes q WHERE q.ticket_id = m.ticket_id))`,
    );
    this.#paid = db.prepare<[string], { unit_price: string; base_per_unit: string }>(
      `SELECT l.unit_price, l.base_per_unit FROM purchase_order_lines l
       JOIN purchase_orders o ON o.id = l.order_id
       WHERE l.kind = 'part' AND l.item = ? AND o.state IN ('placed', 'partially_received', 'received')
       ORDER BY coalesce(o.placed_at, o.created_at) DESC, o.id DESC LIMIT 1`,
    );
    this.#latestQuote = db.prepare<[number], { amount: string }>(
      'SELECT amount FROM ticket_quotes WHERE ticket_id = ? ORDER BY id DESC LIMIT 1',
    );
    this.#ticketParts = db.prepare<[number], { part_number: string; delta_milli: number }>(
      `SELECT part_number, delta_milli FROM part_movements WHERE reason = 'used' AND ticket_id = ? ORDER BY id`,
    );
  }

  /** One job's spend (its latest quote, else its parts used at their prices), as the asset history counts it. */
  ticketSpend(ticketId: number): string {
    const parts = this.#ticketParts.all(ticketId).map((m) => ({
      quantity: new Decimal(-m.delta_milli).dividedBy(1000).toString(),
      unitPrice: this.#pricePerBaseUnit(m.part_number)?.toString() ?? null,
    }));
    return jobSpend(this.#latestQuote.get(ticketId)?.amount, parts);
  }

  lastTwelveMonths(equipmentId: string, now: number): RepairSpend {
    const from = now - REPAIR_WINDOW_MS;
    let total = new Decimal(0);
    let quotedTickets = 0;
    for (const t of this.#quoted.all(equipmentId, from, now)) {
      if (t.amount === null) continue;
      total = total.plus(t.amount);
      quotedTickets++;
    }
    let pricedParts = 0;
    const unpriced = new Set<string>();
    for (const m of this.#parts.all(equipmentId, from, now)) {
      const price = this.#pricePerBaseUnit(m.part_number);
      if (!price) {
        unpriced.add(m.part_number);
        continue;
      }
      total = total.plus(price.times(new Decimal(-m.delta_milli).dividedBy(1000)));
      pricedParts++;
    }
    // A unit that moved here brings its repairs: they are this asset's spend, wherever paid.
    const carried = this.#imported.spendBetween(equipmentId, from, now);
    const carriedTotal = carried.reduce((sum, c) => sum.plus(c.spend), new Decimal(0));
    total = total.plus(carriedTotal);
    return {
      total: total.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
      quotedTickets,
      pricedParts,
      unpricedParts: [...unpriced].sort(),
      ...(carried.length > 0
        ? {
            carriedOver: {
              total: carriedTotal.toFixed(2),
              jobs: carried.length,
              fromStores: [...new Set(carried.map((c) => c.fromStoreId))].sort(),
            },
          }
        : {}),
    };
  }

  /** What one base unit of the part costs on this box (paid, else listed); for the asset history. */
  pricePerBaseUnit(partNumber: string): Decimal | undefined {
    return this.#pricePerBaseUnit(partNumber);
  }

  #pricePerBaseUnit(partNumber: string): Decimal | undefined {
    const paid = this.#paid.get(partNumber);
    if (paid) return new Decimal(paid.unit_price).dividedBy(paid.base_per_unit);
    for (const supplier of this.#purchasing.suppliers) {
      const item = supplier.items.find((i) => i.kind === 'part' && i.id === partNumber);
      if (item) return new Decimal(item.unitPrice).dividedBy(item.baseUnitsPerUnit);
    }
    return undefined;
  }
}
