import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useTranslation } from 'react-i18next';
import type { PredictiveEvidenceSeries } from '../../../shared/predictive/predictive-evidence';
import { timeAxisLabels } from '../charts/axis-labels';

interface EvidenceChartProps {
  series: PredictiveEvidenceSeries;
  timezone: string;
  width: number;
  height: number;
}

const CURRENT = '#56b4e9';
const BAND = '#e69f00';

/**
 * The unit's hourly feature against its own usual band (mean ± spread for each local hour
 * of day). The time axis and colours are the ones of TimeChart; TimeChart draws a single
 * series with flat limits, and a baseline that follows the kitchen's day is a band.
 */
export function EvidenceChart({ series, timezone, width, height }: EvidenceChartProps) {
  const host = useRef<HTMLDivElement>(null);
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const content = JSON.stringify(series);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `content` stands for the series
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const axisColour = '#c8ccd4';
    const gridColour = 'rgba(200,204,212,0.15)';
    const pts = series.points;
    const lo = pts.map((p) =>
      p.baselineMean === null || p.baselineSd === null ? null : p.baselineMean - p.baselineSd,
    );
    const hi = pts.map((p) =>
      p.baselineMean === null || p.baselineSd === null ? null : p.baselineMean + p.baselineSd,
    );
    const data: uPlot.AlignedData = [
      pts.map((p) => p.hourStartMs / 1000),
      pts.map((p) => p.value),
      pts.map((p) => p.baselineMean),
      hi,
      lo,
    ];
    const plot = new uPlot(
      {
        width,
        height,
        tzDate: (s) => uPlot.tzDate(new Date(s * 1000), timezone),
        legend: { show: false },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [
          {
            stroke: axisColour,
            grid: { stroke: gridColour },
            font: '16px sans-serif',
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
            label: series.unit,
            labelFont: '16px sans-serif',
            labelSize: 28,
          },
        ],
        series: [
          {},
          {
            label: t('predictive.chartCurrent'),
            stroke: CURRENT,
            width: 2.5,
            spanGaps: false,
            points: { show: false },
          },
          {
            label: t('predictive.chartBand'),
            stroke: BAND,
            width: 1.5,
            dash: [8, 6],
            points: { show: false },
          },
          { stroke: 'rgba(230,159,0,0.35)', width: 1, points: { show: false } },
          { stroke: 'rgba(230,159,0,0.35)', width: 1, points: { show: false } },
        ],
        bands: [{ series: [3, 4], fill: 'rgba(230,159,0,0.16)' }],
      },
      data,
      el,
    );
    return () => plot.destroy();
  }, [content, timezone, locale, width, height, t]);
  return (
    <figure className="pm-chart">
      <div
        className="time-chart"
        ref={host}
        data-testid="pm-evidence-chart"
        data-feature={series.feature}
        data-points={series.points.filter((p) => p.value !== null).length}
      />
      <figcaption className="pm-legend">
        <span className="pm-key pm-key-current">{t('predictive.chartCurrent')}</span>
        <span className="pm-key pm-key-band">{t('predictive.chartBand')}</span>
      </figcaption>
    </figure>
  );
}
