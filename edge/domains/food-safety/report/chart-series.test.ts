import { describe, expect, it } from 'vitest';
import type {
  ExcursionView,
  IntervalRecordView,
  LimitRecordView,
  MinuteLog,
} from '../../../../shared/api/food-safety';
import { timeTicks } from './chart-drawing';
import { chartSeries } from './chart-series';
import { LocalTime } from './local-time';

const MIN = 60_000;
const DAY = 1440 * MIN;
const FROM = Date.parse('2026-11-01T00:00:00+08:00');

const limit = (seq: number, limitC: number, recordedAt: number): LimitRecordView => ({
  seq,
  controlPointId: 'wic-1',
  equipmentId: 'wic-1',
  metric: 'temp_c',
  pack: 'gb',
  packEdition: '2021',
  authority: 'regulation',
  limitId: 'cold',
  clause: '4.5',
  bound: 'at_most',
  limitC,
  alertDelayMin: 30,
  recordEveryMin: 1,
  recordedAt,
});

/** A month of minute records at 3 °C, with what a test plants in it. */
function month(plant: (ts: number) => Partial<IntervalRecordView> | undefined): MinuteLog[] {
  const limits = [limit(1, 5, FROM), limit(2, 4, FROM + 15 * DAY)];
  let seq = 10;
  return Array.from({ length: 30 }, (_, d) => {
    const from = FROM + d * DAY;
    const records: IntervalRecordView[] = [];
    for (let t = from; t < from + DAY; t += MIN) {
      const planted = plant(t);
      records.push({
        seq: ++seq,
        startTs: t,
        endTs: t + MIN,
        status: 'in_limit',
        valueC: 3,
        minC: 2.9,
        maxC: 3.1,
        readings: 6,
        excusedBy: null,
        limitSeq: t < FROM + 15 * DAY ? 1 : 2,
        ...planted,
      });
    }
    return {
      controlPointId: 'wic-1',
      day: `2026-11-${String(d + 1).padStart(2, '0')}`,
      from,
      to: from + DAY,
      limits,
      records,
    };
  });
}

const range = { from: FROM, to: FROM + 30 * DAY };

describe('the chart of a month', () => {
  it('keeps a one-minute spike and a one-minute excursion at 480 columns', () => {
    const spikeAt = FROM + 17 * DAY + 613 * MIN;
    const logs = month((t) =>
      t === spikeAt ? { status: 'out_of_limit', valueC: 12.4, minC: 12.1, maxC: 12.4 } : {},
    );
    const excursion = { id: 99, startedAt: spikeAt, endedAt: spikeAt + MIN } as ExcursionView;
    const series = chartSeries(logs, range, 480, 'at_most', [excursion]);
    expect(series.records).toBe(30 * 1440);
    expect(series.buckets).toHaveLength(480);
    const hot = series.buckets.filter((b) => b && b.maxC === 12.4);
    expect(hot).toHaveLength(1);
    expect(hot[0]).toMatchObject({ worstC: 12.4, out: true, minC: 2.9 });
    expect(series.buckets.filter((b) => b?.out)).toHaveLength(1);
    expect(series.excursions).toEqual([{ from: spikeAt, to: spikeAt + MIN }]);
  });

  it('takes the lowest reading as the worst under an at-least limit', () => {
    const dipAt = FROM + 3 * DAY;
    const logs = month((t) =>
      t === dipAt ? { valueC: 51, minC: 50.5, maxC: 52 } : { valueC: 65, minC: 64, maxC: 66 },
    );
    const series = chartSeries(logs, range, 480, 'at_least', []);
    expect(series.buckets.find((b) => b && b.minC === 50.5)?.worstC).toBe(51);
  });

  it('leaves a gap where nothing was recorded and steps the limit where it changed', () => {
    const logs = month((t) =>
      t >= FROM + 5 * DAY && t < FROM + 6 * DAY
        ? { valueC: null, minC: null, maxC: null, status: 'no_data' }
        : {},
    );
    const series = chartSeries(logs, range, 480, 'at_most', []);
    const perDay = 480 / 30;
    expect(series.buckets.slice(5 * perDay, 6 * perDay).every((b) => b === null)).toBe(true);
    expect(series.buckets[4 * perDay]).not.toBeNull();
    expect(series.limitSteps.map((s) => [s.from, s.to, s.limit.limitC])).toEqual([
      [FROM, FROM + 15 * DAY, 5],
      [FROM + 15 * DAY, FROM + 30 * DAY, 4],
    ]);
    expect(series.limits.map((l) => l.seq)).toEqual([1, 2]);
  });

  it('labels local midnights on a month and local hours on a day', () => {
    const time = new LocalTime('Asia/Shanghai');
    const monthly = timeTicks(range.from, range.to, time);
    expect(monthly.map((t) => t.label).slice(0, 3)).toEqual(['11-01', '11-06', '11-11']);
    const daily = timeTicks(FROM, FROM + DAY, time);
    expect(daily.map((t) => t.label)).toEqual([
      '00:00',
      '03:00',
      '06:00',
      '09:00',
      '12:00',
      '15:00',
      '18:00',
      '21:00',
    ]);
  });
});
