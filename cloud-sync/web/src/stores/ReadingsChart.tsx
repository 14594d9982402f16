import { useTranslation } from 'react-i18next';
import { CENTRAL_ROUTES, centralPath } from '../../../../shared/central/api';
import { EquipmentReadings, type LatestReadings } from '../../../../shared/central/insight-api';
import { type PollOptions, usePoll } from '../app/use-poll';
import { formatClock } from '../format/time';
import { formatReading, metricName } from '../names/names';

const WIDTH = 640;
const HEIGHT = 150;
const PAD = { left: 8, right: 8, top: 10, bottom: 10 };

interface ReadingsChartProps {
  storeId: string;
  equipmentId: string;
  title: string;
  poll: PollOptions;
}

/** The last 6 hours of one equipment's synced minutes: average as a line, min–max as a band. */
export function ReadingsChart({ storeId, equipmentId, title, poll }: ReadingsChartProps) {
  const { t, i18n } = useTranslation();
  const { data } = usePoll(
    centralPath(CENTRAL_ROUTES.equipmentReadings, { storeId, equipmentId }),
    EquipmentReadings,
    poll,
  );
  if (!data) return <p className="empty">{t('app.loading')}</p>;
  const metrics = [...new Set(data.points.flatMap((p) => Object.keys(p.metrics)))].sort();
  return (
    <figure className="readings-chart" data-chart-for={equipmentId}>
      <figcaption>{t('readings.chartTitle', { equipment: title })}</figcaption>
      {data.points.length === 0 ? <p className="empty">{t('readings.chartNone')}</p> : null}
      {metrics.map((metric) => (
        <MetricChart
          key={metric}
          metric={metric}
          points={data.points}
          from={data.from}
          to={data.to}
          language={i18n.language}
          label={metricName(metric, t)}
        />
      ))}
    </figure>
  );
}

function MetricChart({
  metric,
  points,
  from,
  to,
  language,
  label,
}: {
  metric: string;
  points: readonly LatestReadings[];
  from: number;
  to: number;
  language: string;
  label: string;
}) {
  const { t } = useTranslation();
  const series = points.flatMap((p) => {
    const m = p.metrics[metric];
    return m ? [{ ts: p.minuteTs, ...m }] : [];
  });
  if (series.length === 0) return null;
  const low = Math.min(...series.map((s) => s.min));
  const high = Math.max(...series.map((s) => s.max));
  const span = high - low || 1;
  const x = (ts: number) => PAD.left + ((ts - from) / (to - from)) * (WIDTH - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - low) / span) * (HEIGHT - PAD.top - PAD.bottom);
  const line = series.map((s) => `${x(s.ts).toFixed(1)},${y(s.avg).toFixed(1)}`).join(' ');
  const band = [
    ...series.map((s) => `${x(s.ts).toFixed(1)},${y(s.max).toFixed(1)}`),
    ...[...series].reverse().map((s) => `${x(s.ts).toFixed(1)},${y(s.min).toFixed(1)}`),
  ].join(' ');
  const last = series[series.length - 1];
  return (
    <div className="metric-chart" data-metric={metric}>
      <div className="metric-chart-head">
        <strong>{label}</strong>{' '}
        {last ? <span className="metric-now">{formatReading(metric, last.avg, language)}</span> : null}{' '}
        <span className="muted small">
          {t('readings.range', {
            min: formatReading(metric, low, language),
            max: formatReading(metric, high, language),
          })}
        </span>
      </div>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={label} preserveAspectRatio="none">
        <polygon className="band" points={band} />
        <polyline className="avg" points={line} />
      </svg>
      <div className="chart-axis muted small">
        <span>{formatClock(from, language)}</span>
        <span>{formatClock(to, language)}</span>
      </div>
    </div>
  );
}
