import { useTranslation } from 'react-i18next';
import type { StoreState } from '../../../../shared/central/api';
import { alertsRegion } from '../../../../shared/central/store-lifecycle';
import { agedSince, formatDuration, formatLag, isLagging } from '../format/time';
import { LastHeard } from './LastHeard';
import { SeverityCounts } from './SeverityCounts';
import { StoreStateChip } from './StoreStateChip';
import { byUrgency, summarizeConfig } from './store-order';
import './stores-table.css';

interface StoresTableProps {
  stores: readonly StoreState[];
  fetchedAt: number;
  now: number;
  showRegion: boolean;
  onOpen: (storeId: string) => void;
}

export function StoresTable({ stores, fetchedAt, now, showRegion, onOpen }: StoresTableProps) {
  const { t } = useTranslation();
  if (stores.length === 0) return <p className="empty">{t('stores.none')}</p>;
  const sorted = [...stores].sort(byUrgency);
  return (
    <table className="grid stores-table">
      <thead>
        <tr>
          <th>{t('stores.store')}</th>
          {showRegion ? <th>{t('stores.region')}</th> : null}
          <th>
            {t('stores.lastHeard')}
            {/* Narrow pages fold the sync lag column into this one (stores-table.css). */}
            <span className="lag-inline"> · {t('stores.lag')}</span>
          </th>
          <th>{t('stores.alarms')}</th>
          <th className="num">{t('stores.tickets')}</th>
          <th>{t('stores.equipment')}</th>
          <th>{t('stores.config')}</th>
          <th className="num col-lag">{t('stores.lag')}</th>
        </tr>
      </thead>
      <tbody>
        {sorted.map((store) => {
          const silent = store.silentForMs === null ? null : agedSince(store.silentForMs, fetchedAt, now);
          const config = summarizeConfig(store.config);
          // A store that is not open shows its alarms but is not flagged as needing attention.
          const critical = store.activeAlarms.critical > 0 && alertsRegion(store.lifecycle);
          const lagging = isLagging(store.syncLagMs);
          const lag = store.syncLagMs === null ? '—' : formatLag(store.syncLagMs, t);
          return (
            <tr key={store.id} data-store-id={store.id} className={critical ? 'row-critical' : undefined}>
              <td>
                <button
                  type="button"
                  className="link store-link"
                  aria-label={t('stores.open', { name: store.name })}
                  onClick={() => onOpen(store.id)}
                >
                  {store.name}
                </button>
                <span className="muted small store-id"> {store.id}</span>
                <StoreStateChip lifecycle={store.lifecycle} />
              </td>
              {showRegion ? <td className="region">{store.regionName}</td> : null}
              <td>
                <LastHeard silentForMs={silent} />
                <div className={`lag-inline small ${lagging ? 'tone-warning' : 'muted'}`}>{lag}</div>
              </td>
              <td className={alertsRegion(store.lifecycle) ? undefined : 'quiet-alarms'}>
                <SeverityCounts counts={store.activeAlarms} />
              </td>
              <td className="num">
                <strong className={store.openTickets > 0 ? '' : 'muted'}>{store.openTickets}</strong>
                {store.oldestOpenTicketAgeS !== null ? (
                  <span className="muted small">
                    {' '}
                    {t('stores.oldest', {
                      age: formatDuration(agedSince(store.oldestOpenTicketAgeS, fetchedAt, now, 1000), t),
                    })}
                  </span>
                ) : null}
              </td>
              <td className={store.equipment.offline > 0 ? 'tone-warning' : 'muted'}>
                {store.equipment.total === 0
                  ? '—'
                  : store.equipment.offline > 0
                    ? t('stores.equipmentState', store.equipment)
                    : t('stores.equipmentAllOnline', store.equipment)}
              </td>
              <td className={`tone-${config.tone}`}>{t(config.key, config.values)}</td>
              <td className={`num col-lag ${lagging ? 'tone-warning' : ''}`}>{lag}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
