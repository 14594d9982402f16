import type { SpeedOfServiceView, TicketTimeSummary } from '../../../shared/api/kds';
import type { Clock } from '../../../shared/server/runtime/clock';
import { storeHourOf } from './business-date';
import type { BumpedTicketTime, KdsStore } from './kds-store';

const DAY_MS = 86_400_000;

/** Average and p90 (nearest rank) of ticket times in seconds; null without tickets. */
export function summarize(times: readonly number[]): TicketTimeSummary {
  if (times.length === 0) return { tickets: 0, averageS: null, p90S: null };
  const sorted = [...times].sort((a, b) => a - b);
  const average = sorted.reduce((sum, t) => sum + t, 0) / sorted.length;
  const p90 = sorted[Math.max(0, Math.ceil(0.9 * sorted.length) - 1)] ?? null;
  return { tickets: sorted.length, averageS: Math.round(average * 10) / 10, p90S: p90 };
}

function groupTimes<K>(
  rows: readonly BumpedTicketTime[],
  key: (row: BumpedTicketTime) => K,
): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  for (const row of rows) {
    const k = key(row);
    const times = groups.get(k) ?? [];
    times.push((row.bumpedAt - row.createdAt) / 1000);
    groups.set(k, times);
  }
  return groups;
}

/**
 * Speed of service: ticket time is arrival on the station to its bump, over the tickets
 * bumped in the period (chained copies left out: their time is the station before's too).
 */
export class SpeedOfService {
  constructor(
    private readonly store: KdsStore,
    private readonly clock: Clock,
    private readonly timezone: () => string,
  ) {}

  summary(from?: number, to?: number): SpeedOfServiceView {
    const end = to ?? this.clock.now();
    const start = from ?? end - DAY_MS;
    const rows = this.store.bumpedBetween(start, end);
    const tz = this.timezone();
    const sortedEntries = <K extends string | number>(m: Map<K, number[]>) =>
      [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      from: start,
      to: end,
      overall: summarize(rows.map((r) => (r.bumpedAt - r.createdAt) / 1000)),
      byStation: sortedEntries(groupTimes(rows, (r) => r.station)).map(([station, t]) => ({
        station,
        ...summarize(t),
      })),
      byChannel: sortedEntries(groupTimes(rows, (r) => r.channel)).map(([channel, t]) => ({
        channel,
        ...summarize(t),
      })),
      byHour: sortedEntries(groupTimes(rows, (r) => storeHourOf(r.createdAt, tz))).map(([hour, t]) => ({
        hour,
        ...summarize(t),
      })),
      byDay: sortedEntries(groupTimes(rows, (r) => r.businessDate)).map(([businessDate, t]) => ({
        businessDate,
        ...summarize(t),
      })),
    };
  }
}
