import { sql, type Transaction } from 'kysely';
import {
  StockLevelPayload,
  StockLowPayload,
  StockVariancePayload,
} from '../../../shared/central/stock-events';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import { keepLatest, type Versioned } from './latest-by-seq';
import { invalid, type ProjectionOutcome } from './projection-outcome';

type Trx = Transaction<CentralTables>;

const PROJECTED = new Set(['stock.level', 'stock.low', 'stock.variance']);

interface Level {
  ingredient: string;
  tracked: boolean;
  onHand: number | null;
  projected: number | null;
  at: number;
}

/** Quantities are kept as integer thousandths: the edge's own precision, exact on both dialects. */
export const toMilli = (value: number): number => Math.round(value * 1000);
export const fromMilli = (milli: number): number => milli / 1000;
const milliOrNull = (value: number | null): number | null => (value === null ? null : toMilli(value));

/**
 * Stock's part of a ProjectionPlan: each ingredient's newest level (`stock.level` carries
 * the levels one change moved), its newest low-stock alert (`stock.low`, once per crossing
 * below the minimum; the edge sends nothing when it is restocked, so "low" is read as the
 * newest projected level below the alert's minimum) and each day's newest variance report.
 * Level and alert keep their own seq in the same row, so neither rolls the other back.
 */
export class StockProjection {
  readonly #levels = new Map<string, Versioned<Level>>();
  readonly #lows = new Map<string, Versioned<StockLowPayload>>();
  readonly #reports = new Map<string, Versioned<StockVariancePayload & { at: number }>>();

  static projects(type: string): boolean {
    return PROJECTED.has(type);
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    if (event.type === 'stock.level') {
      const parsed = StockLevelPayload.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      for (const level of parsed.data.levels)
        keepLatest(this.#levels, `${storeId}\u0000${level.ingredient}`, {
          storeId,
          seq: event.seq,
          value: { ...level, at: event.ts },
        });
      return { kind: 'projected' };
    }
    if (event.type === 'stock.low') {
      const parsed = StockLowPayload.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      keepLatest(this.#lows, `${storeId}\u0000${parsed.data.ingredient}`, {
        storeId,
        seq: event.seq,
        value: parsed.data,
      });
      return { kind: 'projected' };
    }
    const parsed = StockVariancePayload.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    keepLatest(this.#reports, `${storeId}\u0000${parsed.data.businessDate}`, {
      storeId,
      seq: event.seq,
      value: { ...parsed.data, at: event.ts },
    });
    return { kind: 'projected' };
  }

  async apply(trx: Trx): Promise<void> {
    await inPieces([...this.#levels.values()], (rows) => upsertLevels(trx, rows));
    await inPieces([...this.#lows.values()], (rows) => upsertLows(trx, rows));
    for (const report of this.#reports.values()) await replaceVarianceDay(trx, report);
  }
}

async function upsertLevels(trx: Trx, rows: Versioned<Level>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: l }) =>
      sql`(${storeId}, ${l.ingredient}, ${l.tracked ? 1 : 0}, ${milliOrNull(l.onHand)},
        ${milliOrNull(l.projected)}, ${l.at}, ${seq})`,
  );
  await sql`
    insert into stock_levels
      (store_id, ingredient, tracked, on_hand_milli, projected_milli, level_at, level_seq)
    values ${sql.join(values)}
    on conflict (store_id, ingredient) do update set
      tracked = excluded.tracked, on_hand_milli = excluded.on_hand_milli,
      projected_milli = excluded.projected_milli, level_at = excluded.level_at, level_seq = excluded.level_seq
    where stock_levels.level_seq < excluded.level_seq`.execute(trx);
}

/** An alert for an ingredient not seen yet also stands in for its level, until a newer one. */
async function upsertLows(trx: Trx, rows: Versioned<StockLowPayload>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: low }) =>
      sql`(${storeId}, ${low.ingredient}, 1, ${toMilli(low.projected)}, ${low.at}, ${seq},
        ${toMilli(low.min)}, ${low.at}, ${seq})`,
  );
  await sql`
    insert into stock_levels
      (store_id, ingredient, tracked, projected_milli, level_at, level_seq, min_milli, low_since, low_seq)
    values ${sql.join(values)}
    on conflict (store_id, ingredient) do update set
      min_milli = excluded.min_milli, low_since = excluded.low_since, low_seq = excluded.low_seq
    where stock_levels.low_seq < excluded.low_seq`.execute(trx);
}

/**
 * A day's report replaces the older one whole (a line it no longer has goes too); the
 * day row is claimed first, so an older report arriving late changes nothing.
 */
async function replaceVarianceDay(
  trx: Trx,
  { storeId, seq, value: report }: Versioned<StockVariancePayload & { at: number }>,
): Promise<void> {
  const claimed = await sql<{ last_seq: number }>`
    insert into stock_variance_days (store_id, business_date, currency, totals, reported_at, last_seq)
    values (${storeId}, ${report.businessDate}, ${report.currency}, ${JSON.stringify(report.totals)},
      ${report.at}, ${seq})
    on conflict (store_id, business_date) do update set
      currency = excluded.currency, totals = excluded.totals, reported_at = excluded.reported_at,
      last_seq = excluded.last_seq
    where stock_variance_days.last_seq < excluded.last_seq
    returning last_seq`.execute(trx);
  if (claimed.rows.length === 0) return;
  await trx
    .deleteFrom('stock_variance')
    .where('store_id', '=', storeId)
    .where('business_date', '=', report.businessDate)
    .execute();
  const lines = new Map(report.lines.map((line) => [line.ingredient, line]));
  await inPieces([...lines.values()], async (piece) => {
    await trx
      .insertInto('stock_variance')
      .values(
        piece.map((line) => ({
          store_id: storeId,
          business_date: report.businessDate,
          ingredient: line.ingredient,
          base_unit: line.baseUnit,
          variance_milli: milliOrNull(line.variance),
          net_variance_milli: milliOrNull(line.netVariance),
          line: JSON.stringify(line),
          last_seq: seq,
        })),
      )
      .execute();
  });
}
