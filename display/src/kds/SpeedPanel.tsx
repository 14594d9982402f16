import { useTranslation } from 'react-i18next';
import { SpeedOfServiceView, type TicketTimeSummary } from '../../../shared/api/kds';
import { useEdgeResource } from '../app/use-edge-resource';
import { kdsPaths } from './kds-api';
import type { KdsNames } from './kds-names';
import { formatSeconds } from './ticket-age';

/** Speed of service today: how long tickets took from arrival to bump, overall, per station, channel and hour. */
export function SpeedPanel({ names, onClose }: { names: KdsNames; onClose: () => void }) {
  const { t } = useTranslation();
  const speed = useEdgeResource(kdsPaths.speed, SpeedOfServiceView, undefined);
  return (
    <aside className="kds-panel kds-speed" data-testid="kds-speed" aria-labelledby="kds-speed-title">
      <header className="kds-panel-head">
        <h2 id="kds-speed-title">{t('kds.speedTitle')}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('app.close')}
        </button>
      </header>
      {speed.status === 'loading' ? <p className="empty">{t('app.loading')}</p> : null}
      {speed.status === 'error' ? (
        <p className="dialog-error" role="alert">
          {t('kds.actionFailed', { message: speed.message })}
        </p>
      ) : null}
      {speed.status === 'ok' ? (
        <table className="kds-speed-table">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{t('kds.speedTickets')}</th>
              <th scope="col">{t('kds.speedAverage')}</th>
              <th scope="col">{t('kds.speedP90')}</th>
            </tr>
          </thead>
          <tbody>
            <SpeedRow label={t('kds.speedOverall')} summary={speed.data.overall} />
            {speed.data.byStation.map((s) => (
              <SpeedRow key={`s-${s.station}`} label={names.station(s.station)} summary={s} />
            ))}
            {speed.data.byChannel.map((c) => (
              <SpeedRow key={`c-${c.channel}`} label={t(`kds.channel.${c.channel}`)} summary={c} />
            ))}
            {speed.data.byHour.map((h) => (
              <SpeedRow
                key={`h-${h.hour}`}
                label={t('kds.speedHour', {
                  from: String(h.hour).padStart(2, '0'),
                  to: String((h.hour + 1) % 24).padStart(2, '0'),
                })}
                summary={h}
              />
            ))}
          </tbody>
        </table>
      ) : null}
    </aside>
  );
}

function SpeedRow({ label, summary }: { label: string; summary: TicketTimeSummary }) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{summary.tickets}</td>
      <td>{formatSeconds(summary.averageS)}</td>
      <td>{formatSeconds(summary.p90S)}</td>
    </tr>
  );
}
