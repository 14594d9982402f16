import { useTranslation } from 'react-i18next';
import { requestEdge } from '../api/edge-client';
import { AllDayList, KDS_READ_TIMEOUT_MS, kdsPaths } from './kds-api';
import type { KdsNames } from './kds-names';
import { useStationReads } from './use-station-reads';

const readAllDay = (station: string) =>
  requestEdge(kdsPaths.allDay(station), AllDayList, { timeoutMs: KDS_READ_TIMEOUT_MS });

/** All day: how many of each item are cooking and waiting at the chosen stations, so a cook batches. */
export function AllDayPanel({
  stations,
  names,
  refreshKey,
  onClose,
}: {
  stations: readonly string[];
  names: KdsNames;
  refreshKey: unknown;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const counts = useStationReads(stations, readAllDay, refreshKey);
  return (
    <aside className="kds-panel kds-all-day" data-testid="kds-all-day" aria-labelledby="kds-all-day-title">
      <header className="kds-panel-head">
        <h2 id="kds-all-day-title">{t('kds.allDay')}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('app.close')}
        </button>
      </header>
      {counts.status === 'loading' ? <p className="empty">{t('app.loading')}</p> : null}
      {counts.status === 'error' ? (
        <p className="dialog-error" role="alert">
          {t('kds.actionFailed', { message: counts.message })}
        </p>
      ) : null}
      {counts.status === 'ok'
        ? counts.data.map(({ station, data }) => (
            <table key={station} className="kds-all-day-table">
              {stations.length > 1 ? <caption>{names.station(station)}</caption> : null}
              <thead>
                <tr>
                  <th scope="col">{t('kds.allDayItem')}</th>
                  <th scope="col">{t('kds.allDayCooking')}</th>
                  <th scope="col">{t('kds.allDayPending')}</th>
                </tr>
              </thead>
              <tbody>
                {data.length === 0 ? (
                  <tr>
                    <td colSpan={3}>{t('kds.allDayEmpty')}</td>
                  </tr>
                ) : null}
                {data.map((row) => (
                  <tr key={row.item} data-testid={`kds-all-day-${station}-${row.item}`}>
                    <th scope="row">{names.item(row.item)}</th>
                    <td>{row.cooking}</td>
                    <td>{row.pending}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))
        : null}
    </aside>
  );
}
