import { useEffect, useState } from 'react';
import { type EquipmentView, type LatestReading, ReadingSeries } from '../../../shared/api/equipment';
import { useEdgeResource } from '../app/use-edge-resource';
import {
  type ChartSeries,
  chartWindow,
  joinSeries,
  keepLiveReading,
  MINUTE_MS,
  ROLLUP_STEP_MS,
} from '../charts/series';

function readingsPath(equipmentId: string, metric: string, from: number, to: number, step?: number): string {
  const query = new URLSearchParams({ metric, from: String(from), to: String(to) });
  if (step !== undefined) query.set('step', String(step));
  return `/api/equipment/${equipmentId}/readings?${query}`;
}

/**
 * The last day of one metric, kept live: five-minute rollups up to an hour ago, every raw
 * reading since, and each reading the board receives after that (pushed or polled) drawn
 * as it arrives. Rollups are written only once a bucket has closed, so rollups alone
 * would leave the newest minutes of an excursion off the chart.
 *
 * The raw hour is asked for again every minute; where the equipment reports too often for
 * a raw hour (the edge refuses it), one-minute rollups stand in for it.
 */
export function useDaySeries(
  equipment: EquipmentView,
  metric: string | undefined,
  now: number,
  token: string | undefined,
): ChartSeries | undefined {
  const { from, split } = chartWindow(now);
  const recentTo = Math.ceil(now / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
  const path = (start: number, end: number, step?: number) =>
    metric ? readingsPath(equipment.id, metric, start, end, step) : undefined;
  const rollups = useEdgeResource(path(from, split, ROLLUP_STEP_MS), ReadingSeries, token);
  const raw = useEdgeResource(path(split, recentTo), ReadingSeries, token);
  const fine = useEdgeResource(
    raw.status === 'error' ? path(split, recentTo, MINUTE_MS) : undefined,
    ReadingSeries,
    token,
  );
  const live = useLiveReadings(
    `${equipment.id}/${metric ?? ''}`,
    metric ? equipment.readings[metric] : undefined,
    split,
  );

  const recent = raw.status === 'ok' ? raw.data : fine.status === 'ok' ? fine.data : undefined;
  if (rollups.status !== 'ok' && recent === undefined) return undefined;
  return joinSeries({
    rollups: rollups.status === 'ok' ? rollups.data : [],
    recent: recent ?? [],
    live,
    split,
  });
}

/** Every reading of one metric the board has shown since the chart opened, newer than `since`. */
function useLiveReadings(
  /** equipment and metric: another one starts afresh */
  seriesKey: string,
  reading: LatestReading | undefined,
  since: number,
): readonly LatestReading[] {
  const [kept, setKept] = useState<{ seriesKey: string; readings: readonly LatestReading[] }>({
    seriesKey,
    readings: [],
  });
  useEffect(() => {
    setKept((before) => {
      if (before.seriesKey !== seriesKey) return { seriesKey, readings: reading ? [reading] : [] };
      const readings = keepLiveReading(before.readings, reading, since);
      return readings === before.readings ? before : { seriesKey, readings };
    });
  }, [seriesKey, reading, since]);
  return kept.seriesKey === seriesKey ? kept.readings : [];
}
