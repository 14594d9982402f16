import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../../shared/api/tickets';
import type { Role } from '../../../shared/roles';
import { offeredSteps, type TicketStep } from './ticket-actions';

interface TicketActionsProps {
  status: TicketStatus;
  /** who is logged in at the display, if anyone */
  role: Role | undefined;
  onStep: (to: TicketStep) => void;
}

/** The next steps of a ticket as big buttons, only those the person's role may take. */
export function TicketActions({ status, role, onStep }: TicketActionsProps) {
  const { t } = useTranslation();
  const offered = offeredSteps(status, role);
  if (offered.length === 0) return null;
  return (
    <fieldset className="dialog-actions" data-testid="ticket-actions">
      <legend className="visually-hidden">{t('tickets.actions')}</legend>
      {offered.map((to) => (
        <button key={to} type="button" className="primary" data-action={to} onClick={() => onStep(to)}>
          {t(`tickets.action.${to}`)}
        </button>
      ))}
    </fieldset>
  );
}
