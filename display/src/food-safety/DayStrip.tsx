import { useTranslation } from 'react-i18next';
import type { IntervalStatus, MinuteLog } from '../../../shared/api/food-safety';
import { formatTemp } from './food-safety-words';

const W = 1440;
const STRIP_H = 40;
const CHART_H = 180;

const STATUS_CLASS: Record<IntervalStatus, string> = {
  in_limit: 'fs-in',
  out_of_limit: 'fs-out',
  excused: 'fs-excused',
  no_data: 'fs-nodata',
};

/**
 * A store day as one strip, a column per recording interval coloured by its status, and
 * the worst reading of each as a line under it with the limit drawn across: what an
 * inspector looks for first, readable from across the kitchen. Minutes past without a
 * record (the box was off) read as no data; minutes not yet come stay blank.
 */
export function DayStrip({ log, limitC, now }: { log: MinuteLog; limitC: number; now: number }) {
  const { t } = useTranslation();
  const span = Math.max(1, log.to - log.from);
  const x = (ts: number) => ((ts - log.from) / span) * W;
  const values = log.records.flatMap((r) => (r.valueC === null ? [] : [r.valueC]));
  const lo = Math.min(limitC, ...values) - 1;
  const hi = Math.max(limitC, ...values) + 1;
  const y = (c: number) => CHART_H - ((c - lo) / (hi - lo)) * CHART_H;
  // Breaks in the line where there is no reading, so a gap is not drawn as a slope.
  const segments: string[][] = [];
  let current: string[] = [];
  for (const r of log.records) {
    if (r.valueC === null) {
      if (current.length) segments.push(current);
      current = [];
      continue;
    }
    current.push(`${x((r.startTs + r.endTs) / 2).toFixed(1)},${y(r.valueC).toFixed(1)}`);
  }
  if (current.length) segments.push(current);
  const hours = Math.round(span / 3_600_000);
  const ticks = Array.from({ length: Math.floor(hours / 3) + 1 }, (_, i) => i * 3);
  return (
    <figure className="fs-day-figure">
      <svg
        className="fs-strip"
        viewBox={`0 0 ${W} ${STRIP_H}`}
        preserveAspectRatio="none"
        role="img"
        aria-label={t('foodSafety.day.stripLabel')}
        data-testid="fs-strip"
      >
        <rect x={0} y={0} width={W} height={STRIP_H} className="fs-future" />
        <rect x={0} y={0} width={Math.min(W, Math.max(0, x(now)))} height={STRIP_H} className="fs-nodata" />
        {log.records.map((r) => (
          <rect
            key={r.seq}
            x={x(r.startTs)}
            y={0}
            width={Math.max(0.8, x(r.endTs) - x(r.startTs))}
            height={STRIP_H}
            className={STATUS_CLASS[r.status]}
            data-status={r.status}
          />
        ))}
      </svg>
      {values.length ? (
        <div className="fs-chart-wrap">
          <span className="fs-chart-scale fs-chart-hi">{formatTemp(hi)}</span>
          <svg
            className="fs-chart"
            viewBox={`0 0 ${W} ${CHART_H}`}
            preserveAspectRatio="none"
            role="img"
            aria-label={t('foodSafety.day.chartLabel')}
          >
            <line x1={0} x2={W} y1={y(limitC)} y2={y(limitC)} className="fs-chart-limit" />
            {segments.map((points) => (
              <polyline key={points[0]} points={points.join(' ')} className="fs-chart-line" />
            ))}
          </svg>
          <span className="fs-chart-scale fs-chart-lo">{formatTemp(lo)}</span>
        </div>
      ) : null}
      <div className="fs-hours" aria-hidden="true">
        {ticks.map((h) => (
          <span key={h} style={{ left: `${(h / Math.max(1, hours)) * 100}%` }}>
            {String(h).padStart(2, '0')}:00
          </span>
        ))}
      </div>
      <figcaption className="fs-legend">
        {(['in_limit', 'excused', 'out_of_limit', 'no_data'] as const).map((s) => (
          <span key={s} className="fs-legend-item">
            <span className={`fs-swatch ${STATUS_CLASS[s]}`} aria-hidden="true" />
            {t(`foodSafety.status.${s}`)}
          </span>
        ))}
        <span className="fs-legend-item">
          <span className="fs-swatch fs-limit-swatch" aria-hidden="true" />
          {t('foodSafety.day.limitLine', { limit: formatTemp(limitC) })}
        </span>
      </figcaption>
    </figure>
  );
}
