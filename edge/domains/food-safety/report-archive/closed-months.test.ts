import { describe, expect, it } from 'vitest';
import { closedMonths, storeMonth } from './closed-months';

const iso = (ms: number) => new Date(ms).toISOString();

describe('store months', () => {
  it('closes a month at the store’s midnight, not UTC’s', () => {
    // 16:30 UTC on 30 November is 00:30 on 1 December in Shanghai: November has closed there.
    const now = Date.parse('2026-11-30T16:30:00Z');
    expect(closedMonths(now, 'Asia/Shanghai', 1)).toEqual([
      { month: '2026-11', from: Date.parse('2026-10-31T16:00:00Z'), to: Date.parse('2026-11-30T16:00:00Z') },
    ]);
    // …and not yet in New York, where it is 11:30 on the 30th.
    expect(closedMonths(now, 'America/New_York', 1)[0]?.month).toBe('2026-10');
  });

  it('gives the last months oldest first, across a year end', () => {
    const now = Date.parse('2027-02-10T12:00:00Z');
    expect(closedMonths(now, 'Asia/Shanghai', 3).map((m) => m.month)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
  });

  it('keeps DST months whole: March in New York is 31 days less one hour', () => {
    const march = storeMonth(Date.parse('2026-04-15T12:00:00Z'), 'America/New_York', 1);
    expect(march.month).toBe('2026-03');
    expect(iso(march.from)).toBe('2026-03-01T05:00:00.000Z');
    expect(iso(march.to)).toBe('2026-04-01T04:00:00.000Z');
  });

  it('handles zones far from UTC on both sides', () => {
    const kiritimati = storeMonth(Date.parse('2026-06-15T00:00:00Z'), 'Pacific/Kiritimati', 1); // UTC+14
    expect(kiritimati.month).toBe('2026-05');
    expect(iso(kiritimati.from)).toBe('2026-04-30T10:00:00.000Z');
    const pagoPago = storeMonth(Date.parse('2026-06-15T00:00:00Z'), 'Pacific/Pago_Pago', 1); // UTC−11
    expect(iso(pagoPago.from)).toBe('2026-05-01T11:00:00.000Z');
    expect(iso(pagoPago.to)).toBe('2026-06-01T11:00:00.000Z');
  });
});
