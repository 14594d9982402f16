import { SUGGESTED_ACTIONS } from '../../../shared/predictive/predictive-causes';
import type { PredictiveFinding, TimeToLimitForecast } from '../../../shared/predictive/predictive-finding';
import {
  DEFAULT_PREDICTIVE_SETTINGS,
  type PredictiveSettings,
} from '../../../shared/predictive/predictive-settings';
import type { TelemetryRow } from '../../../shared/predictive/telemetry-row';
import type { AssetMetrics } from './asset-kind';
import type { BaselineSnapshot } from './baseline-snapshot';
import { HourOfDayBaseline, ScalarBaseline } from './baselines';
import { type CauseVerdict, classifyCapacityLoss, learnPowerPerWarmUp } from './cause-classifier';
import { Cusum } from './cusum';
import { CycleSegmenter } from './cycle-segmenter';
import { DailyPeakBaseline } from './daily-peak-baseline';
import { type DefrostEvent, DefrostTracker } from './defrost-tracker';
import { findingEvidence } from './finding-evidence';
import { changeText, findingSummary } from './finding-text';
import { HOUR_MS, type HourFeatures, HourlyFeatureBuilder } from './hourly-features';
import { forecastTimeToLimit, type HeadroomBasis } from './limit-forecast';
import { SampleAssembler } from './telemetry-sample';

export type MonitorPhase = 'learning' | 'watching' | 'found';

export interface AssetMonitorOptions {
  equipmentId: string;
  metrics: AssetMetrics;
  /** Local hour of day of an instant (the store's time zone). */
  localHourOf: (epochMs: number) => number;
  settings?: PredictiveSettings;
}

/**
 * A heater-less defrost runs to its time limit (a long defrost) while the box warms only
 * through its walls (a slow rise), and every one then lasts the same: the fail-safe timer,
 * not the melted frost, ends it. More door openings also lengthen defrosts (more frost)
 * but the heater still warms the box as fast as ever and the frost still varies, so a long
 * defrost counts only with a slow rise or the same length as the long one before it.
 */
const LONG_DEFROST_Z = 4;
const SLOW_DEFROST_RISE_Z = -1;
const SAME_LENGTH_MIN = 1;
/** See HourOfDayBaseline: capacity shifts under 4 % and warm-up shifts under 6 % are noise here. */
const CAPACITY_RELATIVE_SD = 0.04;
const WARM_UP_RELATIVE_SD = 0.06;
/** A sub-meter reads within a percent; the kitchen's warm and cool days move the draw more than that. */
const POWER_RELATIVE_SD = 0.01;
const HISTORY_H = 24 * 10;

/**
 * Everything predictive about one asset: fed its stored telemetry rows in time order,
 * it learns the asset's own baseline over its first days, watches the cycle-level
 * features for drift, and returns a finding (cause, evidence, forecast) the moment the
 * evidence passes its threshold. One finding at a time: after one it stays quiet until
 * `repairVerified()`. Pure: no clock, no I/O; time is the rows' own.
 */
export class PredictiveAssetMonitor {
  readonly equipmentId: string;
  private readonly metrics: AssetMetrics;
  private readonly settings: PredictiveSettings;
  private readonly assembler: SampleAssembler;
  private readonly segmenter: CycleSegmenter;
  private readonly hourly: HourlyFeatureBuilder;
  private readonly defrosts: DefrostTracker;
  private learnUntil: number | undefined;
  private state: MonitorPhase = 'learning';
  private baselines = this.freshBaselines();
  private readonly capacityLow: Cusum;
  private readonly warmUpHigh: Cusum;
  private readonly history: HourFeatures[] = [];
  private badDefrostRun = 0;
  private lastLongDefrostMin: number | undefined;
  private lastLongCounted = false;
  private lastBadDefrostTs = Number.NEGATIVE_INFINITY;
  /** End of the latest defrost of usual length: the coil was clear then, so the frost forecast starts there. */
  private lastClearDefrostEndTs: number | undefined;
  private pending: PredictiveFinding | undefined;
  private lastTs = 0;
  /** Relative running-power change per relative warm-up change (the air's effect), learned. */
  private powerPerWarmUp = 0;

