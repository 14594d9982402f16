import { useTranslation } from 'react-i18next';
import type { TicketStatus } from '../../../shared/api/tickets';
import type { Role } from '../../../shared/roles';
import { offeredSteps, type TicketStep } from './ticket-actions';
import { mayAssign } from './ticket-assignment';

interface TicketActionsProps {
  status: TicketStatus;
  /** who is logged in at the display, if anyone */
  role: Role | undefined;
  onStep: (to: TicketStep) => void;
  /** where the screen can hand the ticket to a technician; offered only to who may */
  onAssign?: (() => void) | undefined;
  /** the ticket already has someone: the button reassigns */
  assigned?: boolean;
}

/** The next steps of a ticket as big buttons, only those the person's role may take. */
export function TicketActions({ status, role, onStep, onAssign, assigned = false }: TicketActionsProps) {
  const { t } = useTranslation();
  const offered = offeredSteps(status, role);
  const assign = onAssign && mayAssign(status, role);
  if (offered.length === 0 && !assign) return null;
  return (
    <fieldset className="dialog-actions" data-testid="ticket-actions">
      <legend className="visually-hidden">{t('tickets.actions')}</legend>
      {offered.map((to) => (
        <button key={to} type="button" className="primary" data-action={to} onClick={() => onStep(to)}>
          {t(`tickets.action.${to}`)}
        </button>
      ))}
      {assign ? (
        <button type="button" className="secondary" data-action="assigned" onClick={onAssign}>
          {t(assigned ? 'assign.reassign' : 'assign.action')}
        </button>
      ) : null}
    </fieldset>
  );
}
