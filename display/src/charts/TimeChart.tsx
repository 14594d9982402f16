import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTranslation } from 'react-i18next';
import { formatDateTime, formatTime } from '../app/format';
import type { ChartLimit } from './rule-limits';

export interface ChartLine {
  /** epoch ms */
  x: number;
  label: string;
}

interface TimeChartProps {
  /** epoch ms, ascending */
  ts: readonly number[];
  values: readonly (number | null)[];
  label: string;
  timezone: string;
  /** horizontal limit lines: where the equipment's threshold rules raise */
  limits?: readonly ChartLimit[];
  /** vertical markers (e.g. when the fault was raised) */
  markers?: readonly ChartLine[];
  width: number;
  height: number;
}

const LIMIT_COLOUR: Record<ChartLimit['severity'], string> = {
  info: '#56b4e9',
  warning: '#e69f00',
  critical: '#ff4f7b',
};

const NONE: readonly never[] = [];

/** uPlot time series in the store's zone, with limit lines and event markers drawn on top. */
export function TimeChart({
  ts,
  values,
  label,
  timezone,
  limits = NONE,
  markers = NONE,
  width,
  height,
}: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const locale = useTranslation().i18n.language;
  // Screens re-render every second for their clocks; the chart is rebuilt only when what it shows changes.
  const content = JSON.stringify([ts, values, limits, markers]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `content` stands for ts, values, limits and markers
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axisColour = '#c8ccd4';
    const gridColour = 'rgba(200,204,212,0.15)';
    const opts: uPlot.Options = {
      width,
      height,
      tzDate: (s) => uPlot.tzDate(new Date(s * 1000), timezone),
      legend: { show: false },
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        // The limits belong in view even while the readings are far from them: that distance is the news.
        y: {
          range: (_u, min, max) => {
            const lo = Math.min(min, ...limits.map((l) => l.value));
            const hi = Math.max(max, ...limits.map((l) => l.value));
            const pad = (hi - lo) * 0.08 || 1;
            return [lo - pad, hi + pad];
          },
        },
      },
      axes: [
        {
          stroke: axisColour,
          grid: { stroke: gridColour },
          font: '16px sans-serif',
          // 24-hour clock in the store's zone, the date only where the day is not obvious.
          values: (_u, splits) =>
            splits.map((s, i) =>
              i === 0 ? formatDateTime(s * 1000, timezone, locale) : formatTime(s * 1000, timezone, locale),
            ),
          space: 90,
        },
        { stroke: axisColour, grid: { stroke: gridColour }, font: '16px sans-serif', size: 70 },
      ],
      series: [{}, { label, stroke: '#56b4e9', width: 2.5, spanGaps: false }],
      hooks: {
        draw: [
          (u) => {
            const { ctx } = u;
            ctx.save();
            ctx.lineWidth = 2;
            ctx.setLineDash([8, 6]);
            ctx.font = `${Math.round(15 * devicePixelRatio)}px sans-serif`;
            for (const limit of limits) {
              const y = u.valToPos(limit.value, 'y', true);
              ctx.strokeStyle = LIMIT_COLOUR[limit.severity];
              ctx.fillStyle = LIMIT_COLOUR[limit.severity];
              ctx.beginPath();
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
              ctx.fillText(String(limit.value), u.bbox.left + 6, y - 4);
            }
            ctx.strokeStyle = '#d55e00';
            for (const marker of markers) {
              const x = u.valToPos(marker.x / 1000, 'x', true);
              ctx.beginPath();
              ctx.moveTo(x, u.bbox.top);
              ctx.lineTo(x, u.bbox.top + u.bbox.height);
              ctx.stroke();
            }
            ctx.restore();
          },
        ],
      },
    };
    const data: uPlot.AlignedData = [ts.map((t) => t / 1000), [...values]];
    const plot = new uPlot(opts, data, el);
    return () => plot.destroy();
  }, [content, label, timezone, locale, width, height]);
  return (
    <div
      className="time-chart"
      ref={host}
      data-points={ts.length}
      data-limits={limits.map((l) => `${l.value}:${l.severity}`).join(' ')}
    />
  );
}
