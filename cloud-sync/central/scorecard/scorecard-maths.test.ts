import { describe, expect, it } from 'vitest';
import { WEEK_MS } from '../../../shared/central/scorecard';
import { alarmView, ticketView } from '../testing/central-test-kit';
import { figuresOf } from './scorecard-figures';
import {
  compare,
  coveredMs,
  kwhPerDay,
  mainMeter,
  median,
  medianMoney,
  meterUse,
  moneyPerUnit,
  mttrHours,
  uptimePct,
  weekWindows,
} from './scorecard-maths';

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2026, 0, 1);

describe('median', () => {
  it('takes the middle value, the mean of the two middle ones, and skips stores without the figure', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
    expect(median([null, 7, null])).toBe(7);
    expect(median([null])).toBeNull();
    expect(median([])).toBeNull();
  });
});

describe('compare', () => {
  it('flags better or worse in each figure’s own direction', () => {
    expect(compare('uptimePct', 99, 97.5)).toBe('better');
    expect(compare('alarmsPerUnit', 2, 1.5)).toBe('worse');
    expect(compare('mttrH', 1, 4)).toBe('better');
    expect(compare('foodSafetyPct', 90, 95)).toBe('worse');
    expect(compare('energyKwhPerDay', 120.001, 120)).toBe('same');
    expect(compare('uptimePct', null, 99)).toBeNull();
  });
});

describe('uptime', () => {
  it('counts overlapping down spans once and an open span to the window end', () => {
    // [1h, 3h) and [2h, 5h) overlap into 4 h; [10h, open) runs to 24 h: 14 h; total 18 h.
    expect(
      coveredMs(
        [
          { start: H, end: 3 * H },
          { start: 2 * H, end: 5 * H },
          { start: 10 * H, end: null },
        ],
        0,
        DAY,
      ),
    ).toBe(18 * H);
    // A span before the window and one after it count nothing; one across the start is clipped.
    expect(
      coveredMs(
        [
          { start: -5 * H, end: -H },
          { start: -H, end: H },
          { start: DAY, end: null },
        ],
        0,
        DAY,
      ),
    ).toBe(H);
  });

  it('is unit-hours without downtime over all unit-hours', () => {
    // 4 units over 10 days = 960 unit-hours; one unit down 12 h, another 36 h: 48 down → 95 %.
    const down = new Map([
      ['fryer-1', [{ start: T0 + DAY, end: T0 + DAY + 12 * H }]],
      ['walkin-1', [{ start: T0 + 2 * DAY, end: T0 + 3 * DAY + 12 * H }]],
    ]);
    expect(uptimePct(4, down, T0, T0 + 10 * DAY)).toBe(95);
    expect(uptimePct(0, down, T0, T0 + 10 * DAY)).toBeNull();
  });
});

describe('MTTR', () => {
  it('is the mean of opened → resolved in hours', () => {
    expect(
      mttrHours([
        [0, 2 * H],
        [0, 5 * H],
        [H, 3 * H],
      ]),
    ).toBe(3);
    expect(mttrHours([])).toBeNull();
  });
});

describe('energy', () => {
  it('bridges to the previous week’s last reading, restarts after a counter reset, and scales to a day', () => {
    const uses = meterUse([
      { lo: 1000, hi: 1700, firstTs: 0, lastTs: 7 * DAY - 60_000 },
      undefined,
      { lo: 2000, hi: 2350, firstTs: 14 * DAY, lastTs: 21 * DAY - 60_000 },
      { lo: 2400, hi: 3050, firstTs: 21 * DAY, lastTs: 28 * DAY - 60_000 },
      { lo: 5, hi: 355, firstTs: 28 * DAY, lastTs: 28 * DAY + 3.5 * DAY },
      // Went back inside the week: its ends do not tell what it counted.
      { lo: 400, hi: 30, firstTs: 35 * DAY, lastTs: 42 * DAY - 60_000 },
    ]);
    expect(uses).toEqual([
      { kwh: 700, ms: 7 * DAY - 60_000 },
      undefined,
      { kwh: 350, ms: 7 * DAY - 60_000 },
      { kwh: 700, ms: 7 * DAY },
      { kwh: 350, ms: 3.5 * DAY },
      undefined,
    ]);
    expect(kwhPerDay([uses[3]])).toBe(100);
    expect(kwhPerDay([uses[4]])).toBe(100);
    expect(kwhPerDay([{ kwh: 2, ms: 30 * 60_000 }])).toBeNull();
  });

  it('takes the meter that counted the most as the store’s, not the sum of circuits behind it', () => {
    const main = { id: 'main', uses: [{ kwh: 300, ms: DAY }] };
    const cold = { id: 'cold', uses: [{ kwh: 120, ms: DAY }] };
    expect(mainMeter([cold, main])?.id).toBe('main');
  });
});

