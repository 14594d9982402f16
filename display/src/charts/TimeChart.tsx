import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTranslation } from 'react-i18next';
import { timeAxisLabels } from './axis-labels';
import { placeLimitLabels } from './limit-labels';
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
  /** the metric's unit (°C, W…), named on the y axis and on the limit labels */
  unit?: string | undefined;
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
  unit,
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
          // 24-hour clock in the store's zone, each tick once, the date where the day turns.
          values: (_u, splits, _axis, _space, increment) =>
            timeAxisLabels(
              splits.map((s) => s * 1000),
              increment * 1000,
              timezone,
              locale,
            ),
          space: 110,
        },
        {
          stroke: axisColour,
          grid: { stroke: gridColour },
          font: '16px sans-serif',
          size: 64,
          ...(unit ? { label: unit, labelFont: '16px sans-serif', labelSize: 28 } : {}),
        },
      ],
      series: [{}, { label, stroke: '#56b4e9', width: 2.5, spanGaps: false }],
      hooks: {
        draw: [
          (u) => {
            const { ctx } = u;
            ctx.save();
            ctx.lineWidth = 2;
            ctx.setLineDash([8, 6]);
            ctx.textAlign = 'left';
            const fontPx = Math.round(15 * devicePixelRatio);
            ctx.font = `bold ${fontPx}px sans-serif`;
            const lineYs = limits.map((limit) => u.valToPos(limit.value, 'y', true));
            for (const [index, limit] of limits.entries()) {
              const y = lineYs[index] ?? 0;
              ctx.strokeStyle = LIMIT_COLOUR[limit.severity];
              ctx.beginPath();
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
            }
            // Labels inside the plot, a step clear of the y axis numbers and of each other; at the
            // oldest end, so they never cover the newest readings.
            const left = u.bbox.left + 12 * devicePixelRatio;
            const placed = placeLimitLabels(lineYs, u.bbox.top, u.bbox.top + u.bbox.height, fontPx * 1.2);
            for (const { index, y } of placed) {
              const limit = limits[index];
              if (!limit) continue;
              const text = `${limitText(limit.value)}${unit ? ` ${unit}` : ''}`;
              const width = ctx.measureText(text).width;
              // A backing the colour of the plot, so a line running behind never cuts the text.
              ctx.fillStyle = 'rgba(24,27,33,0.8)';
              ctx.fillRect(left - 4, y - fontPx, width + 8, fontPx * 1.25);
              ctx.fillStyle = LIMIT_COLOUR[limit.severity];
              ctx.fillText(text, left, y - fontPx * 0.1);
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
  }, [content, label, unit, timezone, locale, width, height]);
  return (
    <div
      className="time-chart"
      ref={host}
      data-points={ts.length}
      data-limits={limits.map((l) => `${l.value}:${l.severity}`).join(' ')}
      data-unit={unit}
      data-last={ts.at(-1)}
    />
  );
}

/** A limit as people read it: no trailing zeros, a real minus sign. */
function limitText(value: number): string {
  return String(Math.round(value * 10) / 10).replace(/^-/, '\u2212');
}
