import { describe, expect, it } from 'vitest';
import type { TelemetryRow } from '../../../shared/predictive/telemetry-row';
import { assetMetricsOfType } from './asset-kind';
import { CycleSegmenter, type Segment } from './cycle-segmenter';
import { type DefrostEvent, DefrostTracker } from './defrost-tracker';
import { type HourFeatures, HourlyFeatureBuilder } from './hourly-features';
import { SampleAssembler } from './telemetry-sample';

const cooler = assetMetricsOfType('walk_in_cooler');
if (!cooler) throw new Error('walk-in cooler has predictive metrics');
const T0 = Date.UTC(2026, 0, 5, 0);

/** A walk-in that cools 6 °C/h with the compressor on and warms 3 °C/h off, door shut. */
function thermostatRows(hours: number, opts: { defrostAtMin?: number } = {}): TelemetryRow[] {
  const rows: TelemetryRow[] = [];
  let temp = 3;
  let on = true;
  for (let s = 0; s < hours * 3600; s += 10) {
    const minute = s / 60;
    const defrost =
      opts.defrostAtMin !== undefined && minute >= opts.defrostAtMin && minute < opts.defrostAtMin + 20;
    const ts = T0 + s * 1000;
    rows.push(
      { ts, metric: 'temp_c', value: Math.round(temp * 100) / 100 },
      { ts, metric: 'compressor_on', value: on && !defrost ? 1 : 0 },
      { ts, metric: 'door_open', value: false },
      { ts, metric: 'defrost_on', value: defrost },
    );
    if (defrost) temp += (9 / 3600) * 10;
    else if (on) temp -= (6 / 3600) * 10;
    else temp += (3 / 3600) * 10;
    if (!defrost && on && temp <= 1) on = false;
    else if (!defrost && !on && temp >= 3) on = true;
  }
  return rows;
}

function features(rows: TelemetryRow[]) {
  const hours: HourFeatures[] = [];
  const defrosts: DefrostEvent[] = [];
  const segments: Segment[] = [];
  const assembler = new SampleAssembler(cooler as NonNullable<typeof cooler>);
  const hourly = new HourlyFeatureBuilder(
    cooler as NonNullable<typeof cooler>,
    (ms) => new Date(ms).getUTCHours(),
    (h) => hours.push(h),
  );
  const tracker = new DefrostTracker((d) => defrosts.push(d));
  const segmenter = new CycleSegmenter((g) => {
    segments.push(g);
    hourly.pushSegment(g);
    tracker.pushSegment(g);
  });
  for (const row of rows) {
    const sample = assembler.push(row);
    if (!sample) continue;
    segmenter.push(sample);
    hourly.pushSample(sample);
  }
  return { hours, defrosts, segments, rejected: assembler.rejected };
}

describe('cycle-level features', () => {
  it('measures duty, cycles, pull-down, warm-up and capacity of a thermostat cycle', () => {
    const { hours } = features(thermostatRows(4));
    expect(hours.length).toBe(3); // the fourth hour is still open
    for (const h of hours.slice(1)) {
      // On 20 min (2 °C at 6 °C/h), off 40 min (2 °C at 3 °C/h): a third of the time, one cycle an hour.
      expect(h.duty).toBeCloseTo(1 / 3, 1);
      expect(h.cyclesPerH).toBeGreaterThanOrEqual(0.9);
      expect(h.cyclesPerH).toBeLessThanOrEqual(1.1);
      expect(h.pullDownCPerH).toBeCloseTo(6, 0);
      expect(h.warmUpCPerH).toBeCloseTo(3, 0);
      expect(h.capacityCPerH).toBeCloseTo(9, 0);
    }
  });

  it('keeps defrost time out of duty and measures the defrost apart', () => {
    const { hours, defrosts } = features(thermostatRows(6, { defrostAtMin: 125 }));
    expect(defrosts).toHaveLength(1);
    expect(defrosts[0]?.durationMin).toBeCloseTo(20, 0);
    expect(defrosts[0]?.riseCPerH).toBeCloseTo(9, 0);
    expect(defrosts[0]?.recoveryMin).toBeGreaterThan(0);
    const defrostHour = hours.find((h) => h.hourStartMs === T0 + 2 * 3_600_000);
    // 20 min of it were defrost, the rest mostly recovery: counted as "off", the defrost would cap duty at 2/3.
    expect(defrostHour?.duty).toBeGreaterThan(0.7);
    expect(defrostHour?.duty).toBeLessThanOrEqual(1);
  });

  it('counts bad rows instead of failing on them', () => {
    const rows = thermostatRows(1);
    rows.splice(100, 0, { ts: T0 - 1000, metric: 'temp_c', value: 2 });
    rows.splice(200, 0, { ts: rows[199]?.ts ?? T0, metric: 'temp_c', value: 900 });
    rows.splice(300, 0, { ts: rows[299]?.ts ?? T0, metric: 'compressor_on', value: 7 });
    const { rejected, segments } = features(rows);
    expect(rejected).toEqual({ out_of_order: 1, out_of_bounds: 1, not_boolean: 1 });
    expect(segments.length).toBeGreaterThan(0);
  });

  it('breaks a segment at a reporting gap instead of drawing a slope across it', () => {
    const rows = thermostatRows(2).filter((r) => r.ts < T0 + 1_800_000 || r.ts > T0 + 2_700_000);
    const { segments } = features(rows);
    expect(segments.some((g) => g.startTs < T0 + 1_800_000 && g.endTs > T0 + 2_700_000)).toBe(false);
  });
});
