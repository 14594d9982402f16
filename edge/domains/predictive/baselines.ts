/** Median of a non-empty list (a copy is sorted). */
export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/**
 * Robust spread: 1.4826 × the median absolute deviation, which equals the standard
 * deviation for normal data but ignores the odd delivery or party night.
 */
export function robustSd(values: readonly number[], centre: number): number {
  return 1.4826 * median(values.map((v) => Math.abs(v - centre)));
}

/** Mean and spread of something measured per event (a defrost), from the learning days. */
export class ScalarBaseline {
  private readonly values: number[] = [];
  private frozen: { mean: number; sd: number } | undefined;

  constructor(
    /** Smallest spread believed, in the feature's units: no sensor repeats itself exactly. */
    private readonly sdFloor: number,
  ) {}

  learn(value: number): void {
    if (!this.frozen && Number.isFinite(value)) this.values.push(value);
  }

  /** Ends learning; false when too few events were seen to judge anything. */
  freeze(minCount = 8): boolean {
    if (this.values.length < minCount) return false;
    const mean = median(this.values);
    this.frozen = { mean, sd: Math.max(this.sdFloor, robustSd(this.values, mean)) };
    return true;
  }

  get stats(): { mean: number; sd: number } | undefined {
    return this.frozen;
  }

  /** What was learned, to keep across a restart; `restore` puts it back without the learning days. */
  restore(frozen: { mean: number; sd: number }): void {
    this.frozen = { ...frozen };
  }

  z(value: number): number | undefined {
    return this.frozen ? (value - this.frozen.mean) / this.frozen.sd : undefined;
  }
}

/** A learned hour-of-day baseline as it is kept across a restart. */
export interface HourOfDaySnapshot {
  means: number[];
  sd: number;
  p95: number;
}

/**
 * A feature that follows the kitchen's day (duty at the rush, warm-up in the hot hours):
 * learned per local hour of day, with one pooled spread of the residuals.
 */
export class HourOfDayBaseline {
  private readonly byHour: number[][] = Array.from({ length: 24 }, () => []);
  private means: number[] | undefined;
  private sd = 0;
  private p95 = 0;

  constructor(
    /** Smallest spread believed, in the feature's units. */
    private readonly sdFloor: number,
    /**
     * Smallest spread believed as a share of the feature's level: hour-to-hour noise in a
     * simulation or a quiet fortnight can look tighter than a unit really is over months,
     * and a drift of a percent or two is nothing to send a technician for.
     */
    private readonly relativeFloor = 0,
  ) {}

  learn(localHour: number, value: number | undefined): void {
    if (this.means || value === undefined || !Number.isFinite(value)) return;
    this.byHour[localHour]?.push(value);
  }

  freeze(minPerHour = 3): boolean {
    const all = this.byHour.flat();
    if (all.length < 24 * minPerHour) return false;
    const overall = median(all);
    const means = this.byHour.map((vs) => (vs.length >= minPerHour ? median(vs) : overall));
    const residuals = this.byHour.flatMap((vs, h) => vs.map((v) => v - (means[h] as number)));
    this.sd = Math.max(this.sdFloor, this.relativeFloor * Math.abs(overall), robustSd(residuals, 0));
    this.means = means;
    const sorted = [...all].sort((a, b) => a - b);
    this.p95 = sorted[Math.floor(0.95 * (sorted.length - 1))] as number;
    return true;
  }

  get learned(): boolean {
    return this.means !== undefined;
  }

  /** What was learned, to keep across a restart (undefined while learning). */
  snapshot(): HourOfDaySnapshot | undefined {
    return this.means && { means: [...this.means], sd: this.sd, p95: this.p95 };
  }

  restore(snapshot: HourOfDaySnapshot): void {
    this.means = [...snapshot.means];
    this.sd = snapshot.sd;
    this.p95 = snapshot.p95;
  }

  expected(localHour: number): number | undefined {
    return this.means?.[localHour];
  }

  /** The busiest hours' level: the 95th percentile of every hour learned (a busy day's rush, for duty). */
  busy(): number | undefined {
    return this.means ? this.p95 : undefined;
  }

  /** The median of the hour-of-day means: hours above it are the busy half of the day. */
  middle(): number | undefined {
    if (!this.means) return undefined;
    const s = [...this.means].sort((a, b) => a - b);
    return ((s[11] as number) + (s[12] as number)) / 2;
  }

  mean(): number | undefined {
    return this.means ? this.means.reduce((a, b) => a + b, 0) / 24 : undefined;
  }

  spread(): number {
    return this.sd;
  }

  z(localHour: number, value: number | undefined): number | undefined {
    const m = this.means?.[localHour];
    if (m === undefined || value === undefined) return undefined;
    return (value - m) / this.sd;
  }
}
