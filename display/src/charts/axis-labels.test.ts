import { describe, expect, it } from 'vitest';
import { timeAxisLabels } from './axis-labels';

const TZ = 'Asia/Shanghai';
const at = (h: number, m: number, s = 0) => Date.UTC(2026, 0, 5, h - 8, m, s); // Shanghai time on 5 January

describe('timeAxisLabels', () => {
  it('prints each tick once, the date only on the first and where the day turns', () => {
    const ticks = [at(22, 0), at(23, 0), at(24, 0), at(25, 0)];
    expect(timeAxisLabels(ticks, 3_600_000, TZ, 'en')).toEqual([
      '01/05 22:00',
      '23:00',
      '01/06 00:00',
      '01:00',
    ]);
    expect(timeAxisLabels(ticks, 3_600_000, TZ, 'zh-CN')).toEqual([
      '01/05 22:00',
      '23:00',
      '01/06 00:00',
      '01:00',
    ]);
  });

  it('shows seconds where ticks are closer than a minute, so no two read the same', () => {
    const ticks = [at(12, 30, 0), at(12, 30, 30), at(12, 31, 0)];
    const labels = timeAxisLabels(ticks, 30_000, TZ, 'en');
    expect(labels).toEqual(['01/05 12:30:00', '12:30:30', '12:31:00']);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('leaves a tick blank rather than repeat the label before it', () => {
    const ticks = [at(12, 30, 0), at(12, 30, 0), at(12, 31, 0)];
    expect(timeAxisLabels(ticks, 60_000, TZ, 'en')).toEqual(['01/05 12:30', '', '12:31']);
  });
});
