import type {
  ProblemCategory,
  TelemetrySnapshot,
  TicketSource,
  TicketStatus,
  TicketTransitionRecord,
  TicketView,
  UsedPart,
} from '../../../shared/api/tickets';
import type { Severity } from '../../../shared/config/rules';
import type { LocalizedText } from '../../../shared/localized-text';
import type { Database } from '../../store/database';

export interface TicketRow {
  id: number;
  equipment_id: string;
  fault: string;
  source: string;
  category: string | null;
  title: string;
  severity: string;
  status: string;
  note: string | null;
  opened_at: number;
  opened_by: string;
  acknowledged_at: number | null;
  acknowledged_by: string | null;
  assigned_to: string | null;
  assigned_at: number | null;
  started_at: number | null;
  resolved_at: number | null;
  resolved_by: string | null;
  resolution_code: string | null;
  parts_json: string | null;
  resolution_notes: string | null;
  verified_at: number | null;
  verified_by: string | null;
  closed_at: number | null;
  closed_by: string | null;
  reopen_count: number;
  repeat: number;
  previous_ticket_id: number | null;
  snapshot_json: string | null;
  resets_meter: string | null;
  updated_at: number;
}

export interface NewTicket {
  equipmentId: string;
  fault: string;
  source: TicketSource;
  category: ProblemCategory | null;
  title: LocalizedText;
  severity: Severity;
  note: string | null;
  at: number;
  by: string;
  repeat: boolean;
  previousTicketId: number | null;
  snapshot: TelemetrySnapshot | null;
}

/** Columns a transition may set, besides status. */
export type TicketUpdate = Partial<
  Pick<
    TicketRow,
    | 'acknowledged_at'
    | 'acknowledged_by'
    | 'assigned_to'
    | 'assigned_at'
    | 'started_at'
    | 'resolved_at'
    | 'resolved_by'
    | 'resolution_code'
    | 'parts_json'
    | 'resolution_notes'
    | 'verified_at'
    | 'verified_by'
    | 'closed_at'
    | 'closed_by'
    | 'reopen_count'
    | 'resets_meter'
  >
>;

const UNFINISHED = `status IN ('open', 'acknowledged', 'assigned', 'in_progress', 'resolved')`;
/** Preventive work orders share the table (edge/domains/maintenance); repair views and metrics leave them out. */
const REPAIR = `kind = 'repair'`;
/** Asked at every fault; answered from the partial index tickets_unfinished (migration 011). */
export const UNFINISHED_FOR_FAULT_SQL = `SELECT * FROM tickets WHERE equipment_id = ? AND fault = ? AND ${UNFINISHED}`;
/** The equipment filter is applied before the limit, so a busy store cannot push one machine's tickets out. */
const FOR_EQUIPMENT = '(@equipment IS NULL OR equipment_id = @equipment)';
type ListParams = [{ limit: number; equipment: string | null }];

/** SQL for tickets, their alarms and their transitions; policy lives in the service. */
export class TicketStore {
  readonly #s;

  constructor(readonly db: Database) {
    this.#s = {
      get: db.prepare<[number], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
      unfinished: db.prepare<[string, string], TicketRow>(UNFINISHED_FOR_FAULT_SQL),
      lastVerified: db.prepare<[string, string], TicketRow>(
        `SELECT * FROM tickets WHERE equipment_id = ? AND fault = ? AND verified_at IS NOT NULL
         ORDER BY verified_at DESC LIMIT 1`,
      ),
      insert: db.prepare(
        `INSERT INTO tickets (equipment_id, fault, source, category, title, severity, status, note, opened_at,
           opened_by, repeat, previous_ticket_id, snapshot_json, updated_at)
         VALUES (@equipmentId, @fault, @source, @category, @title, @severity, 'open', @note, @at, @by, @repeat,
           @previousTicketId, @snapshot, @at)`,
      ),
      attach: db.prepare('INSERT OR IGNORE INTO ticket_alarms (ticket_id, alarm_id) VALUES (?, ?)'),
      alarmIds: db.prepare<[number], { alarm_id: number }>(
        'SELECT alarm_id FROM ticket_alarms WHERE ticket_id = ? ORDER BY alarm_id',
      ),
      logTransition: db.prepare(
        'INSERT INTO ticket_transitions (ticket_id, from_status, to_status, at, by, note) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      transitions: db.prepare<
        [number],
        { from_status: string | null; to_status: string; at: number; by: string; note: string | null }
      >(
        'SELECT from_status, to_status, at, by, note FROM ticket_transitions WHERE ticket_id = ? ORDER BY id',
      ),
      listOpen: db.prepare<ListParams, TicketRow>(
        `SELECT * FROM tickets WHERE ${REPAIR} AND ${UNFINISHED} AND ${FOR_EQUIPMENT} ORDER BY id DESC LIMIT @limit`,
      ),
      listAll: db.prepare<ListParams, TicketRow>(
        `SELECT * FROM tickets WHERE ${REPAIR} AND ${FOR_EQUIPMENT} ORDER BY id DESC LIMIT @limit`,
      ),
      resolvedAuto: db.prepare<[], TicketRow>(
        `SELECT * FROM tickets WHERE ${REPAIR} AND status = 'resolved' AND source = 'auto'`,
      ),
      all: db.prepare<[], TicketRow>(`SELECT * FROM tickets WHERE ${REPAIR} ORDER BY opened_at`),
    };
  }