  constructor(options: AssetMonitorOptions) {
    this.equipmentId = options.equipmentId;
    this.metrics = options.metrics;
    this.settings = options.settings ?? DEFAULT_PREDICTIVE_SETTINGS;
    this.assembler = new SampleAssembler(this.metrics);
    this.hourly = new HourlyFeatureBuilder(this.metrics, options.localHourOf, (h) => this.onHour(h));
    this.defrosts = new DefrostTracker((d) => this.onDefrost(d));
    this.segmenter = new CycleSegmenter((g) => {
      this.hourly.pushSegment(g);
      if (this.metrics.defrost) this.defrosts.pushSegment(g);
    });
    this.capacityLow = new Cusum(this.settings.cusumSlackSd, this.settings.cusumThresholdSd);
    this.warmUpHigh = new Cusum(this.settings.warmUpSlackSd, this.settings.cusumThresholdSd);
  }

  get phase(): MonitorPhase {
    return this.state;
  }

  /** Rows refused (out of order, out of bounds, not a switch value), by reason. */
  get rejectedRows(): Readonly<Record<string, number>> {
    return this.assembler.rejected;
  }

  /** Feeds one stored row; returns a finding when this row completed the evidence for one. */
  push(row: TelemetryRow): PredictiveFinding | undefined {
    if (this.learnUntil === undefined) this.learnUntil = row.ts + this.settings.baselineDays * 24 * HOUR_MS;
    const sample = this.assembler.push(row);
    if (!sample) return undefined;
    this.lastTs = sample.ts;
    this.segmenter.push(sample);
    this.hourly.pushSample(sample);
    const found = this.pending;
    this.pending = undefined;
    return found;
  }

  /**
   * A verified repair: the drift is gone, so the evidence starts again from zero. With
   * `relearn` (a replaced compressor or coil behaves differently) the baseline is learned
   * afresh over the next baseline days; otherwise the old one still describes the unit.
   */
  repairVerified(atMs: number, relearn = false): void {
    this.capacityLow.reset();
    this.warmUpHigh.reset();
    this.badDefrostRun = 0;
    this.lastLongDefrostMin = undefined;
    this.lastLongCounted = false;
    this.lastBadDefrostTs = Number.NEGATIVE_INFINITY;
    this.lastClearDefrostEndTs = undefined;
    this.history.length = 0;
    if (relearn) {
      this.baselines = this.freshBaselines();
      this.powerPerWarmUp = 0;
      this.learnUntil = atMs + this.settings.baselineDays * 24 * HOUR_MS;
      this.state = 'learning';
    } else this.state = 'watching';
  }

  /**
   * Drift evidence as a share of what makes a finding (0 = none, 1 = a finding's worth):
   * the larger of the two CUSUMs and the run of heater-less defrosts. The outlook calls
   * an asset drifting from half of it.
   */
  get driftEvidence(): number {
    const defrosts = this.badDefrostRun / this.settings.missedDefrostsForFinding;
    return Math.min(1, Math.max(this.capacityLow.ratio, this.warmUpHigh.ratio, defrosts));
  }

  /** When the learning days end (undefined before the first row). */
  get learningEndsAt(): number | undefined {
    return this.learnUntil;
  }

  /** The learned baseline, to keep across a restart; undefined while still learning. */
  baselineSnapshot(): BaselineSnapshot | undefined {
    if (this.state === 'learning' || this.learnUntil === undefined) return undefined;
    const b = this.baselines;
    return {
      version: 1,
      learnedUntil: this.learnUntil,
      hourly: {
        duty: b.duty.snapshot() ?? null,
        capacity: b.capacity.snapshot() ?? null,
        warmUp: b.warmUp.snapshot() ?? null,
        cycles: b.cycles.snapshot() ?? null,
        pullDown: b.pullDown.snapshot() ?? null,
        temp: b.temp.snapshot() ?? null,
        power: b.power.snapshot() ?? null,
      },
      defrost: { durationMin: b.defrostMin.stats ?? null, riseCPerH: b.defrostRise.stats ?? null },
      powerPerWarmUp: this.powerPerWarmUp,
      dailyPeakDuty: b.dailyPeaks.snapshot(),
    };
  }

