import { sql } from 'kysely';
import { MinuteRollup } from '../../../shared/central/insight-api';
import type { CentralDb } from '../db/central-db';
import type { MeterWindow } from './scorecard-maths';

/** Extremes as both dialects return them: PostgreSQL's bigint aggregates arrive as strings. */
type Num = number | string | bigint | null;
const n = (value: Num): number => (value === null ? 0 : Number(value));
const METRIC = 'energy_kwh';
const ENDS_PER_STATEMENT = 400;

export interface MeterWeek extends MeterWindow {
  storeId: string;
  equipmentId: string;
  /** 0 is the newest week (ending at `to`), 1 the one before, … */
  weeksBack: number;
}

/**
 * Each meter's first and last `energy_kwh` reading per week, from the synced minute rollups.
 * A cumulative counter needs only its two ends: each week's first and last minute of each
 * meter is one index seek (store, kind, unit, ts), and only those minutes' payloads are read,
 * so a month of minutes never leaves the database, nor is it scanned. A meter is a unit whose
 * newest synced minute carries the counter (a meter taken away keeps its last minute).
 */
export async function meterWeeksFor(
  db: CentralDb,
  storeIds: readonly string[],
  from: number,
  to: number,
  weekMs: number,
): Promise<MeterWeek[]> {
  if (storeIds.length === 0) return [];
  const weeks: ReturnType<typeof sql>[] = [];
  for (let back = 0, end = to; end > from; back += 1, end -= weekMs)
    weeks.push(sql`(${sql.lit(back)}, ${sql.lit(Math.max(from, end - weekMs))}, ${sql.lit(end)})`);
  if (weeks.length === 0) return [];
  // A VALUES list's columns are column1… in both dialects; the weeks are literals we computed.
  const seek = (pick: 'min' | 'max') => sql<Num>`(select ${sql.raw(pick)}(e.ts) from sync_events e
      where e.store_id = m.store_id and e.kind = 'rollup' and e.entity_id = m.equipment_id
        and e.ts >= w.column2 and e.ts < w.column3)`;
  const found = await sql<{
    store_id: string;
    entity_id: string;
    weeks_back: Num;
    first_ts: Num;
    last_ts: Num;
  }>`
    select m.store_id, m.equipment_id as entity_id, w.column1 as weeks_back,
      ${seek('min')} as first_ts, ${seek('max')} as last_ts
    from equipment m cross join (values ${sql.join(weeks)}) as w
    where m.store_id in (${sql.join([...storeIds])}) and m.latest_readings like ${`%"${METRIC}"%`}`.execute(
    db,
  );
  const ends = found.rows.filter((r) => r.first_ts !== null && r.last_ts !== null);
  if (ends.length === 0) return [];
  const minutes: { store_id: string; entity_id: string; ts: number; seq: number; payload: string }[] = [];
  // A bounded statement per piece: a region of many stores has thousands of week ends.
  for (let at = 0; at < ends.length; at += ENDS_PER_STATEMENT) {
    const piece = ends.slice(at, at + ENDS_PER_STATEMENT);
    minutes.push(
      ...(await db
        .selectFrom('sync_events as e')
        .where('e.store_id', 'in', [...new Set(piece.map((r) => r.store_id))])
        .where('e.kind', '=', 'rollup')
        .where('e.entity_id', 'in', [...new Set(piece.map((r) => r.entity_id))])
        .where('e.type', '=', 'rollup.minute')
        .where('e.ts', 'in', [...new Set(piece.flatMap((r) => [n(r.first_ts), n(r.last_ts)]))])
        .select(['e.store_id', 'e.entity_id', 'e.ts', 'e.seq', 'e.payload'])
        .execute()),
    );
  }
  minutes.sort((a, b) => n(a.seq) - n(b.seq));
  const wanted = new Set(
    ends.flatMap((r) =>
      [n(r.first_ts), n(r.last_ts)].map((ts) => `${r.store_id}\u0000${r.entity_id}\u0000${ts}`),
    ),
  );
  // A minute the edge recomputed was sent again: the newest seq is what the store says now.
  const reading = new Map<string, { low: number; high: number }>();
  for (const m of minutes) {
    const key = `${m.store_id}\u0000${m.entity_id}\u0000${n(m.ts)}`;
    if (!wanted.has(key)) continue;
    const parsed = MinuteRollup.safeParse(JSON.parse(m.payload));
    const counter = parsed.success ? parsed.data.metrics[METRIC] : undefined;
    if (counter) reading.set(key, { low: counter.min, high: counter.max });
  }
  return ends.flatMap((r) => {
    const first = reading.get(`${r.store_id}\u0000${r.entity_id}\u0000${n(r.first_ts)}`);
    const last = reading.get(`${r.store_id}\u0000${r.entity_id}\u0000${n(r.last_ts)}`);
    if (!first || !last) return [];
    return [
      {
        storeId: r.store_id,
        equipmentId: r.entity_id,
        weeksBack: n(r.weeks_back),
        lo: first.low,
        hi: last.high,
        firstTs: n(r.first_ts),
        lastTs: n(r.last_ts),
      },
    ];
  });
}
