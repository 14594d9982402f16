import { HOUR_MS, type HourFeatures } from './hourly-features';

/** A day counts when this many of its hours were measured (a day with a gap hides its peak). */
const MIN_HOURS_PER_DAY = 18;

/**
 * Each learning day's busiest hour: its duty (share of the hour the compressor or element
 * ran, which is the load as a share of the baseline capacity) and the local hour it fell
 * in. The forecast reads them as the distribution of what a coming day will ask of the
 * unit, and of when in the day it asks most.
 */
export class DailyPeakBaseline {
  private readonly days = new Map<number, { peak: number; hours: number }>();
  private frozen: { peaks: number[]; peakHour: number } | undefined;
  private readonly byHourOfDay = new Array<number>(24).fill(0);

  learn(h: HourFeatures): void {
    if (this.frozen) return;
    const localMidnight = h.hourStartMs - h.localHour * HOUR_MS;
    const day = this.days.get(localMidnight) ?? { peak: 0, hours: 0 };
    day.peak = Math.max(day.peak, h.duty);
    day.hours++;
    this.days.set(localMidnight, day);
    this.byHourOfDay[h.localHour] = (this.byHourOfDay[h.localHour] as number) + h.duty;
  }

  /** Ends learning; false with fewer than five whole days. */
  freeze(): boolean {
    const peaks = [...this.days.values()].filter((d) => d.hours >= MIN_HOURS_PER_DAY).map((d) => d.peak);
    if (peaks.length < 5) return false;
    let peakHour = 0;
    for (let hour = 1; hour < 24; hour++)
      if ((this.byHourOfDay[hour] as number) > (this.byHourOfDay[peakHour] as number)) peakHour = hour;
    this.frozen = { peaks, peakHour };
    return true;
  }

  get learned(): { peaks: readonly number[]; peakHour: number } | undefined {
    return this.frozen;
  }

  snapshot(): { peaks: number[]; peakHour: number } | undefined {
    return this.frozen && { peaks: [...this.frozen.peaks], peakHour: this.frozen.peakHour };
  }

  restore(snapshot: { peaks: readonly number[]; peakHour: number }): void {
    this.frozen = { peaks: [...snapshot.peaks], peakHour: snapshot.peakHour };
  }
}
