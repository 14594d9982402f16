import type { AssetMetrics } from './asset-kind';
import type { Segment } from './cycle-segmenter';
import type { Sample } from './telemetry-sample';

export const HOUR_MS = 3_600_000;
const MAX_SAMPLE_GAP_MS = 5 * 60_000;

/** Cycle-level features of one asset over one clock hour (defrost time left out). */
export interface HourFeatures {
  hourStartMs: number;
  /** Local hour of day 0–23 (the kitchen's rhythm). */
  localHour: number;
  /** Share of the non-defrost time the compressor (element) ran. */
  duty: number;
  cyclesPerH: number;
  /**
   * Cooling: how fast the box cools with the compressor on and the door shut, °C/h (positive).
   * Heating: how fast the oil heats with the element on and no load going in, °C/h.
   */
  pullDownCPerH: number | undefined;
  /** Cooling only: how fast the box warms with the door shut and the compressor off, °C/h. */
  warmUpCPerH: number | undefined;
  /** What the compressor removes (warm-up + pull-down) or the element adds, °C/h. */
  capacityCPerH: number | undefined;
  meanTempC: number;
  doorOpenings: number;
  /** Mean power while the actuator ran (defrost left out), W; undefined without a power meter. */
  runningPowerW: number | undefined;
}

/** Fewest running reports in an hour for its mean power to count (a minute at 10 s reports). */
const MIN_POWER_SAMPLES = 6;

interface Accumulator {
  hourStartMs: number;
  knownMs: number;
  onMs: number;
  defrostMs: number;
  cycles: number;
  doorOpenings: number;
  tempSum: number;
  tempN: number;
  onDT: number;
  onDt: number;
  offDT: number;
  offDt: number;
  powerSum: number;
  powerN: number;
}

const empty = (hourStartMs: number): Accumulator => ({
  hourStartMs,
  knownMs: 0,
  onMs: 0,
  defrostMs: 0,
  cycles: 0,
  doorOpenings: 0,
  tempSum: 0,
  tempN: 0,
  onDT: 0,
  onDt: 0,
  offDT: 0,
  offDt: 0,
  powerSum: 0,
  powerN: 0,
});

/**
 * Turns samples and segments into one `HourFeatures` per clock hour, emitted when the
 * first sample of a later hour arrives. Slopes are ratios of sums over the hour's clean
 * segments (door shut, no defrost, not the drip after one), so rounding averages out.
 */
export class HourlyFeatureBuilder {
  private acc: Accumulator | undefined;
  private last: Sample | undefined;

  constructor(
    private readonly metrics: AssetMetrics,
    private readonly localHourOf: (ms: number) => number,
    private readonly onHour: (features: HourFeatures) => void,
  ) {}

  pushSample(s: Sample): void {
    const hourStart = Math.floor(s.ts / HOUR_MS) * HOUR_MS;
    if (this.acc && hourStart !== this.acc.hourStartMs) this.close();
    this.acc ??= empty(hourStart);
    const a = this.acc;
    const prev = this.last;
    if (prev && s.ts - prev.ts <= MAX_SAMPLE_GAP_MS) {
      const dt = s.ts - prev.ts;
      a.knownMs += dt;
      if (prev.defrostOn) a.defrostMs += dt;
      else if (prev.actuatorOn) a.onMs += dt;
      if (s.actuatorOn && !prev.actuatorOn && !s.defrostOn) a.cycles++;
      if (s.doorOpen && !prev.doorOpen) a.doorOpenings++;
    }
    a.tempSum += s.tempC;
    a.tempN++;
    // The report that switched it on may still read the idle draw: count running reports after it.
    if (s.powerW !== undefined && s.actuatorOn && prev?.actuatorOn && !s.defrostOn) {
      a.powerSum += s.powerW;
      a.powerN++;
    }
    this.last = s;
  }

  /** Segments count toward the hour their end falls in (their slope is known only then). */
  pushSegment(g: Segment): void {
    const a = this.acc;
    const dt = g.endTs - g.startTs;
    if (!a || dt < this.metrics.minSlopeSegmentMs || g.doorOpen || g.defrostOn || g.after?.defrostOn) return;
    if (!g.after) return;
    const dT = g.endC - g.startC;
    if (g.actuatorOn) {
      // A fryer basket going in shows as a dip while heating: that stretch measures the load, not the element.
      if (this.metrics.actuatorSign > 0 && g.minC < g.startC - 0.5) return;
      a.onDT += dT;
      a.onDt += dt;
    } else {
      a.offDT += dT;
      a.offDt += dt;
    }
  }

  private close(): void {
    const a = this.acc;
    this.acc = undefined;
    if (!a || a.knownMs < HOUR_MS / 2) return;
    const running = a.knownMs - a.defrostMs;
    if (running <= 0) return;
    const sign = this.metrics.actuatorSign;
    const minTime = this.metrics.minSlopeTimeMs;
    const onSlope = a.onDt >= minTime ? (a.onDT / a.onDt) * HOUR_MS : undefined;
    const offSlope = a.offDt >= minTime ? (a.offDT / a.offDt) * HOUR_MS : undefined;
    const pullDown = onSlope === undefined ? undefined : sign * onSlope;
    let warmUp: number | undefined;
    let capacity: number | undefined;
    if (sign < 0) {
      warmUp = offSlope;
      capacity = pullDown !== undefined && warmUp !== undefined ? pullDown + warmUp : undefined;
    } else capacity = pullDown;
    this.onHour({
      hourStartMs: a.hourStartMs,
      localHour: this.localHourOf(a.hourStartMs),
      duty: a.onMs / running,
      cyclesPerH: (a.cycles * HOUR_MS) / a.knownMs,
      pullDownCPerH: pullDown,
      warmUpCPerH: warmUp,
      capacityCPerH: capacity,
      meanTempC: a.tempSum / a.tempN,
      doorOpenings: a.doorOpenings,
      runningPowerW: a.powerN >= MIN_POWER_SAMPLES ? a.powerSum / a.powerN : undefined,
    });
  }
}
