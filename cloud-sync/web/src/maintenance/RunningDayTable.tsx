import { useTranslation } from 'react-i18next';
import type { StoreMaintenanceMetrics } from '../../../../shared/central/maintenance-api';
import { formatDateTime } from '../format/time';
import { formatRate, formatSeconds } from './maintenance-format';

/** The store day still running: figures as they stand now, not "—" until the day has closed. */
export function RunningDayTable({
  stores,
  onOpenStore,
}: {
  stores: readonly StoreMaintenanceMetrics[];
  onOpenStore: (storeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  if (stores.length === 0) return null;
  return (
    <table className="grid running-day">
      <thead>
        <tr>
          <th>{t('maintenance.store')}</th>
          <th>{t('maintenance.since')}</th>
          <th className="num">{t('maintenance.repairs')}</th>
          <th className="num">{t('maintenance.firstResponse')}</th>
          <th className="num">{t('maintenance.mttr')}</th>
          <th className="num">{t('maintenance.repeatRate')}</th>
          <th className="num">{t('maintenance.openTickets')}</th>
          <th className="num">{t('maintenance.pmBacklog')}</th>
        </tr>
      </thead>
      <tbody>
        {stores.map(({ storeId, storeName, today }) => (
          <tr key={storeId} data-store={storeId}>
            <td>
              <button type="button" className="link" onClick={() => onOpenStore(storeId)}>
                {storeName}
              </button>
            </td>
            <td className="muted">{formatDateTime(today.since, i18n.language)}</td>
            <td className="num">{today.repairs}</td>
            <td className="num" title={t('maintenance.ofN', { count: today.acknowledged, n: today.repairs })}>
              {formatSeconds(today.firstResponseAvgS, t)}
            </td>
            <td className="num" title={t('maintenance.ofN', { count: today.resolved, n: today.repairs })}>
              {formatSeconds(today.mttrAvgS, t)}
            </td>
            <td className="num">{formatRate(today.repeatRepairRate)}</td>
            <td className="num">{today.openTickets}</td>
            <td className={`num ${today.pmOverdue > 0 ? 'tone-warning' : ''}`}>
              {today.pmBacklog}
              {today.pmOverdue > 0 ? (
                <span className="muted small"> ({t('maintenance.overdueN', { n: today.pmOverdue })})</span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
