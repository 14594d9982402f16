import { assetMetricsOfType } from '../../edge/domains/predictive/asset-kind';
import { PredictiveAssetMonitor } from '../../edge/domains/predictive/asset-monitor';
import { ColdBoxSim } from '../../firmware-sim/degradation/cold-box-sim';
import type { Degradation, DegradationKind } from '../../firmware-sim/degradation/degradation-spec';
import { FryerSim } from '../../firmware-sim/degradation/fryer-sim';
import type { PredictiveCause } from '../../shared/predictive/predictive-causes';
import type { PredictiveFinding } from '../../shared/predictive/predictive-finding';
import { DEFAULT_PREDICTIVE_SETTINGS } from '../../shared/predictive/predictive-settings';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The kitchens run on Shanghai time; the simulation starts at a local midnight. */
const UTC_OFFSET_H = 8;
export const SIM_START_MS = Date.UTC(2026, 0, 4, 16);
/** The limit must be passed this long without a break to count as crossed (the "30 min above"). */
const SUSTAINED_MS = 30 * 60_000;
/** The simulated walk-ins' compressors: 1.5 kW, metered (the asset register's ratedPowerKw). */
const COOLER_RATED_POWER_W = 1500;

export type SimulatedAsset = 'cooler' | 'fryer';

export interface AssetRunOptions {
  asset: SimulatedAsset;
  seed: number;
  degradations?: readonly Degradation[];
  days: number;
  /**
   * Rated compressor power of a cooler with a sub-meter (it then reports `compressor_power_w`);
   * left out, the cooler reports no power, as most do today.
   */
  ratedPowerW?: number;
  /** Stop this long after both a finding and the crossing are known (saves time in the bench). */
  stopWhenSettledAfterH?: number;
  /** Called at each simulated hour boundary (e.g. to verify a repair on the monitor at the hour it happens). */
  everyHour?: (nowMs: number, monitor: PredictiveAssetMonitor) => void;
}

export interface AssetRun {
  findings: PredictiveFinding[];
  /** Start of the first 30 min the unit spent past its limit (cold: above 5 °C; fryer: in service below 170 °C). */
  crossingMs: number | undefined;
  /** Hourly share of time the compressor/element ran, per simulated day (for the acceptance checks). */
  dailyDuty: number[];
  /** When each defrost began (the defrost flag rising), for counting missed defrosts. */
  defrostStarts: number[];
  monitor: PredictiveAssetMonitor;
}

/** One simulated asset watched by the predictive monitor, on the simulation's own clock. */
export function runAsset(options: AssetRunOptions): AssetRun {
  const common = {
    seed: options.seed,
    startMs: SIM_START_MS,
    utcOffsetH: UTC_OFFSET_H,
    degradations: options.degradations,
  };
  const cold = options.asset === 'cooler';
  const sim = cold ? new ColdBoxSim({ ...common, ratedPowerW: options.ratedPowerW }) : new FryerSim(common);
  const metrics = assetMetricsOfType(cold ? 'walk_in_cooler' : 'fryer');
  if (!metrics) throw new Error('no predictive metrics for the simulated type');
  const monitor = new PredictiveAssetMonitor({
    equipmentId: `${options.asset}-${options.seed}`,
    metrics,
    localHourOf: (ms) => Math.floor((((ms / HOUR_MS + UTC_OFFSET_H) % 24) + 24) % 24),
  });
  const findings: PredictiveFinding[] = [];
  const limit = cold ? DEFAULT_PREDICTIVE_SETTINGS.coldLimitC : DEFAULT_PREDICTIVE_SETTINGS.fryerLowLimitC;
  const fryer = sim instanceof FryerSim ? sim : undefined;
  let pastSince: number | undefined;
  let crossingMs: number | undefined;
  const onCount = new Map<number, [number, number]>();
  const defrostStarts: number[] = [];
  let defrosting = false;
  const endMs = SIM_START_MS + options.days * DAY_MS;
  const settleMs = (options.stopWhenSettledAfterH ?? Number.POSITIVE_INFINITY) * HOUR_MS;
  for (let until = SIM_START_MS + HOUR_MS; until <= endMs; until += HOUR_MS) {
    options.everyHour?.(until - HOUR_MS, monitor);
    sim.runUntil(until, (row) => {
      const finding = monitor.push(row);
      if (finding) findings.push(finding);
      if (row.metric === metrics.defrost) {
        if (row.value === true && !defrosting) defrostStarts.push(row.ts);
        defrosting = row.value === true;
      }
      if (row.metric === metrics.actuator) {
        const day = Math.floor((row.ts - SIM_START_MS) / DAY_MS);
        const c = onCount.get(day) ?? [0, 0];
        c[0] += row.value === true ? 1 : 0;
        c[1]++;
        onCount.set(day, c);
      }
      if (row.metric !== metrics.temp || typeof row.value !== 'number' || crossingMs !== undefined) return;
      const past = cold ? row.value > limit : fryer?.inService() === true && row.value < limit;
      if (!past) pastSince = undefined;
      else {
        pastSince ??= row.ts;
        if (row.ts - pastSince >= SUSTAINED_MS) crossingMs = pastSince;
      }
    });
    const last = findings[0];
    if (last && crossingMs !== undefined && until >= Math.max(last.detectedAt, crossingMs) + settleMs) break;
  }
  const dailyDuty = [...onCount.entries()].sort((a, b) => a[0] - b[0]).map(([, [on, n]]) => on / n);
  return { findings, crossingMs, dailyDuty, defrostStarts, monitor };
}

