import { useTranslation } from 'react-i18next';
import { formatTime } from './format';

interface StaleBarProps {
  connected: boolean;
  refreshedAt: number | undefined;
  timezone: string;
}

/** On every screen while the edge cannot be reached: what is shown may be old. */
export function StaleBar({ connected, refreshedAt, timezone }: StaleBarProps) {
  const { t, i18n } = useTranslation();
  if (connected) return null;
  return (
    <div className="stale-bar" role="status" data-testid="stale-bar">
      <span aria-hidden="true">⚠ </span>
      {refreshedAt === undefined
        ? t('connection.neverConnected')
        : t('connection.stale', { time: formatTime(refreshedAt, timezone, i18n.language, true) })}
    </div>
  );
}
