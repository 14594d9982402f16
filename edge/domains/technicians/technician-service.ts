import type { AssignmentSuggestions, TechnicianView, TicketSla } from '../../../shared/api/technicians';
import type { TicketTransitionRecord, TicketView } from '../../../shared/api/tickets';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { Technician } from '../../../shared/config/technicians';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Database } from '../../store/database';
import { TicketError } from '../tickets/ticket-lifecycle';
import { coversStore, suggestTechnicians } from './assignment-suggestions';
import { computeTicketSla } from './ticket-sla';

export interface TechnicianServiceDeps {
  db: Database;
  clock: Clock;
  config: StoreConfig;
  tickets: { get(id: number): TicketView | undefined; history(id: number): TicketTransitionRecord[] };
}

/** Who can repair what (from the config), how busy they are, and how their SLA stands per ticket. */
export class TechnicianService {
  readonly #deps: TechnicianServiceDeps;
  readonly #loads;
  #config: StoreConfig;

  constructor(deps: TechnicianServiceDeps) {
    this.#deps = deps;
    this.#config = deps.config;
    this.#loads = deps.db.prepare<[], { assignee: string; n: number }>(
      `SELECT assigned_to AS assignee, count(*) AS n FROM tickets
       WHERE status IN ('assigned', 'in_progress') AND assigned_to IS NOT NULL GROUP BY assigned_to`,
    );
  }

  reload(config: StoreConfig): void {
    this.#config = config;
  }

  get technicians(): readonly Technician[] {
    return this.#config.technicians;
  }

  list(): TechnicianView[] {
    const loadOf = this.#loadReader();
    return this.#config.technicians.map((t) => ({
      id: t.id,
      name: t.name,
      kind: t.kind,
      company: t.company ?? null,
      userId: t.userId ?? null,
      skills: t.skills,
      coversThisStore: coversStore(t, this.#config.store.id),
      openAssigned: loadOf(t),
      sla: t.sla ?? null,
    }));
  }

  suggestions(ticketId: number): AssignmentSuggestions {
    const ticket = this.#ticket(ticketId);
    const equipment = this.#config.equipment.find((e) => e.id === ticket.equipmentId);
    if (!equipment) {
      throw new TicketError(
        'TICKET_UNKNOWN_EQUIPMENT',
        `equipment "${ticket.equipmentId}" is no longer configured`,
      );
    }
    return {
      ticketId,
      equipmentId: equipment.id,
      equipmentType: equipment.type,
      suggestions: suggestTechnicians({
        technicians: this.#config.technicians,
        storeId: this.#config.store.id,
        equipmentType: equipment.type,
        severity: ticket.severity,
        loadOf: this.#loadReader(),
      }),
    };
  }

  sla(ticketId: number): TicketSla {
    const ticket = this.#ticket(ticketId);
    return computeTicketSla(
      ticket,
      this.#deps.tickets.history(ticketId),
      this.#config.technicians,
      this.#deps.clock.now(),
    );
  }

  #ticket(id: number): TicketView {
    const ticket = this.#deps.tickets.get(id);
    if (!ticket) throw new TicketError('TICKET_NOT_FOUND', `no ticket ${id}`);
    return ticket;
  }

  /** Open assigned tickets per technician, counted under their id and their login alike. */
  #loadReader(): (t: Technician) => number {
    const byAssignee = new Map(this.#loads.all().map((r) => [r.assignee, r.n]));
    return (t) =>
      (byAssignee.get(t.id) ?? 0) + (t.userId && t.userId !== t.id ? (byAssignee.get(t.userId) ?? 0) : 0);
  }
}