interface FaultScenario {
  fault: DegradationKind;
  asset: SimulatedAsset;
  expected: PredictiveCause;
  severity: number;
  rampH: number;
  /** How long the run goes on after the fault starts. */
  afterOnsetDays: number;
}

/** The contract's five degradations, at rates a kitchen sees over days to weeks. */
export const FAULT_SCENARIOS: readonly FaultScenario[] = [
  {
    fault: 'condenser_fouling',
    asset: 'cooler',
    expected: 'condenser_fouling',
    severity: 0.6,
    rampH: 480,
    afterOnsetDays: 22,
  },
  {
    fault: 'refrigerant_loss',
    asset: 'cooler',
    expected: 'refrigerant_loss',
    severity: 0.6,
    rampH: 480,
    afterOnsetDays: 22,
  },
  {
    fault: 'door_seal_leak',
    asset: 'cooler',
    expected: 'door_seal_leak',
    severity: 0.6,
    rampH: 12,
    afterOnsetDays: 8,
  },
  {
    fault: 'defrost_heater_failure',
    asset: 'cooler',
    expected: 'defrost_heater_failure',
    severity: 1,
    rampH: 0,
    afterOnsetDays: 8,
  },
  {
    fault: 'fryer_element_weak',
    asset: 'fryer',
    expected: 'heating_element_weak',
    severity: 0.8,
    rampH: 480,
    afterOnsetDays: 22,
  },
];

export interface FaultRunFigure {
  seed: number;
  onsetMs: number;
  detectedAt: number | undefined;
  cause: PredictiveCause | undefined;
  falseBeforeOnset: number;
  crossingMs: number | undefined;
  forecastH: number | undefined;
  /** The forecast's 80 % range at the finding. */
  forecastRangeH: [number, number] | undefined;
  /** Defrosts that began between the fault's start and the finding (the heater goal: at most 2). */
  defrostsBeforeFinding: number;
}

export interface PredictiveFaultFigure {
  fault: DegradationKind;
  expected: PredictiveCause;
  runs: FaultRunFigure[];
  /** Median over runs with a finding and a crossing; null = na. */
  leadH: number | null;
  /** Median of |forecast − actual| hours at the finding, over runs with a forecast and a crossing (the goal is ± 12 h). */
  forecastErrH: number | null;
  /** Runs whose actual crossing fell inside the forecast's 80 % range, of the runs with both. */
  rangeHits: number;
  rangeRuns: number;
  falsePer30d: number;
}

export interface NormalFleetFigure {
  asset: SimulatedAsset | 'cooler_doubled_doors';
  assets: number;
  watchedDays: number;
  findings: number;
  per30d: number;
}

export interface PredictiveBenchResult {
  /** Seeds 1..`seeds`: the set the methods' constants were chosen on. */
  faults: PredictiveFaultFigure[];
  /** The same faults on other seeds (11..), so a method tuned on the first set is caught out. */
  faultsCheck: PredictiveFaultFigure[];
  /** Fouling and refrigerant loss on the check seeds with coolers that report no power. */
  faultsUnmetered: PredictiveFaultFigure[];
  fleets: NormalFleetFigure[];
  seconds: number;
}

