/**
 * One-sided CUSUM (Page, 1954) on standardised residuals: S ← max(0, S + z − k).
 * It ignores drift below k and sums evidence above it, so a slow trend is caught
 * long before any single hour looks odd, while one noisy hour decays away.
 */
export class Cusum {
  private s = 0;
  /** When the current run of evidence began (S last left 0). */
  private since: number | undefined;

  constructor(
    private readonly slack: number,
    private readonly threshold: number,
  ) {}

  /** Adds one residual; returns true while S is past the threshold. Residuals are clipped at ±6. */
  update(z: number, ts: number): boolean {
    const clipped = Math.max(-6, Math.min(6, z));
    const before = this.s;
    this.s = Math.max(0, this.s + clipped - this.slack);
    if (this.s === 0) this.since = undefined;
    else if (before === 0) this.since = ts;
    return this.s > this.threshold;
  }

  get value(): number {
    return this.s;
  }

  /** Evidence in thresholds: 1 = just alarmed. */
  get ratio(): number {
    return this.s / this.threshold;
  }

  get startedAt(): number | undefined {
    return this.since;
  }

  reset(): void {
    this.s = 0;
    this.since = undefined;
  }
}