describe('weeks and a store’s figures', () => {
  it('cuts 7-day windows back from `to`, the oldest one short', () => {
    expect(weekWindows(T0, T0 + 10 * DAY)).toEqual([
      { from: T0, to: T0 + 3 * DAY },
      { from: T0 + 3 * DAY, to: T0 + 10 * DAY },
    ]);
    expect(weekWindows(T0, T0 + 2 * WEEK_MS)).toHaveLength(2);
  });

  it('computes every figure from synced facts, and says why one is missing', () => {
    const from = T0;
    const to = T0 + 10 * DAY;
    const figures = figuresOf(
      {
        units: new Set(['walkin-1', 'fryer-1']),
        alarms: [
          // Critical, 20 h down inside the window.
          { storeId: 's', alarm: alarmView({ id: 1, raisedAt: T0 + DAY, clearedAt: T0 + DAY + 20 * H }) },
          // Raised before the window, cleared at 112 h: walkin-1 down 112 h (covering alarm 1), not counted as raised.
          { storeId: 's', alarm: alarmView({ id: 2, raisedAt: T0 - DAY, clearedAt: T0 + 112 * H }) },
          { storeId: 's', alarm: alarmView({ id: 3, severity: 'warning', raisedAt: T0 + 2 * DAY }) },
        ],
        tickets: [
          {
            storeId: 's',
            ticket: ticketView({
              id: 1,
              equipmentId: 'fryer-1',
              outOfService: true,
              openedAt: T0 + 3 * DAY,
              resolvedAt: T0 + 3 * DAY + 4 * H,
              verifiedAt: T0 + 3 * DAY + 8 * H,
            }),
          },
          {
            storeId: 's',
            ticket: ticketView({ id: 2, openedAt: T0 + 4 * DAY, resolvedAt: T0 + 4 * DAY + 2 * H }),
          },
        ],
        pmDays: [
          { storeId: 's', end: T0 + DAY, due: 3, onTime: 2 },
          { storeId: 's', end: T0 + 2 * DAY, due: 1, onTime: 1 },
        ],
        foodSafetyDays: [{ storeId: 's', dayStart: T0, minutes: 1440, compliantMin: 1404 }],
        energy: undefined,
        repairSpends: [
          { storeId: 's', ticketId: 1, amount: '1234.50', currency: 'CNY' },
          { storeId: 's', ticketId: 2, amount: '99.99', currency: 'CNY' },
          // A ticket not repaired in the window: its spend is not this window's.
          { storeId: 's', ticketId: 9, amount: '500.00', currency: 'CNY' },
        ],
      },
      { from, to, weekIndexes: [0, 1] },
      to,
    );
    // walkin-1 down 112 h, fryer-1 out of service 8 h (opened → verified): 120 of 480 unit-hours.
    expect(figures.uptimePct).toEqual({ value: 75, noData: null });
    expect(figures.alarmsPerUnit).toEqual({ value: 1, noData: null });
    expect(figures.ticketsPerUnit).toEqual({ value: 1, noData: null });
    expect(figures.mttrH).toEqual({ value: 3, noData: null });
    expect(figures.pmOnTimePct).toEqual({ value: 75, noData: null });
    expect(figures.foodSafetyPct).toEqual({ value: 97.5, noData: null });
    expect(figures.energyKwhPerDay).toEqual({ value: null, noData: 'not_synced' });
    // ¥1 234.50 + ¥99.99 = ¥1 334.49 over 2 units: ¥667.245, to the cent half up.
    expect(figures.repairSpend).toEqual({
      value: 667.25,
      noData: null,
      money: { perUnit: '667.25', total: '1334.49', currency: 'CNY' },
    });
  });

  it('leaves repair spend empty when a repair in the window came without its spend, or without units', () => {
    const repaired = {
      storeId: 's',
      ticket: ticketView({ id: 1, openedAt: T0 + DAY, resolvedAt: T0 + DAY + H }),
    };
    const facts = {
      units: new Set(['walkin-1']),
      alarms: [],
      tickets: [repaired],
      pmDays: [],
      foodSafetyDays: [],
      energy: undefined,
      repairSpends: [],
    };
    const window = { from: T0, to: T0 + WEEK_MS, weekIndexes: [0] };
    expect(figuresOf(facts, window, T0 + WEEK_MS).repairSpend).toEqual({ value: null, noData: 'not_synced' });
    expect(figuresOf({ ...facts, tickets: [] }, window, T0 + WEEK_MS).repairSpend).toEqual({
      value: 0,
      noData: null,
      money: { perUnit: '0.00', total: '0.00', currency: null },
    });
    expect(figuresOf({ ...facts, units: new Set(), tickets: [] }, window, T0).repairSpend).toEqual({
      value: null,
      noData: 'no_units',
    });
  });
});

describe('money', () => {
  it('sums exactly and divides per unit to the cent, half up', () => {
    expect(moneyPerUnit(['0.10', '0.20'], 1)).toEqual({ total: '0.30', perUnit: '0.30' });
    expect(moneyPerUnit(['1234.50', '99.99'], 3)).toEqual({ total: '1334.49', perUnit: '444.83' });
    expect(moneyPerUnit(['10.00'], 0)).toBeNull();
  });

  it('takes the exact median of the stores that have the figure', () => {
    expect(medianMoney(['308.63', null, '50.00'])).toBe('179.32');
    expect(medianMoney(['0.10', '0.20', '999999999.99'])).toBe('0.20');
    expect(medianMoney([undefined, null])).toBeNull();
  });
});
