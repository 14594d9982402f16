import { describe, expect, it } from 'vitest';
import { resolveControlPoints } from './control-points';
import { HoldingLog } from './holding-log';
import { demoStoreConfig } from './testing/food-safety-kit';

const T0 = Date.UTC(2026, 0, 5, 0, 0);
const MIN = 60_000;
const never = () => Number.POSITIVE_INFINITY;

function logOf(id: string): HoldingLog {
  const cp = resolveControlPoints(demoStoreConfig()).find((p) => p.id === id);
  if (!cp) throw new Error(`no control point ${id}`);
  return new HoldingLog(cp, 1, T0);
}

describe('holding log', () => {
  it('judges hot holding by its lowest reading, and keeps an excuse visible though in limit', () => {
    const log = logOf('hold-1-hot');
    log.add(T0 + 1_000, 70, null, T0);
    log.add(T0 + 30_000, 61, null, T0);
    log.add(T0 + MIN + 1_000, 66, 'door_open', T0);
    expect(log.close(T0 + 2 * MIN, never)).toMatchObject([
      { start: T0, status: 'out_of_limit', worst: 61, min: 61, max: 70, readings: 2, excusedBy: null },
      { start: T0 + MIN, status: 'in_limit', worst: 66, excusedBy: 'door_open' },
    ]);
  });

  it('refuses a reading for an interval already written, and counts it', () => {
    const log = logOf('wic-1-cold');
    log.add(T0 + 1_000, 3, null, T0);
    log.close(T0 + MIN, never);
    expect(log.add(T0 + 59_000, 9, null, T0 + MIN)).toBe(false);
    expect(log.takeLate()).toBe(1);
    expect(log.takeLate()).toBe(0);
  });

  it('an interval is half-open: a reading on the minute belongs to the next', () => {
    const log = logOf('wic-1-cold');
    log.add(T0 + MIN, 9, null, T0);
    expect(log.close(T0 + 2 * MIN, never)).toMatchObject([
      { start: T0, status: 'no_data' },
      { start: T0 + MIN, status: 'out_of_limit', worst: 9 },
    ]);
  });
});