  /**
   * After a restart: the baseline learned before it, without the learning days. `found`
   * keeps the monitor quiet while the finding's ticket is still being worked on.
   */
  restoreBaseline(snapshot: BaselineSnapshot, found: boolean): void {
    const b = this.freshBaselines();
    const h = snapshot.hourly;
    if (h.duty) b.duty.restore(h.duty);
    if (h.capacity) b.capacity.restore(h.capacity);
    if (h.warmUp) b.warmUp.restore(h.warmUp);
    if (h.cycles) b.cycles.restore(h.cycles);
    if (h.pullDown) b.pullDown.restore(h.pullDown);
    if (h.temp) b.temp.restore(h.temp);
    if (h.power) b.power.restore(h.power);
    if (snapshot.defrost.durationMin) b.defrostMin.restore(snapshot.defrost.durationMin);
    if (snapshot.defrost.riseCPerH) b.defrostRise.restore(snapshot.defrost.riseCPerH);
    this.baselines = b;
    this.powerPerWarmUp = snapshot.powerPerWarmUp ?? 0;
    if (snapshot.dailyPeakDuty) b.dailyPeaks.restore(snapshot.dailyPeakDuty);
    this.learnUntil = snapshot.learnedUntil;
    this.state = found ? 'found' : 'watching';
  }

  private freshBaselines() {
    return {
      duty: new HourOfDayBaseline(0.02),
      capacity: new HourOfDayBaseline(0.1, CAPACITY_RELATIVE_SD),
      warmUp: new HourOfDayBaseline(0.05, WARM_UP_RELATIVE_SD),
      cycles: new HourOfDayBaseline(0.2),
      pullDown: new HourOfDayBaseline(0.1),
      temp: new HourOfDayBaseline(0.05),
      power: new HourOfDayBaseline(5, POWER_RELATIVE_SD),
      dailyPeaks: new DailyPeakBaseline(),
      defrostMin: new ScalarBaseline(1),
      defrostRise: new ScalarBaseline(0.2),
    };
  }

  private onHour(h: HourFeatures): void {
    this.history.push(h);
    if (this.history.length > HISTORY_H) this.history.shift();
    const b = this.baselines;
    if (this.state === 'learning') {
      if (h.hourStartMs + HOUR_MS <= (this.learnUntil ?? 0)) {
        b.duty.learn(h.localHour, h.duty);
        b.capacity.learn(h.localHour, h.capacityCPerH);
        b.warmUp.learn(h.localHour, h.warmUpCPerH);
        b.cycles.learn(h.localHour, h.cyclesPerH);
        b.pullDown.learn(h.localHour, h.pullDownCPerH);
        b.temp.learn(h.localHour, h.meanTempC);
        b.power.learn(h.localHour, h.runningPowerW);
        b.dailyPeaks.learn(h);
        return;
      }
      this.finishLearning();
      if (this.state === 'learning') return;
    }
    if (this.state !== 'watching') return;
    const zCap = b.capacity.z(h.localHour, h.capacityCPerH);
    const capAlarm = zCap !== undefined && this.capacityLow.update(-zCap, h.hourStartMs);
    const zWarm = b.warmUp.learned ? b.warmUp.z(h.localHour, h.warmUpCPerH) : undefined;
    const warmAlarm = zWarm !== undefined && this.warmUpHigh.update(zWarm, h.hourStartMs);
    if (capAlarm && (!warmAlarm || this.capacityLow.ratio >= this.warmUpHigh.ratio)) {
      const recentBad = h.hourStartMs - this.lastBadDefrostTs < 24 * HOUR_MS ? 1 : 0;
      const since = this.capacityLow.startedAt ?? h.hourStartMs;
      const window = this.history.filter((x) => x.hourStartMs >= since - 12 * HOUR_MS);
      const verdict = classifyCapacityLoss(
        this.metrics,
        window,
        { ...b, powerPerWarmUp: this.powerPerWarmUp },
        recentBad,
      );
      this.raise(verdict, h);
    } else if (warmAlarm) this.raise({ cause: 'door_seal_leak', alsoPossible: [] }, h);
  }

  private finishLearning(): void {
    const b = this.baselines;
    const ok = b.duty.freeze() && b.capacity.freeze() && b.cycles.freeze() && b.temp.freeze();
    if (!ok) {
      // Too little clean running to learn from (a unit mostly off): keep learning a while longer.
      this.learnUntil = (this.learnUntil ?? 0) + 24 * HOUR_MS;
      return;
    }
    if (this.metrics.actuatorSign < 0) b.warmUp.freeze();
    b.pullDown.freeze();
    b.dailyPeaks.freeze();
    // Without a power meter nothing was learned and the checks go on without power.
    if (b.power.freeze() && b.warmUp.learned) this.powerPerWarmUp = learnPowerPerWarmUp(this.history, b);
    b.defrostMin.freeze();
    b.defrostRise.freeze();
    this.state = 'watching';
  }

