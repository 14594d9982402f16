import type { ReadingPoint } from '../../../shared/api/equipment';

/** Readings as the chart wants them: seconds-free epoch ms and numbers (on/off as 1/0). */
export function toChartSeries(points: readonly ReadingPoint[]): { ts: number[]; values: (number | null)[] } {
  return {
    ts: points.map((p) => p.ts),
    values: points.map((p) => (typeof p.value === 'number' ? p.value : p.value ? 1 : 0)),
  };
}
