import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

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
  /** horizontal limit lines (e.g. a rule's raise value) */
  limits?: readonly number[];
  /** vertical markers (e.g. when the fault was raised) */
  markers?: readonly ChartLine[];
  width: number;
  height: number;
}

/** uPlot time series in the store's zone, with limit lines and event markers drawn on top. */
export function TimeChart({
  ts,
  values,
  label,
  timezone,
  limits = [],
  markers = [],
  width,
  height,
}: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
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
      scales: { x: { time: true } },
      axes: [
        { stroke: axisColour, grid: { stroke: gridColour }, font: '16px sans-serif' },
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
            ctx.strokeStyle = '#e69f00';
            for (const limit of limits) {
              const y = u.valToPos(limit, 'y', true);
              ctx.beginPath();
              ctx.moveTo(u.bbox.left, y);
              ctx.lineTo(u.bbox.left + u.bbox.width, y);
              ctx.stroke();
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
  }, [ts, values, label, timezone, limits, markers, width, height]);
  return <div className="time-chart" ref={host} />;
}
