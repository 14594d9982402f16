import type { Logger } from '../../../shared/server/runtime/logger';
import { TicketError } from '../tickets/ticket-lifecycle';
import type { TicketTransitionCommitting } from '../tickets/ticket-service';
import { metersOf, resetMeter } from './meter-reset';
import type { PmOutbox } from './pm-outbox';
import type { PmStateStore } from './pm-state-store';
import type { PlanTarget } from './resolve-plans';

/**
 * A repair that replaced a part restarts the PM meter counting its wear. Runs inside
 * the repair ticket's transaction (TicketService.onTransitionCommitting), so the
 * verification and the restart commit together or not at all: `resolved` may name only
 * a meter a plan counts on that equipment (else the step is refused), and `verified`
 * restarts it. Returns whether a meter was restarted.
 */
export function followRepairStep(
  { ticket, request, actor, at }: TicketTransitionCommitting,
  pm: { state: PmStateStore; outbox: PmOutbox; targets: readonly PlanTarget[]; log: Logger },
): boolean {
  const known = metersOf(pm.targets, ticket.equipmentId);
  if (request.to === 'resolved' && request.resetsMeter !== undefined && !known.includes(request.resetsMeter))
    throw new TicketError(
      'TICKET_UNKNOWN_METER',
      `no PM plan on ${ticket.equipmentId} counts "${request.resetsMeter}"; ` +
        `its meters: ${known.length ? known.join(', ') : 'none'}`,
    );
  if (request.to !== 'verified' || !ticket.resetsMeter) return false;
  const context = { ticketId: ticket.id, equipmentId: ticket.equipmentId, meter: ticket.resetsMeter };
  if (!known.includes(ticket.resetsMeter)) {
    // The plan went away between repair and verification: the repair stands without it.
    pm.log.warn(context, 'verified repair names a meter no plan counts any more; not restarted');
    return false;
  }
  resetMeter(pm.state, pm.outbox, pm.targets, {
    equipmentId: ticket.equipmentId,
    meter: ticket.resetsMeter,
    by: actor.id,
    ticketId: ticket.id,
    at,
  });
  pm.log.info(context, 'meter restarted by verified repair');
  return true;
}
