import { describe, expect, it } from 'vitest';
import { businessDateOf, businessDayStartOf, storeHourOf } from './business-date';

describe('businessDateOf', () => {
  const shanghai = 'Asia/Shanghai';
  it('puts a receipt before the closeout hour on the previous day', () => {
    // 2026-12-07 03:59 in Shanghai = 2026-12-06 19:59 UTC
    expect(businessDateOf(Date.UTC(2026, 11, 6, 19, 59), shanghai, 4)).toBe('2026-12-06');
    expect(businessDateOf(Date.UTC(2026, 11, 6, 20, 0), shanghai, 4)).toBe('2026-12-07');
  });
  it('is the calendar day with closeout at midnight', () => {
    expect(businessDateOf(Date.UTC(2026, 11, 6, 16, 0), shanghai, 0)).toBe('2026-12-07');
    expect(businessDateOf(Date.UTC(2026, 11, 6, 15, 59), shanghai, 0)).toBe('2026-12-06');
  });
  it('crosses month and year ends', () => {
    expect(businessDateOf(Date.UTC(2026, 11, 31, 17, 0), shanghai, 4)).toBe('2026-12-31');
    expect(businessDateOf(Date.UTC(2026, 11, 31, 21, 0), shanghai, 4)).toBe('2027-01-01');
    expect(businessDateOf(Date.UTC(2027, 2, 1, 2, 0), 'America/New_York', 4)).toBe('2027-02-28');
  });
  it('follows daylight saving time', () => {
    // New York, 2026-03-08 (DST starts at 02:00): 03:30 EDT = 07:30 UTC is past a 03:00 closeout
    expect(businessDateOf(Date.UTC(2026, 2, 8, 7, 30), 'America/New_York', 3)).toBe('2026-03-08');
    expect(storeHourOf(Date.UTC(2026, 2, 8, 7, 30), 'America/New_York')).toBe(3);
  });
});

describe('businessDayStartOf', () => {
  it('is the business date at the closeout hour, store time', () => {
    expect(businessDayStartOf('2026-12-07', 'Asia/Shanghai', 4)).toBe(Date.UTC(2026, 11, 6, 20, 0));
    expect(businessDayStartOf('2026-12-07', 'Asia/Kolkata', 0)).toBe(Date.UTC(2026, 11, 6, 18, 30));
    expect(businessDayStartOf('2026-07-01', 'America/New_York', 4)).toBe(Date.UTC(2026, 6, 1, 8, 0));
  });
  it('begins the day a receipt belongs to', () => {
    const at = Date.UTC(2026, 11, 6, 19, 59);
    const day = businessDateOf(at, 'Asia/Shanghai', 4);
    expect(businessDayStartOf(day, 'Asia/Shanghai', 4)).toBeLessThanOrEqual(at);
  });
});
