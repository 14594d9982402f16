import { type SparePart, SpareParts } from '../../../../shared/config/parts';
import type { StoreConfig } from '../../../../shared/config/store-config';
import { silentLogger } from '../../../../shared/server/runtime/logger';
import { storeWithRules } from '../../rules/testing/rule-test-kit';
import { faultChain } from '../../tickets/testing/ticket-test-kit';
import type { TicketActor } from '../../tickets/ticket-lifecycle';
import { PartsService } from '../parts-service';

export const MANAGER: TicketActor = { id: 'mgr-li', role: 'manager' };
export const TECHNICIAN: TicketActor = { id: 'tech-wang', role: 'technician' };

export const GASKET = {
  partNumber: 'GSK-1',
  name: 'Door gasket',
  equipmentTypes: ['walk_in_cooler'],
  reorderPoint: 2,
  reorderQuantity: 6,
  initialStock: 4,
};

/** The fault chain of the ticket tests plus the parts service hooked to its tickets. */
export function partsChain(parts: Partial<SparePart>[] = [GASKET]) {
  const config: StoreConfig = { ...storeWithRules({}), parts: SpareParts.parse(parts) };
  const chain = faultChain(config);
  const service = new PartsService({
    db: chain.db,
    clock: chain.clock,
    logger: silentLogger(),
    storeId: config.store.id,
    config,
    tickets: chain.tickets,
  });
  service.start();
  /** Opens a manual ticket on the cooler and walks it to resolved with these parts. */
  const repair = (fault: string, used: { name: string; quantity: number; partNumber?: string }[]) => {
    const { ticket } = chain.tickets.report({ equipmentId: 'wic-1', fault, category: 'other' }, MANAGER);
    chain.tickets.transition(ticket.id, { to: 'assigned', assignee: TECHNICIAN.id }, MANAGER);
    chain.tickets.transition(ticket.id, { to: 'in_progress' }, TECHNICIAN);
    return chain.tickets.transition(
      ticket.id,
      { to: 'resolved', resolutionCode: 'replaced', parts: used },
      TECHNICIAN,
    );
  };
  const stop = () => {
    service.stop();
    chain.stop();
  };
  return { ...chain, config, parts: service, repair, stop };
}
