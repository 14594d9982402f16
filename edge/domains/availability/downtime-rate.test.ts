import { describe, expect, it } from 'vitest';
import type { Database } from '../../store/database';
import { hoursBefore, localHourOf, splitByHour } from './downtime-hours';
import { RATE_HOURS, salesRates } from './downtime-rate';
import { DowntimeStore } from './downtime-store';
import { database, HOUR, MIN, MON_NOON, seedMondays, seller } from './testing/downtime-rig';

const TZ = 'Asia/Shanghai';

function ratesBefore(db: Database, item: string, at: number) {
  const store = new DowntimeStore(db);
  const hours = hoursBefore(at, RATE_HOURS, TZ);
  return salesRates({
    hours,
    orders: store.sales(item, hours[0]?.start ?? at, localHourOf(at, TZ).start),
    firstOrderAt: store.firstOrderAt(),
  });
}

const hourOfWeek = (day: number, hour: number) => day * 24 + hour;

describe('sales rate per hour of the week', () => {
  it('averages an hour over the weeks the store was open then, leaving voided orders, combos and older weeks out', () => {
    const db = database();
    seedMondays(db);
    const rate = ratesBefore(db, 'fries', MON_NOON + 20 * MIN);
    expect(rate(hourOfWeek(0, 12))).toEqual({ perHour: { n: 10n, d: 1n }, basis: 'hour-of-week', hours: 6 });
    // 24 fries over five open Mondays at 13:00 (one sold only burgers)
    expect(rate(hourOfWeek(0, 13))).toEqual({ perHour: { n: 24n, d: 5n }, basis: 'hour-of-week', hours: 5 });
    // the box has data for Tuesday 03:00 and nothing was ever sold then: closed
    expect(rate(hourOfWeek(1, 3))).toEqual({ perHour: { n: 0n, d: 1n }, basis: 'closed', hours: 0 });
    // a combo is its own item: one a week at noon
    expect(ratesBefore(db, 'combo', MON_NOON + 20 * MIN)(hourOfWeek(0, 12)).perHour).toEqual({
      n: 1n,
      d: 1n,
    });
  });

  it('without data for that hour falls back to the average over every open hour, and to 0 without history', () => {
    const db = database();
    expect(ratesBefore(db, 'fries', MON_NOON)(hourOfWeek(0, 12))).toMatchObject({ basis: 'none', hours: 0 });
    const sell = seller(db);
    // a box two days old: Sunday 18:00 and 19:00 only
    sell(MON_NOON - 18 * HOUR + 5 * MIN, [['fries', 3]]);
    sell(MON_NOON - 17 * HOUR + 5 * MIN, [
      ['fries', 5],
      ['salad', 1],
    ]);
    expect(ratesBefore(db, 'fries', MON_NOON + 20 * MIN)(hourOfWeek(0, 12))).toEqual({
      perHour: { n: 4n, d: 1n },
      basis: 'all-hours',
      hours: 2,
    });
  });

  it("cuts an outage at the store's local hours, half-hour zones included", () => {
    expect(splitByHour(MON_NOON + 20 * MIN, MON_NOON + HOUR + 7 * MIN, TZ)).toEqual([
      { start: MON_NOON, hourOfWeek: 12, ms: 40 * MIN },
      { start: MON_NOON + HOUR, hourOfWeek: 13, ms: 7 * MIN },
    ]);
    // Kolkata is UTC+05:30: its hours start at half past in UTC
    const pieces = splitByHour(Date.UTC(2026, 11, 7, 6, 0), Date.UTC(2026, 11, 7, 7, 0), 'Asia/Kolkata');
    expect(pieces.map((p) => [p.hourOfWeek, p.ms / MIN])).toEqual([
      [11, 30],
      [12, 30],
    ]);
  });
});
