import type { Rng } from '../random';

/**
 * The rhythm of a kitchen day that refrigeration and fryers feel: the air around them
 * warms with service, doors open most at prep and the two rushes, baskets drop at the
 * rushes. Hours are local hours of the day (0–24).
 */

/** Door openings per hour of a walk-in cooler; the whole day sums to about 200. */
const DOOR_OPENINGS_PER_HOUR = [
  0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 8, 10, 12, 12, 14, 15, 15, 13, 9, 8, 9, 14, 15, 14, 11, 7, 4, 1,
] as const;

/** Fryer baskets per hour while the fryer is on. */
const BASKETS_PER_HOUR = [
  0, 0, 0, 0, 0, 0, 2, 4, 5, 4, 6, 13, 15, 10, 5, 4, 5, 12, 14, 12, 7, 4, 2, 0,
] as const;

export function doorOpeningsPerHour(hourOfDay: number): number {
  return DOOR_OPENINGS_PER_HOUR[Math.floor(hourOfDay) % 24] ?? 0;
}

export function basketsPerHour(hourOfDay: number): number {
  return BASKETS_PER_HOUR[Math.floor(hourOfDay) % 24] ?? 0;
}

/** Kitchen air, °C: 21 at night, 24 by day, 27 at the rushes, with smooth shoulders. */
export function kitchenAirC(hourOfDay: number): number {
  const bump = (centre: number, width: number) => Math.exp(-(((hourOfDay - centre) / width) ** 2));
  const day = hourOfDay >= 6 && hourOfDay < 23 ? 3 : 0;
  return 21 + day + 3 * bump(12.5, 1.8) + 3 * bump(19, 2);
}

/** What changes from one day to the next: trade, the weather, the delivery. */
export interface DayVariation {
  trade: number;
  airOffsetC: number;
  deliveryAtH: number;
  /** °C the delivered (warmer) stock adds to the box over its first 40 minutes. */
  deliveryLoadC: number;
}

export function nextDay(rng: Rng): DayVariation {
  return {
    trade: rng.range(0.85, 1.15),
    airOffsetC: rng.range(-1.5, 1.5),
    deliveryAtH: rng.range(7, 10),
    deliveryLoadC: rng.range(0.8, 2.2),
  };
}
