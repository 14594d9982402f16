import { describe, expect, it } from 'vitest';
import { validateTimestamp } from './validate-timestamp';

const limits = { maxFutureSkewS: 300, maxAgeS: 7 * 86_400 };
const now = Date.UTC(2026, 11, 4, 12, 0, 0);

describe('validateTimestamp', () => {
  it('accepts epoch milliseconds and ISO 8601 within the window', () => {
    expect(validateTimestamp(now - 1000, limits, now)).toEqual({ ok: true, ts: now - 1000 });
    expect(validateTimestamp('2026-12-04T11:59:00Z', limits, now)).toEqual({ ok: true, ts: now - 60_000 });
  });

  // Beyond ±8.64e15 ms a Date cannot be formatted; the rejection used to throw a RangeError.
  it.each([
    ['1e16', 1e16],
    ['1e308', 1e308],
    ['2^53-1', Number.MAX_SAFE_INTEGER],
    ['Number.MAX_VALUE', Number.MAX_VALUE],
  ])('refuses %s as a future timestamp without throwing', (_name, ts) => {
    const result = validateTimestamp(ts, limits, now);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.reason).toBe('future_timestamp');
    expect(result.detail).toContain(String(ts));
  });

  it('says when a device sends microseconds or nanoseconds', () => {
    const micro = validateTimestamp(now * 1000, limits, now);
    const nano = validateTimestamp(now * 1_000_000, limits, now);
    expect(micro.ok || micro.detail).toMatch(/microseconds/);
    expect(nano.ok || nano.detail).toMatch(/nanoseconds/);
  });

  it('says when a device sends seconds', () => {
    const result = validateTimestamp(Math.floor(now / 1000), limits, now);
    expect(result.ok || result.detail).toMatch(/seconds instead of milliseconds/);
  });

  it('refuses non-finite and malformed values as bad timestamps', () => {
    for (const ts of [
      Number.NaN,
      Number.POSITIVE_INFINITY,
      -1,
      1.5,
      'yesterday',
      '+275760-09-13T00:00:00.001Z',
    ]) {
      const result = validateTimestamp(ts, limits, now);
      expect(result.ok).toBe(false);
    }
  });
});
