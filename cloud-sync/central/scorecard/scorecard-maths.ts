import Decimal from 'decimal.js';
import {
  type Comparison,
  FIGURE_BETTER,
  type ScorecardFigureKey,
  type ScorecardWeek,
  WEEK_MS,
} from '../../../shared/central/scorecard';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** 7-day windows ending at `to`, oldest first; the oldest starts at `from` and may be shorter. */
export function weekWindows(from: number, to: number): ScorecardWeek[] {
  const weeks: ScorecardWeek[] = [];
  for (let end = to; end > from; end -= WEEK_MS)
    weeks.unshift({ from: Math.max(from, end - WEEK_MS), to: end });
  return weeks;
}

/** The middle value; the mean of the two middle ones for an even count; null for none. */
export function median(values: readonly (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  return known.length % 2 === 1
    ? (known[mid] as number)
    : ((known[mid - 1] as number) + (known[mid] as number)) / 2;
}

/** Better or worse than the median in the figure's own direction; null when either is missing. */
export function compare(
  key: ScorecardFigureKey,
  value: number | null,
  regionMedian: number | null,
): Comparison | null {
  if (value === null || regionMedian === null) return null;
  // Figures are shown to at most 2 decimals: a difference below that reads as the same.
  if (Math.abs(value - regionMedian) < 0.005) return 'same';
  const higher = value > regionMedian;
  return higher === (FIGURE_BETTER[key] === 'higher') ? 'better' : 'worse';
}

export interface Span {
  start: number;
  /** null while it lasts */
  end: number | null;
}

/** How long the union of `spans` covers [from, to): overlapping spans (an alarm during a down ticket) count once. */
export function coveredMs(spans: readonly Span[], from: number, to: number): number {
  const clipped = spans
    .map((s) => [Math.max(s.start, from), Math.min(s.end ?? to, to)] as const)
    .filter(([a, b]) => b > a)
    .sort((x, y) => x[0] - y[0]);
  let total = 0;
  let run: [number, number] | undefined;
  for (const [a, b] of clipped) {
    if (run && a <= run[1]) run[1] = Math.max(run[1], b);
    else {
      if (run) total += run[1] - run[0];
      run = [a, b];
    }
  }
  return run ? total + run[1] - run[0] : total;
}

/**
 * Uptime in %: unit-time without downtime over all unit-time of [from, to). `downByUnit`
 * holds each unit's down spans (critical alarms, out-of-service tickets); units with none
 * count as up the whole time. Null when the store has no units or the window is empty.
 */
export function uptimePct(
  units: number,
  downByUnit: ReadonlyMap<string, readonly Span[]>,
  from: number,
  to: number,
): number | null {
  if (units <= 0 || to <= from) return null;
  let down = 0;
  for (const spans of downByUnit.values()) down += coveredMs(spans, from, to);
  return 100 * (1 - down / (units * (to - from)));
}

/** Mean hours from opened to resolved of the repairs given as [openedAt, resolvedAt]; null for none. */
export function mttrHours(repairs: readonly (readonly [number, number])[]): number | null {
  if (repairs.length === 0) return null;
  const totalMs = repairs.reduce((sum, [opened, resolved]) => sum + Math.max(0, resolved - opened), 0);
  return totalMs / repairs.length / HOUR_MS;
}

/** One meter in one window: the counter at its first and at its last reading, and when those were. */
export interface MeterWindow {
  /** the first minute's lowest value */
  lo: number;
  /** the last minute's highest value */
  hi: number;
  firstTs: number;
  lastTs: number;
}

/** What a meter counted in each window and over how long, in window order. */
export interface MeterUse {
  kwh: number;
  ms: number;
}

/**
 * Energy a cumulative `energy_kwh` counter counted, window by window (windows oldest
 * first, undefined where the meter sent nothing). A window that follows one with readings
 * is counted from that window's last reading, so the minutes between windows are not lost;
 * otherwise from its own first reading. A counter that went back (a meter replaced or
 * reset) between windows is counted from the window's own first reading; one that went back
 * inside a window leaves that window out, as its two ends no longer tell what it counted.
 */
export function meterUse(windows: readonly (MeterWindow | undefined)[]): (MeterUse | undefined)[] {
  return windows.map((w, i) => {
    if (!w || w.hi < w.lo) return undefined;
    const before = i > 0 ? windows[i - 1] : undefined;
    if (before && w.lo >= before.hi) return { kwh: w.hi - before.hi, ms: w.lastTs - before.lastTs };
    return { kwh: w.hi - w.lo, ms: w.lastTs - w.firstTs };
  });
}

/** kWh per day of what a meter counted; null below an hour of readings (too short to scale to a day). */
export function kwhPerDay(uses: readonly (MeterUse | undefined)[]): number | null {
  const known = uses.filter((u): u is MeterUse => u !== undefined);
  const ms = known.reduce((sum, u) => sum + u.ms, 0);
  if (ms < HOUR_MS) return null;
  return known.reduce((sum, u) => sum + u.kwh, 0) / (ms / DAY_MS);
}

/**
 * The store's meter: the one that counted the most over the period. A store meters its
 * main incomer and, often, circuits behind it; adding them would count the circuits twice,
 * and the incomer always counts at least as much as any circuit behind it.
 */
export function mainMeter<T extends { uses: readonly (MeterUse | undefined)[] }>(
  meters: readonly T[],
): T | undefined {
  let best: T | undefined;
  let bestKwh = Number.NEGATIVE_INFINITY;
  for (const m of meters) {
    const kwh = m.uses.reduce((sum, u) => sum + (u?.kwh ?? 0), 0);
    if (kwh > bestKwh) {
      best = m;
      bestKwh = kwh;
    }
  }
  return best;
}

/** A share in %, null when nothing was counted. */
export const pct = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);

/** Money keeps the currency's minor unit: 2 decimals, half up. */
const cents = (d: Decimal): string => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** Exact sum of money texts, and that sum per unit (null without units). */
export function moneyPerUnit(
  amounts: readonly string[],
  units: number,
): { total: string; perUnit: string } | null {
  if (units <= 0) return null;
  const total = amounts.reduce((sum, a) => sum.plus(a), new Decimal(0));
  return { total: total.toFixed(2), perUnit: cents(total.dividedBy(units)) };
}

/** The median of money texts, exact (the mean of the two middle ones for an even count); null for none. */
export function medianMoney(values: readonly (string | null | undefined)[]): string | null {
  const known = values
    .filter((v): v is string => typeof v === 'string')
    .map((v) => new Decimal(v))
    .sort((a, b) => a.comparedTo(b));
  if (known.length === 0) return null;
  const mid = Math.floor(known.length / 2);
  const middle =
    known.length % 2 === 1
      ? (known[mid] as Decimal)
      : (known[mid - 1] as Decimal).plus(known[mid] as Decimal).dividedBy(2);
  return cents(middle);
}
