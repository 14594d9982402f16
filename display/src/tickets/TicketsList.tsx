import { useTranslation } from 'react-i18next';
import type { EquipmentView } from '../../../shared/api/equipment';
import type { TicketView } from '../../../shared/api/tickets';
import { localized } from '../../../shared/browser/locale';
import { TicketAge } from './TicketAge';
import { ticketProblem } from './ticket-problem';

interface TicketsListProps {
  tickets: readonly TicketView[] | undefined;
  equipment: readonly EquipmentView[];
  now: number;
  onOpen: (ticketId: number) => void;
}

export function TicketsList({ tickets, equipment, now, onOpen }: TicketsListProps) {
  const { t, i18n } = useTranslation();
  if (!tickets) return <p className="empty">{t('tickets.unavailable')}</p>;
  return (
    <section className="tickets" aria-label={t('tickets.title')}>
      <h2>{t('tickets.title')}</h2>
      {tickets.length === 0 ? <p className="empty">{t('tickets.none')}</p> : null}
      <ul className="ticket-list">
        {tickets.map((ticket) => {
          const machine = equipment.find((e) => e.id === ticket.equipmentId);
          return (
            <li key={ticket.id}>
              <button
                type="button"
                className={`ticket-row severity-${ticket.severity}`}
                data-ticket-id={ticket.id}
                onClick={() => onOpen(ticket.id)}
              >
                <span className="ticket-id">#{ticket.id}</span>
                <span className="ticket-main">
                  <span className="ticket-equipment">
                    {machine ? localized(machine.name, i18n.language) : ticket.equipmentId}
                  </span>
                  <span className="ticket-title">{ticketProblem(ticket, t, i18n.language)}</span>
                </span>
                <span className={`ticket-status status-${ticket.status}`}>
                  {t(`tickets.status.${ticket.status}`)}
                </span>
                <TicketAge ticket={ticket} now={now} />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
