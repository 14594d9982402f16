import { useTranslation } from 'react-i18next';
import type { TicketView } from '../../../shared/api/tickets';
import { formatAge } from '../app/format';
import { ticketAge } from './ticket-people';

/** "open 2 h" while the repair runs; "resolved after 2 h", no longer counting, once it is done. */
export function TicketAge({ ticket, now }: { ticket: TicketView; now: number }) {
  const { t } = useTranslation();
  const age = ticketAge(ticket, now);
  return (
    <span className="ticket-age" data-finished={age.finished}>
      {t(age.finished ? 'tickets.tookAge' : 'tickets.age', { age: formatAge(age.ms, t) })}
    </span>
  );
}
