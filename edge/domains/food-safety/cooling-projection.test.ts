import { describe, expect, it } from 'vitest';
import { projectCooling, type Sample } from './cooling-projection';
import type { StoredStage } from './cooling-store';

const MIN = 60_000;
const stage = (toC: number, withinMin: number, result: StoredStage['result'] = 'pending'): StoredStage => ({
  to_cc: toC * 100,
  within_min: withinMin,
  result,
  at: null,
  cc: null,
  warned_at: null,
  projected_at: null,
});
const line = (from: number, perMin: number, minutes: number): Sample[] =>
  Array.from({ length: minutes + 1 }, (_, m) => ({ ts: m * MIN, value: from + perMin * m }));

describe('projecting a cooling curve', () => {
  it('solves the line through the readings for the pending stage', () => {
    const p = projectCooling(0, [stage(21, 120), stage(5, 360)], line(57, -0.3, 10));
    expect(p).toMatchObject({ stage: 1, at: 120 * MIN, miss: false, slopeCPerH: -18 });
    const slower = projectCooling(0, [stage(21, 120), stage(5, 360)], line(57, -0.29, 10));
    expect(slower?.miss).toBe(true);
  });

  it('judges the next pending stage once the first has passed', () => {
    const p = projectCooling(0, [stage(21, 120, 'passed'), stage(5, 360)], line(21, -0.05, 10));
    expect(p).toMatchObject({ stage: 2, at: 320 * MIN, miss: false });
  });

  it('never reaches the temperature while flat or warming, and says nothing on too little curve', () => {
    expect(projectCooling(0, [stage(21, 120)], line(57, 0, 10))).toMatchObject({ at: null, miss: true });
    expect(projectCooling(0, [stage(21, 120)], line(57, 0.1, 10))).toMatchObject({ at: null, miss: true });
    expect(projectCooling(0, [stage(21, 120)], line(57, -1, 4))).toBeNull();
    expect(projectCooling(null, [stage(21, 120)], line(57, -1, 10))).toBeNull();
  });
});
