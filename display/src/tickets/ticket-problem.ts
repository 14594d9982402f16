import type { TFunction } from 'i18next';
import type { TicketView } from '../../../shared/api/tickets';
import { localized } from '../../../shared/browser/locale';
import { isProblemFault } from './problem-faults';

/**
 * What is wrong, in the reader's language: a reported fault by its words on the
 * report screen (older reports by their category), an automatic ticket by its alarm's title.
 */
export function ticketProblem(
  ticket: Pick<TicketView, 'source' | 'fault' | 'category' | 'title'>,
  t: TFunction,
  language: string,
): string {
  if (ticket.source === 'manual') {
    if (isProblemFault(ticket.fault)) return t(`report.fault.${ticket.fault}`);
    if (ticket.category) return t(`report.category.${ticket.category}`);
  }
  return localized(ticket.title, language);
}
