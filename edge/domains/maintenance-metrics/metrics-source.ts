import type { TicketStatus } from '../../../shared/api/tickets';
import type { Database } from '../../store/database';
import type { TicketRow } from '../tickets/ticket-store';

export interface PmRow {
  equipment_id: string;
  due_at: number;
  grace_until: number;
  resolved_at: number | null;
  closed_at: number | null;
}

export interface PartUseRow {
  partNumber: string;
  /** negative: what left the stock */
  delta: number;
  ticketId: number | null;
  equipmentId: string | null;
}

export interface TransitionRow {
  ticket_id: number;
  to: TicketStatus;
  at: number;
}

/** What the metrics are computed from: recorded tickets, work orders, transitions and stock movements. */
export interface MetricsHistory {
  repairs: TicketRow[];
  repairTransitions: TransitionRow[];
  pmDue: PmRow[];
  pmBacklog: Pick<PmRow, 'equipment_id' | 'grace_until'>[];
  partsUsed: PartUseRow[];
}

export class MetricsSource {
  readonly #s;

  constructor(db: Database) {
    this.#s = {
      repairs: db.prepare<{ from: number; to: number }, TicketRow>(
        `SELECT * FROM tickets WHERE kind = 'repair' AND opened_at >= @from AND opened_at < @to ORDER BY opened_at`,
      ),
      transitions: db.prepare<{ from: number; to: number }, TransitionRow>(
        `SELECT t.ticket_id, t.to_status AS "to", t.at FROM ticket_transitions t JOIN tickets k ON k.id = t.ticket_id
         WHERE k.kind = 'repair' AND k.opened_at >= @from AND k.opened_at < @to AND t.at < @to ORDER BY t.id`,
      ),
      pmDue: db.prepare<{ from: number; to: number }, PmRow>(
        `SELECT equipment_id, due_at, grace_until, resolved_at, closed_at FROM tickets
         WHERE kind = 'preventive' AND due_at >= @from AND due_at < @to`,
      ),
      pmBacklog: db.prepare<{ to: number }, Pick<PmRow, 'equipment_id' | 'grace_until'>>(
        `SELECT equipment_id, grace_until FROM tickets
         WHERE kind = 'preventive' AND opened_at < @to
           AND (resolved_at IS NULL OR resolved_at >= @to) AND (closed_at IS NULL OR closed_at >= @to)`,
      ),
      partsUsed: db.prepare<{ from: number; to: number }, PartUseRow>(
        `SELECT part_number AS partNumber, delta_milli / 1000.0 AS delta, ticket_id AS ticketId, equipment_id AS equipmentId
         FROM part_movements WHERE reason = 'used' AND at >= @from AND at < @to ORDER BY id`,
      ),
    };
  }

  read(from: number, to: number): MetricsHistory {
    return {
      repairs: this.#s.repairs.all({ from, to }),
      repairTransitions: this.#s.transitions.all({ from, to }),
      pmDue: this.#s.pmDue.all({ from, to }),
      pmBacklog: this.#s.pmBacklog.all({ to }),
      partsUsed: this.#s.partsUsed.all({ from, to }),
    };
  }
}