const median = (xs: number[]): number | null => {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

function faultRun(s: FaultScenario, seed: number, metered = true): FaultRunFigure {
  // Onsets at different hours of the day, after the 14 learning days and a couple of watched ones.
  const onsetH = 16 * 24 + ((seed * 7) % 24);
  const run = runAsset({
    asset: s.asset,
    seed,
    degradations: [{ kind: s.fault, startsAtH: onsetH, rampH: s.rampH, severity: s.severity }],
    ratedPowerW: s.asset === 'cooler' && metered ? COOLER_RATED_POWER_W : undefined,
    days: onsetH / 24 + s.afterOnsetDays,
    stopWhenSettledAfterH: 1,
  });
  const onsetMs = SIM_START_MS + onsetH * HOUR_MS;
  const after = run.findings.find((f) => f.detectedAt >= onsetMs);
  return {
    seed,
    onsetMs,
    detectedAt: after?.detectedAt,
    cause: after?.cause,
    falseBeforeOnset: run.findings.filter((f) => f.detectedAt < onsetMs).length,
    crossingMs: run.crossingMs !== undefined && run.crossingMs >= onsetMs ? run.crossingMs : undefined,
    forecastH: after?.forecast?.hours,
    forecastRangeH: after?.forecast ? [after.forecast.lowHours, after.forecast.highHours] : undefined,
    defrostsBeforeFinding: run.defrostStarts.filter((t) => t >= onsetMs && t < (after?.detectedAt ?? 0))
      .length,
  };
}

function normalFleet(
  asset: SimulatedAsset,
  assets: number,
  watchDays: number,
  doubledDoors: boolean,
): NormalFleetFigure {
  const learnDays = DEFAULT_PREDICTIVE_SETTINGS.baselineDays;
  let findings = 0;
  for (let i = 0; i < assets; i++) {
    const seed = 1000 + i * 17 + (asset === 'fryer' ? 5000 : 0);
    const run = runAsset({
      asset,
      seed,
      ratedPowerW: asset === 'cooler' ? COOLER_RATED_POWER_W : undefined,
      days: learnDays + watchDays,
      degradations: doubledDoors ? [{ kind: 'door_openings_doubled', startsAtH: (learnDays + 1) * 24 }] : [],
    });
    findings += run.findings.length;
  }
  return {
    asset: doubledDoors ? 'cooler_doubled_doors' : asset,
    assets,
    watchedDays: watchDays,
    findings,
    per30d: findings / ((assets * watchDays) / 30),
  };
}

export interface PredictiveBenchOptions {
  /** Runs per fault (different seeds): the set the methods were tuned on. */
  seeds?: number;
  /** Runs per fault on the held-out check set (seeds 11, 12, …; 0 = none). */
  checkSeeds?: number;
  /** Normal assets per kind for the false-finding rate (the contract asks for ≥ 20). */
  normalAssets?: number;
  /** Days each normal asset is watched after its learning days. */
  watchDays?: number;
  progress?: (line: string) => void;
}

/**
 * `npm run bench -- --only predictive`: simulated degradations and normal fleets run on
 * the simulation's own clock (much faster than real time), fed row by row to the monitor
 * the edge runs.
 */
export function benchPredictive(options: PredictiveBenchOptions = {}): PredictiveBenchResult {
  const started = performance.now();
  const seeds = options.seeds ?? 10;
  const assets = options.normalAssets ?? 20;
  const watchDays = options.watchDays ?? 30;
  const progress = options.progress ?? (() => {});
  const fleets: NormalFleetFigure[] = [];
  for (const [asset, doubled] of [
    ['cooler', false],
    ['fryer', false],
    ['cooler', true],
  ] as const) {
    fleets.push(normalFleet(asset, assets, watchDays, doubled));
    progress(fleetRow(fleets.at(-1) as NormalFleetFigure));
  }
  const checkSeeds = options.checkSeeds ?? 20;
  const figures = (first: number, count: number, label: string, metered = true) =>
    FAULT_SCENARIOS.filter(
      (s) => metered || s.fault === 'condenser_fouling' || s.fault === 'refrigerant_loss',
    ).map((s) => {
      const runs = Array.from({ length: count }, (_, i) => faultRun(s, first + i, metered));
      const fleet = fleets.find((f) => f.asset === s.asset) as NormalFleetFigure;
      const figure = faultFigure(s, runs, fleet.per30d);
      progress(faultDetailRow(figure, label));
      return figure;
    });
  const faults = figures(1, seeds, 'seeds_1');
  const faultsCheck = checkSeeds > 0 ? figures(11, checkSeeds, 'seeds_11') : [];
  const faultsUnmetered = checkSeeds > 0 ? figures(11, checkSeeds, 'seeds_11_unmetered', false) : [];
  return { faults, faultsCheck, faultsUnmetered, fleets, seconds: (performance.now() - started) / 1000 };
}

function faultFigure(s: FaultScenario, runs: FaultRunFigure[], falsePer30d: number): PredictiveFaultFigure {
  const leads: number[] = [];
  const errors: number[] = [];
  let rangeHits = 0;
  let rangeRuns = 0;
  for (const r of runs) {
    if (r.detectedAt === undefined || r.crossingMs === undefined) continue;
    const actualH = (r.crossingMs - r.detectedAt) / HOUR_MS;
    leads.push(actualH);
    if (r.forecastH !== undefined) errors.push(Math.abs(r.forecastH - actualH));
    if (r.forecastRangeH) {
      rangeRuns++;
      if (actualH >= r.forecastRangeH[0] && actualH <= r.forecastRangeH[1]) rangeHits++;
    }
  }
  return {
    fault: s.fault,
    expected: s.expected,
    runs,
    leadH: median(leads),
    forecastErrH: median(errors),
    rangeHits,
    rangeRuns,
    falsePer30d,
  };
}

const fmt = (n: number | null) => (n === null ? 'na' : n.toFixed(1));

/**
 * The contract's line per degradation, on the held-out seeds (11–30) when they ran: the
 * methods' constants were chosen on seeds 1–10, whose figures are in the detail lines.
 */
export function predictiveRows(result: PredictiveBenchResult): string {
  const reported = result.faultsCheck.length > 0 ? result.faultsCheck : result.faults;
  return reported
    .map(
      (f) =>
        `predictive ${f.fault} lead_h=${fmt(f.leadH)} forecast_err_h=${fmt(f.forecastErrH)} false_per_30d=${f.falsePer30d.toFixed(2)}`,
    )
    .join('\n');
}

/** Per-run figures behind a line: detection after onset, cause, lead and forecast of each seed. */
export function faultDetailRow(f: PredictiveFaultFigure, label = 'seeds_1'): string {
  const found = f.runs.filter((r) => r.detectedAt !== undefined);
  const right = found.filter((r) => r.cause === f.expected).length;
  const afterOnset = found.map((r) => (((r.detectedAt as number) - r.onsetMs) / HOUR_MS).toFixed(1));
  const per = f.runs.map((r) => {
    const lead =
      r.detectedAt !== undefined && r.crossingMs !== undefined
        ? ((r.crossingMs - r.detectedAt) / HOUR_MS).toFixed(1)
        : 'na';
    const forecast = r.forecastH === undefined ? 'na' : r.forecastH.toFixed(0);
    const range = r.forecastRangeH
      ? `(${r.forecastRangeH[0].toFixed(0)}-${r.forecastRangeH[1].toFixed(0)})`
      : '';
    return `${lead}/${forecast}${range}`;
  });
  const early = f.runs.reduce((n, r) => n + r.falseBeforeOnset, 0);
  const defrosts =
    f.fault === 'defrost_heater_failure'
      ? ` defrosts_before_finding=[${f.runs.map((r) => r.defrostsBeforeFinding).join(' ')}]`
      : '';
  const summary = `lead_h=${fmt(f.leadH)} forecast_err_h=${fmt(f.forecastErrH)} in_range=${f.rangeHits}/${f.rangeRuns}`;
  return `predictive-detail ${label} ${f.fault} ${summary} found=${found.length}/${f.runs.length} cause_right=${right}/${found.length} detect_after_onset_h=[${afterOnset.join(' ')}] lead_h/forecast_h=[${per.join(' ')}] findings_before_onset=${early}${defrosts}`;
}

export function fleetRow(f: NormalFleetFigure): string {
  return `predictive-normal ${f.asset} assets=${f.assets} watched_days=${f.watchedDays} findings=${f.findings} per_asset_per_30d=${f.per30d.toFixed(2)}`;
}
