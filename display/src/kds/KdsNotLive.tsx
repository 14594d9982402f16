import { useTranslation } from 'react-i18next';
import { StaleBar } from '../app/StaleBar';

/** The order screens' word that what they show may be old: the board's stale bar, headed "not live". */
export function KdsNotLive({
  connected,
  refreshedAt,
  timezone,
}: {
  connected: boolean;
  refreshedAt: number | undefined;
  timezone: string;
}) {
  const { t } = useTranslation();
  if (connected) return null;
  return (
    <div className="kds-not-live" data-testid="kds-not-live">
      <strong className="kds-not-live-word">⚠ {t('kds.notLive')}</strong>
      <StaleBar connected={false} refreshedAt={refreshedAt} timezone={timezone} />
    </div>
  );
}
