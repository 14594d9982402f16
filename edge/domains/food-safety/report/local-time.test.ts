import { describe, expect, it } from 'vitest';
import { LocalTime } from './local-time';

describe('store-local times', () => {
  it('agrees with Intl across a daylight-saving change and a quarter-hour zone', () => {
    for (const timeZone of ['Asia/Shanghai', 'Europe/Berlin', 'America/New_York', 'Asia/Kathmandu', 'UTC']) {
      const time = new LocalTime(timeZone);
      const intl = new Intl.DateTimeFormat('sv-SE', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      // Every 7 minutes through late March and early November 2026, both changes in Europe and the US.
      for (const start of [
        Date.UTC(2026, 2, 7),
        Date.UTC(2026, 2, 28),
        Date.UTC(2026, 9, 24),
        Date.UTC(2026, 10, 1),
      ])
        for (let ms = start; ms < start + 3 * 86_400_000; ms += 7 * 60_000)
          expect(time.dateTime(ms), `${timeZone} ${new Date(ms).toISOString()}`).toBe(intl.format(ms));
    }
  });

  it('names the offset and the clock', () => {
    const time = new LocalTime('Asia/Kathmandu');
    const ms = Date.parse('2026-11-01T00:00:00Z');
    expect(time.offsetLabel(ms)).toBe('UTC+05:45');
    expect(time.clock(ms)).toBe('05:45');
    expect(time.day(ms)).toBe('2026-11-01');
    expect(new LocalTime('America/New_York').offsetLabel(ms)).toBe('UTC-04:00');
  });
});
