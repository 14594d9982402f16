/**
 * How central's sync history is partitioned on PostgreSQL (migration 016), in one place
 * for the migration and the upkeep job that keeps it:
 *
 *   sync_events                 LIST (kind)
 *   ├─ sync_events_rollup       kind = 'rollup', RANGE (ts) by UTC day, expires
 *   │    ├─ sync_events_rollup_p20261207 …
 *   │    └─ sync_events_rollup_default   (safety net)
 *   └─ sync_events_kept         every other kind (DEFAULT), RANGE (ts) by UTC month, kept
 *        ├─ sync_events_kept_p202612 …
 *        └─ sync_events_kept_default     (safety net)
 *
 * Rollups are the bulk of the history and the only kind that expires, so they get their own
 * branch and small periods: a day is the granularity of retention (a month would keep up to
 * 31 extra days of the largest table). The kept kinds (alarms, tickets, PM, purchases…) are
 * never dropped; queries over them without a time filter (the alarm feed, a work order's
 * newest state) visit every partition, so they get months: 12 a year rather than 365.
 *
 * The partition key is the store's event time `ts`, not central's `received_at`: a batch
 * delivered twice carries the same ts for each event but arrives at two different times, and
 * PostgreSQL's unique key on a partitioned table must contain the partition key. Keyed on
 * (store_id, seq, kind, ts), a redelivered event hits the same partition and the same key;
 * keyed on received_at it would be stored twice.
 */

export const DAY_MS = 86_400_000;

export type PeriodUnit = 'day' | 'month';

export interface PartitionedBranch {
  /** The partitioned table holding this branch's periods. */
  table: 'sync_events_rollup' | 'sync_events_kept';
  unit: PeriodUnit;
  /** Whether retention drops this branch's old periods (rollups) or keeps them (everything else). */
  expires: boolean;
}

export const PARTITIONED_ROOT = 'sync_events';

export const PARTITIONED_BRANCHES: readonly PartitionedBranch[] = [
  { table: 'sync_events_rollup', unit: 'day', expires: true },
  { table: 'sync_events_kept', unit: 'month', expires: false },
];

/**
 * Event times a period partition is made for. The protocol only says ts ≥ 0; a store whose
 * clock says 1970 or 2400 is kept in the default partition (counted, logged) instead of
 * growing a partition for an impossible period.
 */
export const PLAUSIBLE_TS = { from: Date.UTC(2000, 0, 1), to: Date.UTC(2100, 0, 1) } as const;

export interface Period {
  from: number;
  to: number;
  name: string;
}

/** The period (UTC day or month) holding `ts`. */
export function periodOf(unit: PeriodUnit, ts: number): Period {
  const at = new Date(ts);
  const from =
    unit === 'day' ? Math.floor(ts / DAY_MS) * DAY_MS : Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1);
  return periodFrom(unit, from);
}

/** The period `count` periods after the one holding `ts` (negative: before). */
export function periodAfter(unit: PeriodUnit, ts: number, count: number): Period {
  const start = periodOf(unit, ts).from;
  if (unit === 'day') return periodFrom(unit, start + count * DAY_MS);
  const at = new Date(start);
  return periodFrom(unit, Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + count, 1));
}

function periodFrom(unit: PeriodUnit, from: number): Period {
  const at = new Date(from);
  const to = unit === 'day' ? from + DAY_MS : Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
  const yyyy = String(at.getUTCFullYear()).padStart(4, '0');
  const mm = String(at.getUTCMonth() + 1).padStart(2, '0');
  const dd = String(at.getUTCDate()).padStart(2, '0');
  return { from, to, name: unit === 'day' ? `p${yyyy}${mm}${dd}` : `p${yyyy}${mm}` };
}

export function partitionName(branch: PartitionedBranch, period: Period): string {
  return `${branch.table}_${period.name}`;
}

export function defaultPartitionName(branch: PartitionedBranch): string {
  return `${branch.table}_default`;
}

export function isPlausible(ts: number): boolean {
  return ts >= PLAUSIBLE_TS.from && ts < PLAUSIBLE_TS.to;
}