  get(id: number): TicketView | undefined {
    const row = this.#s.get.get(id);
    return row && this.#toView(row);
  }

  unfinished(equipmentId: string, fault: string): TicketView | undefined {
    const row = this.#s.unfinished.get(equipmentId, fault);
    return row && this.#toView(row);
  }

  lastVerified(equipmentId: string, fault: string): TicketView | undefined {
    const row = this.#s.lastVerified.get(equipmentId, fault);
    return row && this.#toView(row);
  }

  insert(ticket: NewTicket): number {
    const result = this.#s.insert.run({
      ...ticket,
      title: JSON.stringify(ticket.title),
      repeat: ticket.repeat ? 1 : 0,
      snapshot: ticket.snapshot && JSON.stringify(ticket.snapshot),
    });
    return Number(result.lastInsertRowid);
  }

  attachAlarm(ticketId: number, alarmId: number): boolean {
    return this.#s.attach.run(ticketId, alarmId).changes > 0;
  }

  update(id: number, status: TicketStatus, changes: TicketUpdate, at: number): void {
    const columns = Object.keys(changes);
    const sets = ['status = @status', 'updated_at = @at', ...columns.map((c) => `${c} = @${c}`)];
    this.db
      .prepare(`UPDATE tickets SET ${sets.join(', ')} WHERE id = @id`)
      .run({ ...changes, status, at, id });
  }

  logTransition(
    id: number,
    from: TicketStatus | null,
    to: TicketStatus,
    at: number,
    by: string,
    note?: string,
  ): void {
    this.#s.logTransition.run(id, from, to, at, by, note ?? null);
  }

  transitions(id: number): TicketTransitionRecord[] {
    return this.#s.transitions.all(id).map((r) => ({
      from: r.from_status as TicketStatus | null,
      to: r.to_status as TicketStatus,
      at: r.at,
      by: r.by,
      note: r.note,
    }));
  }

  list(status: 'open' | 'all', limit: number, equipmentId?: string): TicketView[] {
    const query = status === 'open' ? this.#s.listOpen : this.#s.listAll;
    return query.all({ limit, equipment: equipmentId ?? null }).map((r) => this.#toView(r));
  }

  resolvedAuto(): TicketView[] {
    return this.#s.resolvedAuto.all().map((r) => this.#toView(r));
  }

  allRows(): TicketRow[] {
    return this.#s.all.all();
  }

  #toView(row: TicketRow): TicketView {
    return {
      id: row.id,
      equipmentId: row.equipment_id,
      source: row.source as TicketSource,
      fault: row.fault,
      category: row.category as ProblemCategory | null,
      title: JSON.parse(row.title) as LocalizedText,
      severity: row.severity as Severity,
      status: row.status as TicketStatus,
      note: row.note,
      openedAt: row.opened_at,
      openedBy: row.opened_by,
      acknowledgedAt: row.acknowledged_at,
      acknowledgedBy: row.acknowledged_by,
      assignedTo: row.assigned_to,
      assignedAt: row.assigned_at,
      startedAt: row.started_at,
      resolvedAt: row.resolved_at,
      resolvedBy: row.resolved_by,
      resolutionCode: row.resolution_code,
      parts: row.parts_json ? (JSON.parse(row.parts_json) as UsedPart[]) : [],
      resolutionNotes: row.resolution_notes,
      verifiedAt: row.verified_at,
      verifiedBy: row.verified_by,
      closedAt: row.closed_at,
      closedBy: row.closed_by,
      reopenCount: row.reopen_count,
      repeat: row.repeat === 1,
      previousTicketId: row.previous_ticket_id,
      alarmIds: this.#s.alarmIds.all(row.id).map((r) => r.alarm_id),
      snapshot: row.snapshot_json ? (JSON.parse(row.snapshot_json) as TelemetrySnapshot) : null,
      resetsMeter: row.resets_meter,
      updatedAt: row.updated_at,
    };
  }
}
