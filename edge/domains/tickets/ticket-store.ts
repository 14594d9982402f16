import type {
  ProblemCategory,
  TelemetrySnapshot,
  TicketSource,
  TicketStatus,
  TicketTransitionRecord,
  TicketView,
  UsedPart,
} from '../../../shared/api/tickets';
import { ticketKindOf } from '../../../shared/api/tickets';
import type { Severity } from '../../../shared/config/rules';
import type { LocalizedText } from '../../../shared/localized-text';
import type { Database } from '../../store/database';
import type { IncidentAlarm } from './incident-match';

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
  out_of_service: number;
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
/**
 * The alarms held by a machine's unfinished automatic tickets, asked when one of its
 * alarms would open a ticket or clears: from the same partial index, since the status
 * test reads exactly as the index's. The metric is the one the alarm's rule measured
 * when it was raised (`metric` of threshold, rate, stuck and duty-cycle rules).
 */
export const INCIDENT_ALARMS_SQL = `SELECT t.id AS ticketId, t.status AS ticketStatus, a.id AS alarmId,
    json_extract(a.rule_json, '$.metric') AS metric, a.cleared_at AS clearedAt
  FROM tickets t JOIN ticket_alarms ta ON ta.ticket_id = t.id JOIN alarms a ON a.id = ta.alarm_id
  WHERE t.equipment_id = ? AND ${UNFINISHED} AND t.source = 'auto' AND t.${REPAIR}`;
/** The equipment filter is applied before the limit, so a busy store cannot push one machine's tickets out. */
const FOR_EQUIPMENT = '(@equipment IS NULL OR equipment_id = @equipment)';
type ListParams = [{ limit: number; equipment: string | null }];

const INSERT_TICKET_SQL = `INSERT INTO tickets (equipment_id, fault, source, category, title, severity, status,
    note, opened_at, opened_by, repeat, previous_ticket_id, snapshot_json, updated_at)
  VALUES (@equipmentId, @fault, @source, @category, @title, @severity, 'open', @note, @at, @by, @repeat,
    @previousTicketId, @snapshot, @at)`;

function insertParams(ticket: NewTicket): Record<string, unknown> {
  return {
    ...ticket,
    title: JSON.stringify(ticket.title),
    repeat: ticket.repeat ? 1 : 0,
    snapshot: ticket.snapshot && JSON.stringify(ticket.snapshot),
  };
}

/** SQL for tickets, their alarms and their transitions; policy lives in the service. */
export class TicketStore {
  readonly #s;

  constructor(readonly db: Database) {
    this.#s = {
      get: db.prepare<[number], TicketRow>('SELECT * FROM tickets WHERE id = ?'),
      outOfService: db.prepare<[number]>('UPDATE tickets SET out_of_service = 1 WHERE id = ?'),
      unfinished: db.prepare<[string, string], TicketRow>(UNFINISHED_FOR_FAULT_SQL),
      incidentAlarms: db.prepare<[string], IncidentAlarm>(INCIDENT_ALARMS_SQL),
      setSeverity: db.prepare<[Severity, number, number]>(
        'UPDATE tickets SET severity = ?, updated_at = ? WHERE id = ?',
      ),
      // A ticket repaired every fault of its incident, not only the one that opened it.
      lastVerified: db.prepare<[{ equipment: string; fault: string }], TicketRow>(
        `SELECT * FROM tickets t WHERE equipment_id = @equipment AND verified_at IS NOT NULL
           AND (fault = @fault OR EXISTS (SELECT 1 FROM ticket_alarms ta JOIN alarms a ON a.id = ta.alarm_id
             WHERE ta.ticket_id = t.id AND a.rule_key = @fault))
         ORDER BY verified_at DESC LIMIT 1`,
      ),
      insert: db.prepare(INSERT_TICKET_SQL),
      // The ticket as it was stored: a ticket opened is announced and sent whole at once.
      insertReturning: db.prepare<[Record<string, unknown>], TicketRow>(`${INSERT_TICKET_SQL} RETURNING *`),
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

  /** What the incident match needs: see INCIDENT_ALARMS_SQL. */
  incidentAlarms(equipmentId: string): IncidentAlarm[] {
    return this.#s.incidentAlarms.all(equipmentId);
  }

  setSeverity(id: number, severity: Severity, at: number): void {
    this.#s.setSeverity.run(severity, at, id);
  }

  /** The last verified repair of this fault: its own ticket's, or an incident's that took it on. */
  lastVerified(equipmentId: string, fault: string): TicketView | undefined {
    const row = this.#s.lastVerified.get({ equipment: equipmentId, fault });
    return row && this.#toView(row);
  }

  insert(ticket: NewTicket): number {
    return Number(this.#s.insert.run(insertParams(ticket)).lastInsertRowid);
  }

  /** Inserts the ticket and returns its row; `view` makes it a view once its alarms are attached. */
  insertRow(ticket: NewTicket): TicketRow {
    const row = this.#s.insertReturning.get(insertParams(ticket));
    // An INSERT without a conflict clause either adds its row or throws.
    if (!row) throw new Error(`ticket insert for ${ticket.equipmentId}/${ticket.fault} returned no row`);
    return row;
  }

  /** The view of a row read or written in this transaction (its alarms are read now). */
  view(row: TicketRow): TicketView {
    return this.#toView(row);
  }

  /** The unit cannot be used until the ticket is verified: its menu items may go off. */
  markOutOfService(ticketId: number): void {
    this.#s.outOfService.run(ticketId);
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
      kind: ticketKindOf(row.source as TicketSource, row.fault),
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
      outOfService: row.out_of_service === 1,
    };
  }
}
