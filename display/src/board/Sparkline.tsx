import type { ReadingPoint } from '../../../shared/api/equipment';

interface SparklineProps {
  points: readonly ReadingPoint[];
  from: number;
  to: number;
  width?: number;
  height?: number;
}

/** The last hour as a plain SVG line: twenty of them redraw cheaply on every refresh. */
export function Sparkline({ points, from, to, width = 240, height = 48 }: SparklineProps) {
  const values = points
    .map((p) => ({ ts: p.ts, v: typeof p.value === 'number' ? p.value : p.value ? 1 : 0 }))
    .filter((p) => p.ts >= from && p.ts <= to);
  if (values.length < 2)
    return <svg className="sparkline" width={width} height={height} aria-hidden="true" />;
  const min = Math.min(...values.map((p) => p.v));
  const max = Math.max(...values.map((p) => p.v));
  const span = max - min || 1;
  const pad = 4;
  const x = (ts: number) => ((ts - from) / (to - from)) * width;
  const y = (v: number) => height - pad - ((v - min) / span) * (height - 2 * pad);
  const d = values
    .map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.ts).toFixed(1)},${y(p.v).toFixed(1)}`)
    .join(' ');
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      // Stretched to whatever room the tile has; the stroke keeps its width (styles.css).
      preserveAspectRatio="none"
      aria-hidden="true"
    >
      <path d={d} fill="none" strokeWidth="2.5" strokeLinejoin="round" />
    </svg>
  );
}
