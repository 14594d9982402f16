import type { LatestReading, ReadingPoint } from '../../../shared/api/equipment';

export interface ChartSeries {
  /** epoch ms, ascending */
  ts: number[];
  /** null breaks the line where the equipment was silent */
  values: (number | null)[];
}

/** Readings as the chart wants them: numbers, with on/off as 1/0. */
export function toChartSeries(points: readonly ReadingPoint[]): ChartSeries {
  return {
    ts: points.map((p) => p.ts),
    values: points.map((p) => chartValue(p.value)),
  };
}

function chartValue(value: number | boolean): number {
  return typeof value === 'number' ? value : value ? 1 : 0;
}

export const MINUTE_MS = 60_000;
/** the bucket of the older part of the day: 288 points draw a day well at any screen width */
export const ROLLUP_STEP_MS = 5 * MINUTE_MS;
/** the recent part, drawn reading by reading: the minutes of an excursion that matter most */
export const RECENT_WINDOW_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * 60 * MINUTE_MS;

/**
 * Where a day-long chart ending at `now` is split: rollups over `[from, split)`, raw readings
 * from `split` on. The split sits on a rollup bucket edge, so the last bucket ends exactly
 * where the raw readings begin (no bucket averages readings also drawn raw), and the
 * rollup query only changes when a new bucket starts.
 */
export function chartWindow(now: number): { from: number; split: number } {
  const split = Math.floor(now / ROLLUP_STEP_MS) * ROLLUP_STEP_MS - RECENT_WINDOW_MS;
  return { from: split - DAY_MS + RECENT_WINDOW_MS, split };
}

export interface JoinInput {
  /** bucketed history; only buckets starting before `split` are drawn */
  rollups: readonly ReadingPoint[];
  /** raw readings (or fine rollups) from `split` on */
  recent: readonly ReadingPoint[];
  /** readings received live since: drawn after the newest recent one */
  live: readonly LatestReading[];
  split: number;
  /** silence longer than this breaks the line rather than drawing a slope nobody measured */
  maxGapMs?: number;
}

/**
 * One line from the rollups of the day, the raw readings of the last hour and the
 * readings received live since the raw ones were fetched, in time order, each instant
 * once. The join needs no filler: the last bucket starts one step before `split`, well
 * within `maxGapMs`, so the line runs on unbroken unless the equipment was really silent.
 */
export function joinSeries({
  rollups,
  recent,
  live,
  split,
  maxGapMs = 2 * ROLLUP_STEP_MS,
}: JoinInput): ChartSeries {
  const points = new Map<number, number>();
  for (const p of rollups) if (p.ts < split) points.set(p.ts, chartValue(p.value));
  let newest = split - 1;
  for (const p of recent) {
    if (p.ts < split) continue;
    points.set(p.ts, chartValue(p.value));
    newest = Math.max(newest, p.ts);
  }
  for (const p of live) if (p.ts > newest) points.set(p.ts, chartValue(p.value));
  const sorted = [...points].sort((a, b) => a[0] - b[0]);
  const series: ChartSeries = { ts: [], values: [] };
  let previous: number | undefined;
  for (const [ts, value] of sorted) {
    if (previous !== undefined && ts - previous > maxGapMs) {
      // A null half-way keeps both sides as they were measured and leaves the silence blank.
      series.ts.push(previous + (ts - previous) / 2);
      series.values.push(null);
    }
    series.ts.push(ts);
    series.values.push(value);
    previous = ts;
  }
  return series;
}

/**
 * Adds a reading received live to those kept since the chart was opened: only a newer
 * one counts (the board may show the same reading again), and those older than `since`
 * are dropped, since the raw query covers them by then.
 */
export function keepLiveReading(
  kept: readonly LatestReading[],
  reading: LatestReading | undefined,
  since: number,
): readonly LatestReading[] {
  const last = kept.at(-1);
  const fresh = reading !== undefined && (last === undefined || reading.ts > last.ts);
  const recent = kept[0] !== undefined && kept[0].ts < since ? kept.filter((p) => p.ts >= since) : kept;
  if (!fresh) return recent;
  return [...recent, reading];
}
