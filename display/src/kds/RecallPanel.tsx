import { useTranslation } from 'react-i18next';
import type { KdsTicketView } from '../../../shared/api/kds';
import { formatTime } from '../app/format';
import { fetchBumpedTickets } from './kds-api';
import type { KdsNames } from './kds-names';
import { useStationReads } from './use-station-reads';

interface RecallPanelProps {
  stations: readonly string[];
  names: KdsNames;
  timezone: string;
  refreshKey: unknown;
  onRecall: (ticket: KdsTicketView) => void;
  onClose: () => void;
}

/** Every ticket bumped today at the chosen stations, newest first, each one tap from coming back. */
export function RecallPanel({ stations, names, timezone, refreshKey, onRecall, onClose }: RecallPanelProps) {
  const { t, i18n } = useTranslation();
  const bumped = useStationReads(stations, fetchBumpedTickets, refreshKey);
  const tickets = bumped.status === 'ok' ? newestBumpedFirst(bumped.data.flatMap((d) => d.data)) : [];
  return (
    <aside
      className="kds-panel kds-recall-panel"
      data-testid="kds-recall-panel"
      aria-labelledby="kds-recall-title"
    >
      <header className="kds-panel-head">
        <h2 id="kds-recall-title">{t('kds.recallTitle')}</h2>
        <button type="button" className="secondary" onClick={onClose}>
          {t('app.close')}
        </button>
      </header>
      {bumped.status === 'loading' ? <p className="empty">{t('app.loading')}</p> : null}
      {bumped.status === 'error' ? (
        <p className="dialog-error" role="alert">
          {t('kds.actionFailed', { message: bumped.message })}
        </p>
      ) : null}
      {bumped.status === 'ok' && tickets.length === 0 ? (
        <p className="empty">{t('kds.recallEmpty')}</p>
      ) : null}
      <ol className="kds-recall-list">
        {tickets.map((ticket) => (
          <li key={ticket.id} className="kds-recall-row" data-testid={`kds-recalled-${ticket.id}`}>
            <span className="kds-order">#{ticket.orderExternalId}</span>
            <span className="kds-recall-what">
              {stations.length > 1 ? `${names.station(ticket.station)} · ` : ''}
              {ticket.lines
                .filter((l) => l.qty > 0)
                .map((l) => `${l.qty} × ${names.item(l.item)}`)
                .join(', ')}
            </span>
            <span className="kds-recall-when">
              {ticket.bumpedAt !== undefined
                ? t('kds.bumpedAt', { time: formatTime(ticket.bumpedAt, timezone, i18n.language) })
                : ''}
              {ticket.bumpedBy ? ` · ${ticket.bumpedBy}` : ''}
            </span>
            <button
              type="button"
              className="secondary kds-recall-button"
              data-testid={`kds-recall-${ticket.id}`}
              onClick={() => onRecall(ticket)}
            >
              ↩ {t('kds.recall')}
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}

export function newestBumpedFirst(tickets: readonly KdsTicketView[]): KdsTicketView[] {
  return [...tickets].sort((a, b) => (b.bumpedAt ?? 0) - (a.bumpedAt ?? 0));
}
