import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PredictiveEvidenceSeries } from '../../../shared/predictive/predictive-evidence';
import { useEdgeResource } from '../app/use-edge-resource';
import { EvidenceChart } from './EvidenceChart';
import { predictivePaths } from './predictive-api';

const HOURS = 72;

/** Beside the asset list on a wide screen (the list is ~340 px), under it on a narrow one. */
const chartWidth = (windowWidth: number) =>
  Math.max(300, Math.min(1400, windowWidth > 1000 ? windowWidth - 440 : windowWidth - 110));

/** The evidence chart of one asset, fetched when it is opened (and again when the list refreshes). */
export function EvidencePanel(props: {
  equipmentId: string;
  token: string;
  timezone: string;
  refreshKey: unknown;
}) {
  const { t } = useTranslation();
  const windowSize = useWindowSize();
  const evidence = useEdgeResource(
    predictivePaths.evidence(props.equipmentId, undefined, HOURS),
    PredictiveEvidenceSeries,
    props.token,
    props.refreshKey,
  );
  if (evidence.status === 'loading') return <p className="empty">{t('predictive.chartLoading')}</p>;
  if (evidence.status === 'error')
    return (
      <p className="dialog-error notice" role="alert">
        {t('predictive.chartFailed', { message: evidence.message })}
      </p>
    );
  const series = evidence.data;
  const feature = t(`predictive.feature.${series.feature}`);
  return (
    <section className="pm-evidence">
      <h3>{t('predictive.chartTitle', { feature })}</h3>
      {series.points.some((p) => p.value !== null) ? (
        <EvidenceChart
          series={series}
          timezone={props.timezone}
          width={chartWidth(windowSize.width)}
          height={windowSize.height < 900 ? 220 : 280}
        />
      ) : (
        <p className="empty">{t('predictive.chartEmpty', { hours: HOURS })}</p>
      )}
    </section>
  );
}

/** The window's size, followed as it changes (a tablet turned, a kiosk window resized). */
function useWindowSize(): { width: number; height: number } {
  const [size, setSize] = useState(() => ({ width: window.innerWidth, height: window.innerHeight }));
  useEffect(() => {
    const onResize = () => setSize({ width: window.innerWidth, height: window.innerHeight });
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return size;
}
