import type { Rng } from '../random';

/**
 * Orders per minute over a store's day: a small baseline while open plus one bell
 * per rush. Quick-service sales are shaped like this (breakfast bump, a tall lunch
 * peak, a broader dinner one), and a flat rate would never fill a grill queue the
 * way a real lunch does.
 */
export interface RushPeak {
  /** centre of the rush, hours since midnight (12.5 = 12:30) */
  hour: number;
  /** standard deviation of the bell, hours */
  widthH: number;
  /** orders per minute added at the centre */
  perMinute: number;
}

export interface RushProfile {
  openHour: number;
  closeHour: number;
  /** orders per minute whenever open */
  baseline: number;
  peaks: readonly RushPeak[];
}

export const QUICK_SERVICE_DAY: RushProfile = {
  openHour: 7,
  closeHour: 23,
  baseline: 0.25,
  peaks: [
    { hour: 8.25, widthH: 0.5, perMinute: 0.6 },
    { hour: 12.4, widthH: 0.7, perMinute: 2.8 },
    { hour: 18.9, widthH: 1.0, perMinute: 2.2 },
  ],
};

/** Expected orders per minute at `hour` (0 ≤ hour < 24, fractional). */
export function ordersPerMinute(hour: number, profile: RushProfile = QUICK_SERVICE_DAY): number {
  if (hour < profile.openHour || hour >= profile.closeHour) return 0;
  let rate = profile.baseline;
  for (const peak of profile.peaks)
    rate += peak.perMinute * Math.exp(-((hour - peak.hour) ** 2) / (2 * peak.widthH ** 2));
  return rate;
}

/** A Poisson draw (Knuth): how many orders actually arrive in a minute of that rate. */
export function poisson(rate: number, rng: Rng): number {
  if (rate <= 0) return 0;
  const limit = Math.exp(-rate);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

/** The fractional hour of the day on a time zone's wall clock, e.g. 12.5 at 12:30. */
export function hourOfDayIn(timeZone: string): (epochMs: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return (epochMs) => {
    const parts = format.formatToParts(epochMs);
    const value = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return value('hour') + value('minute') / 60;
  };
}
