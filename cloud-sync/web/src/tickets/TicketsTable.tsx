import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenTicket } from '../../../../shared/central/api';
import { TicketActions } from '../actions/TicketActions';
import { agedSince, formatDuration } from '../format/time';
import { equipmentName, equipmentTypeName, ticketTitle } from '../names/names';
import { type AgeOrder, sortByAge } from './ticket-order';

interface TicketsTableProps {
  tickets: readonly OpenTicket[];
  fetchedAt: number;
  now: number;
  /** false inside a store's own page, where every row is the same store */
  showStore: boolean;
  onOpenStore: (storeId: string) => void;
}

/** Open tickets with their ages, oldest first by default: the longest wait is the first call to make. */
export function TicketsTable({ tickets, fetchedAt, now, showStore, onOpenStore }: TicketsTableProps) {
  const { t, i18n } = useTranslation();
  const [order, setOrder] = useState<AgeOrder>('oldest');
  if (tickets.length === 0) return <p className="empty">{t('tickets.none')}</p>;
  const flip = () => setOrder(order === 'oldest' ? 'newest' : 'oldest');
  return (
    <table className="grid tickets-table">
      <thead>
        <tr>
          <th aria-sort={order === 'oldest' ? 'descending' : 'ascending'}>
            <button type="button" className="sort" onClick={flip} data-order={order}>
              {t(order === 'oldest' ? 'tickets.sortOldest' : 'tickets.sortNewest')}{' '}
              {order === 'oldest' ? '↓' : '↑'}
            </button>
          </th>
          {showStore ? <th>{t('tickets.store')}</th> : null}
          <th>{t('tickets.equipment')}</th>
          <th>{t('tickets.fault')}</th>
          <th>{t('tickets.severity')}</th>
          <th>{t('tickets.status')}</th>
          <th>{t('tickets.assignee')}</th>
          <th className="no-print">{t('actions.title')}</th>
        </tr>
      </thead>
      <tbody>
        {sortByAge(tickets, order).map(({ storeId, storeName, ageS, ticket, equipment }) => (
          <tr key={`${storeId}/${ticket.id}`} data-ticket={`${storeId}/${ticket.id}`}>
            <td className="age">{formatDuration(agedSince(ageS, fetchedAt, now, 1000), t)}</td>
            {showStore ? (
              <td>
                <button type="button" className="link" onClick={() => onOpenStore(storeId)}>
                  {storeName}
                </button>
              </td>
            ) : null}
            <td className="equipment-cell" title={ticket.equipmentId}>
              {equipmentName(equipment, i18n.language)}
              <span className="muted small"> {equipmentTypeName(equipment, i18n.language, t) ?? ''}</span>
            </td>
            <td className="ticket-title">
              {ticketTitle(ticket, i18n.language, t)}
              <span className="muted small"> #{ticket.id}</span>
              {ticket.repeat ? <span className="tag warning">{t('tickets.repeat')}</span> : null}
              {ticket.source === 'manual' ? <span className="tag">{t('tickets.manual')}</span> : null}
            </td>
            <td>
              <span className={`severity-dot ${ticket.severity}`}>{t(`severity.${ticket.severity}`)}</span>
            </td>
            <td>{t(`tickets.statusName.${ticket.status}`)}</td>
            <td>{ticket.assignedTo ?? '—'}</td>
            <td className="no-print">
              {ticket.status === 'verified' || ticket.status === 'closed' ? null : (
                <TicketActions storeId={storeId} ticketId={ticket.id} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
