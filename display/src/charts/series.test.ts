import { describe, expect, it } from 'vitest';
import {
  chartWindow,
  joinSeries,
  keepLiveReading,
  MINUTE_MS,
  RECENT_WINDOW_MS,
  ROLLUP_STEP_MS,
} from './series';

const NOW = Date.UTC(2026, 0, 5, 4, 33, 20); // 12:33:20 in Shanghai
const { from, split } = chartWindow(NOW);

describe('chartWindow', () => {
  it('splits a day ending now on a bucket edge, the last hour and a bit raw', () => {
    expect(split % ROLLUP_STEP_MS).toBe(0);
    expect(NOW - split).toBeGreaterThanOrEqual(RECENT_WINDOW_MS);
    expect(NOW - split).toBeLessThan(RECENT_WINDOW_MS + ROLLUP_STEP_MS);
    expect(NOW - from).toBeGreaterThanOrEqual(24 * 60 * MINUTE_MS);
    // The rollup query stays the same until the next bucket starts.
    expect(chartWindow(NOW + 60_000)).toEqual({ from, split });
    expect(chartWindow(NOW + ROLLUP_STEP_MS).split).toBe(split + ROLLUP_STEP_MS);
  });
});

describe('joinSeries', () => {
  const rollups = [0, 1, 2, 3].map((i) => ({
    ts: split - (4 - i) * ROLLUP_STEP_MS,
    value: 3,
    avg: 3,
    count: 30,
  }));
  // The excursion of the last minutes: the raw readings climb, then one live reading more.
  const recent = [0, 10, 20, 30].map((s, i) => ({ ts: split + s * 1000, value: 3 + i }));

  it('draws the rollups, then every raw reading, then the live one, in time order and without a break', () => {
    const series = joinSeries({ rollups, recent, live: [{ ts: split + 40_000, value: 9.5 }], split });
    expect(series.values).toEqual([3, 3, 3, 3, 3, 4, 5, 6, 9.5]);
    expect(series.ts).toEqual([...rollups.map((p) => p.ts), ...recent.map((p) => p.ts), split + 40_000]);
  });

  it('keeps each instant once: a bucket at or after the split, or a live reading the raw ones hold, is not drawn again', () => {
    const series = joinSeries({
      rollups: [...rollups, { ts: split, value: 99 }],
      recent,
      live: [
        { ts: split + 30_000, value: 6 },
        { ts: split + 20_000, value: 5 },
      ],
      split,
    });
    expect(series.values).toEqual([3, 3, 3, 3, 3, 4, 5, 6]);
    expect(new Set(series.ts).size).toBe(series.ts.length);
  });

  it('breaks the line where the equipment was silent, and only there', () => {
    const series = joinSeries({
      rollups: [],
      recent: [
        { ts: split, value: 2 },
        { ts: split + 60_000, value: true },
        { ts: split + 60_000 + 11 * MINUTE_MS, value: false },
      ],
      live: [],
      split,
    });
    expect(series.values).toEqual([2, 1, null, 0]);
    expect(series.ts[2]).toBe(split + 60_000 + 5.5 * MINUTE_MS);
  });

  it('draws the live readings alone while the raw ones are still on their way', () => {
    const live = [
      { ts: split + 5 * MINUTE_MS, value: 4 },
      { ts: split + 5 * MINUTE_MS + 10_000, value: 4.2 },
    ];
    expect(joinSeries({ rollups, recent: [], live, split }).values).toEqual([3, 3, 3, 3, 4, 4.2]);
  });
});

describe('keepLiveReading', () => {
  const first = { ts: split + 1000, value: 4 };

  it('keeps a newer reading, not the same one shown again', () => {
    const kept = keepLiveReading([], first, split);
    expect(kept).toEqual([first]);
    expect(keepLiveReading(kept, { ...first }, split)).toBe(kept);
    expect(keepLiveReading(kept, { ts: first.ts - 500, value: 1 }, split)).toBe(kept);
    expect(keepLiveReading(kept, { ts: first.ts + 10_000, value: 5 }, split)).toEqual([
      first,
      { ts: first.ts + 10_000, value: 5 },
    ]);
  });

  it('drops what the raw query covers once the window moves on', () => {
    const kept = [first, { ts: split + ROLLUP_STEP_MS + 1000, value: 5 }];
    expect(keepLiveReading(kept, undefined, split + ROLLUP_STEP_MS)).toEqual([kept[1]]);
  });
});
