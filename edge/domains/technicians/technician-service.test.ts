import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../../shared/config/store-config';
import { Technicians } from '../../../shared/config/technicians';
import { HOUR, storeWithRules } from '../rules/testing/rule-test-kit';
import { faultChain } from '../tickets/testing/ticket-test-kit';
import type { TicketActor } from '../tickets/ticket-lifecycle';
import { TechnicianService } from './technician-service';

const MANAGER: TicketActor = { id: 'mgr-li', role: 'manager' };
const CONTRACTOR_USER: TicketActor = { id: 'cold-user', role: 'technician' };

const roster = Technicians.parse([
  { id: 'zeta-cold', name: 'Zeta', kind: 'in_house', skills: { walk_in_cooler: 3 } },
  {
    id: 'coldchain',
    name: 'ColdChain',
    kind: 'contractor',
    userId: 'cold-user',
    skills: { walk_in_cooler: 3, walk_in_freezer: 3 },
    sla: { warning: { respondWithinH: 2, repairWithinH: 8 } },
  },
  { id: 'apprentice', name: 'Apprentice', kind: 'in_house', skills: { walk_in_cooler: 2 } },
  { id: 'oven-only', name: 'Oven person', kind: 'in_house', skills: { combi_oven: 3 } },
  { id: 'far-away', name: 'Far', kind: 'contractor', skills: { walk_in_cooler: 3 }, stores: ['other-store'] },
]);

describe('technicians: assignment suggestions and SLA', () => {
  let chain: ReturnType<typeof faultChain>;
  afterEach(() => chain.stop());

  function setup() {
    const config: StoreConfig = { ...storeWithRules({}), technicians: roster };
    chain = faultChain(config);
    const service = new TechnicianService({
      db: chain.db,
      clock: chain.clock,
      config,
      tickets: chain.tickets,
    });
    const report = (equipmentId: string, fault: string) =>
      chain.tickets.report({ equipmentId, fault, category: 'other' }, MANAGER).ticket;
    return { service, report };
  }

  it('ranks technicians who know the type by skill, then by current load', () => {
    const { service, report } = setup();
    // ColdChain already has two freezer jobs, one under its login, one under its id.
    chain.tickets.transition(
      report('wif-1', 'ice on coil').id,
      { to: 'assigned', assignee: 'cold-user' },
      MANAGER,
    );
    chain.tickets.transition(report('wif-1', 'door').id, { to: 'assigned', assignee: 'coldchain' }, MANAGER);
    // Zeta's finished job is no load.
    const done = report('wic-1', 'old job');
    chain.tickets.transition(done.id, { to: 'assigned', assignee: 'zeta-cold' }, MANAGER);
    chain.tickets.transition(done.id, { to: 'closed' }, MANAGER);

    const ticket = report('wic-1', 'warm');
    const { suggestions, equipmentType } = service.suggestions(ticket.id);
    expect(equipmentType).toBe('walk_in_cooler');
    expect(suggestions.map((s) => [s.rank, s.technicianId, s.skillLevel, s.openAssigned])).toEqual([
      [1, 'zeta-cold', 3, 0],
      [2, 'coldchain', 3, 2],
      [3, 'apprentice', 2, 0],
    ]);
    expect(suggestions[1]).toMatchObject({
      assignee: 'cold-user',
      sla: { respondWithinH: 2, repairWithinH: 8 },
    });

    // Give Zeta three jobs: ColdChain, now less loaded at the same skill, moves up.
    for (const fault of ['a', 'b', 'c']) {
      chain.tickets.transition(report('wic-1', fault).id, { to: 'assigned', assignee: 'zeta-cold' }, MANAGER);
    }
    expect(service.suggestions(ticket.id).suggestions.map((s) => s.technicianId)).toEqual([
      'coldchain',
      'zeta-cold',
      'apprentice',
    ]);
    expect(service.list().find((t) => t.id === 'far-away')).toMatchObject({ coversThisStore: false });
  });

  it('tracks response and repair deadlines from the recorded steps: pending, met, breached', () => {
    const { service, report } = setup();
    const ticket = report('wic-1', 'not cooling');
    expect(service.sla(ticket.id)).toMatchObject({ technicianId: null, state: null, response: null });
    const t0 = chain.clock.now();
    chain.tickets.transition(ticket.id, { to: 'assigned', assignee: 'cold-user' }, MANAGER);
    chain.clock.advance(HOUR);
    expect(service.sla(ticket.id)).toMatchObject({
      technicianId: 'coldchain',
      assignedAt: t0,
      response: { dueAt: t0 + 2 * HOUR, doneAt: null, state: 'pending' },
      state: 'pending',
    });
    chain.clock.advance(30 * 60_000);
    chain.tickets.transition(ticket.id, { to: 'in_progress' }, CONTRACTOR_USER);
    chain.clock.advance(5 * HOUR);
    expect(service.sla(ticket.id)).toMatchObject({
      response: { doneAt: t0 + 1.5 * HOUR, state: 'met' },
      repair: { dueAt: t0 + 8 * HOUR, state: 'pending' },
      state: 'pending',
    });
    chain.clock.advance(2 * HOUR);
    expect(service.sla(ticket.id)).toMatchObject({
      repair: { state: 'breached', doneAt: null },
      state: 'breached',
    });
    chain.tickets.transition(
      ticket.id,
      { to: 'resolved', resolutionCode: 'fan', parts: [] },
      CONTRACTOR_USER,
    );
    expect(service.sla(ticket.id)).toMatchObject({ repair: { doneAt: t0 + 8.5 * HOUR, state: 'breached' } });

    const quick = report('wic-1', 'door');
    chain.tickets.transition(quick.id, { to: 'assigned', assignee: 'coldchain' }, MANAGER);
    chain.clock.advance(HOUR);
    chain.tickets.transition(quick.id, { to: 'in_progress' }, CONTRACTOR_USER);
    chain.clock.advance(HOUR);
    chain.tickets.transition(
      quick.id,
      { to: 'resolved', resolutionCode: 'hinge', parts: [] },
      CONTRACTOR_USER,
    );
    expect(service.sla(quick.id)).toMatchObject({
      response: { state: 'met' },
      repair: { state: 'met' },
      state: 'met',
    });
  });
});
