import type { FigureValue, ScorecardWeek } from '../../../../shared/central/scorecard';

const WIDTH = 280;
const HEIGHT = 96;
const PAD = { left: 6, right: 6, top: 8, bottom: 8 };

interface TrendChartProps {
  label: string;
  weeks: readonly ScorecardWeek[];
  store: readonly FigureValue[];
  median: readonly (number | null)[];
  /** each week's point as text, for the hover title and the screen reader */
  pointText: (value: number) => string;
  /** the lowest and highest value drawn, for the reader to put a scale on the lines */
  rangeText: (low: number, high: number) => string;
  emptyText: string;
  firstLabel: string;
  lastLabel: string;
}

/**
 * One figure week by week: the store as a solid line with dots, its region's median dashed.
 * A week without the figure breaks the line rather than drawing through a made-up value.
 */
export function TrendChart({
  label,
  weeks,
  store,
  median,
  pointText,
  rangeText,
  emptyText,
  firstLabel,
  lastLabel,
}: TrendChartProps) {
  const values = [...store.map((p) => p.value), ...median].filter((v): v is number => v !== null);
  const low = values.length > 0 ? Math.min(...values) : 0;
  const high = values.length > 0 ? Math.max(...values) : 1;
  const span = high - low || Math.abs(high) || 1;
  const lowEdge = high === low ? low - span / 2 : low;
  const x = (i: number) =>
    PAD.left + (weeks.length <= 1 ? 0.5 : i / (weeks.length - 1)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lowEdge) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const segments = (series: readonly (number | null)[]) => {
    const runs: string[][] = [[]];
    series.forEach((v, i) => {
      if (v === null) runs.push([]);
      else runs[runs.length - 1]?.push(`${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    return runs.filter((r) => r.length > 0).map((r) => r.join(' '));
  };
  const storeValues = store.map((p) => p.value);
  const described = storeValues.map((v) => (v === null ? '—' : pointText(v))).join(', ');
  return (
    <figure className="trend-chart">
      <figcaption>
        {label} <span className="muted small">{values.length > 0 ? rangeText(low, high) : emptyText}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${label}: ${described}`}>
        {segments(median).map((points) => (
          <polyline key={`m${points}`} className="median" points={points} />
        ))}
        {segments(storeValues).map((points) => (
          <polyline key={`s${points}`} className="store" points={points} />
        ))}
        {storeValues.map((v, i) =>
          v === null ? null : (
            <circle key={weeks[i]?.from ?? i} className="store" cx={x(i)} cy={y(v)} r={3}>
              <title>{pointText(v)}</title>
            </circle>
          ),
        )}
      </svg>
      <div className="chart-axis muted small">
        <span>{firstLabel}</span>
        <span>{lastLabel}</span>
      </div>
    </figure>
  );
}