  private onDefrost(d: DefrostEvent): void {
    const b = this.baselines;
    if (this.state === 'learning') {
      b.defrostMin.learn(d.durationMin);
      b.defrostRise.learn(d.riseCPerH);
      return;
    }
    if (this.state !== 'watching') return;
    const zDur = b.defrostMin.z(d.durationMin);
    const zRise = b.defrostRise.z(d.riseCPerH);
    if (zDur === undefined || zRise === undefined) return;
    const long = zDur > LONG_DEFROST_Z;
    const timedOut =
      long &&
      this.lastLongDefrostMin !== undefined &&
      Math.abs(d.durationMin - this.lastLongDefrostMin) <= SAME_LENGTH_MIN;
    // The first of two equally long defrosts was timed out too: it counts once the second shows it.
    const missedBefore = timedOut && !this.lastLongCounted ? 1 : 0;
    this.lastLongDefrostMin = long ? d.durationMin : undefined;
    if (!long) this.lastClearDefrostEndTs = d.endTs;
    this.lastLongCounted = long && (zRise < SLOW_DEFROST_RISE_Z || timedOut);
    if (this.lastLongCounted) {
      this.badDefrostRun += 1 + missedBefore;
      this.lastBadDefrostTs = d.endTs;
    } else this.badDefrostRun = 0;
    if (this.badDefrostRun >= this.settings.missedDefrostsForFinding) {
      const last = this.history.at(-1);
      if (last) this.raise({ cause: 'defrost_heater_failure', alsoPossible: [] }, last, d);
    }
  }

  private raise(verdict: CauseVerdict, h: HourFeatures, defrost?: DefrostEvent): void {
    const evidence = findingEvidence(this.baselines, this.history.slice(-24), this.metrics, defrost);
    const seal = verdict.cause === 'door_seal_leak';
    const forecast =
      verdict.cause === 'defrost_heater_failure'
        ? this.forecast('frost', this.lastClearDefrostEndTs)
        : this.forecast(
            seal ? 'load' : verdict.cause === 'refrigerant_loss' ? 'charge' : 'capacity',
            (seal ? this.warmUpHigh : this.capacityLow).startedAt,
          );
    const moved =
      verdict.cause === 'door_seal_leak'
        ? evidence.find((e) => e.feature === 'warm_up_c_per_h')
        : evidence.find((e) => e.feature === 'capacity_c_per_h');
    const percent =
      moved && moved.baselineMean !== 0
        ? ((moved.current - moved.baselineMean) / moved.baselineMean) * 100
        : 0;
    this.state = 'found';
    this.pending = {
      equipmentId: this.equipmentId,
      detectedAt: Math.max(this.lastTs, h.hourStartMs + HOUR_MS),
      cause: verdict.cause,
      alsoPossible: verdict.alsoPossible,
      evidence: evidence.slice(0, 12),
      forecast,
      summary: findingSummary(
        verdict.cause,
        changeText(verdict.cause, percent),
        forecast,
        this.metrics.actuatorSign > 0,
      ),
      suggestedAction: SUGGESTED_ACTIONS[verdict.cause],
    };
  }

  /**
   * The trend is fitted from when the drift's evidence began (before it the unit was at
   * its baseline, which would flatten the line), over at least a day and at most the window.
   */
  private forecast(basis: HeadroomBasis, driftSince: number | undefined): TimeToLimitForecast | null {
    const limits = {
      cold: this.settings.coldLimitC,
      frozen: this.settings.frozenLimitC,
      fryer_low: this.settings.fryerLowLimitC,
    };
    const limitC = limits[this.metrics.limit];
    const longest = this.lastTs - this.settings.forecastWindowH * HOUR_MS;
    const shortest = this.lastTs - 24 * HOUR_MS;
    // Frost has built without a break since the last defrost that cleared the coil.
    const since =
      basis === 'frost'
        ? Math.max(longest, driftSince ?? longest)
        : Math.max(longest, Math.min(shortest, (driftSince ?? longest) - 24 * HOUR_MS));
    const hours = this.history.filter((x) => x.hourStartMs >= since);
    return forecastTimeToLimit(hours, basis, this.baselines, this.lastTs, limitC, this.metrics.limit);
  }
}
