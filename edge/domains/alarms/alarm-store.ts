import type { AlarmState, AlarmView, Escalation } from '../../../shared/api/alarms';
import type { Severity } from '../../../shared/config/rules';
import type { LocalizedText } from '../../../shared/localized-text';
import type { Database } from '../../store/database';

interface AlarmRow {
  id: number;
  equipment_id: string;
  rule_key: string;
  rule_kind: string;
  severity: string;
  title: string;
  hint: string | null;
  raised_at: number;
  raised_value: string | null;
  last_value: string | null;
  cleared_at: number | null;
  acked_at: number | null;
  acked_by: string | null;
  raise_count: number;
  notify_count: number;
  last_notified_at: number;
  escalation: string;
  rule_json: string;
  updated_at: number;
}

export interface NewAlarm {
  equipmentId: string;
  ruleKey: string;
  ruleKind: string;
  severity: Severity;
  title: LocalizedText;
  hint: LocalizedText | null;
  at: number;
  value: unknown;
  ruleJson: string;
}

export function alarmState(row: { cleared_at: number | null; acked_at: number | null }): AlarmState {
  if (row.cleared_at === null) return row.acked_at === null ? 'active_unacked' : 'active_acked';
  return row.acked_at === null ? 'cleared_unacked' : 'cleared_acked';
}

function toView(row: AlarmRow): AlarmView {
  return {
    id: row.id,
    equipmentId: row.equipment_id,
    rule: row.rule_key,
    ruleKind: row.rule_kind,
    severity: row.severity as Severity,
    state: alarmState(row),
    title: JSON.parse(row.title) as LocalizedText,
    hint: row.hint === null ? null : (JSON.parse(row.hint) as LocalizedText),
    raisedAt: row.raised_at,
    raisedValue:
      row.raised_value === null ? null : (JSON.parse(row.raised_value) as AlarmView['raisedValue']),
    lastValue: row.last_value === null ? null : (JSON.parse(row.last_value) as AlarmView['lastValue']),
    clearedAt: row.cleared_at,
    ackedAt: row.acked_at,
    ackedBy: row.acked_by,
    raiseCount: row.raise_count,
    notifyCount: row.notify_count,
    lastNotifiedAt: row.last_notified_at,
    escalation: row.escalation as Escalation,
    updatedAt: row.updated_at,
  };
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** SQL for the alarms table; no policy, no transactions (the service owns both). */
/** The equipment filter is applied before the limit, so a busy store cannot push one machine's alarms out. */
const FOR_EQUIPMENT = '(@equipment IS NULL OR equipment_id = @equipment)';
type ListParams = [{ limit: number; equipment: string | null }];

/** Asked at every alarm change; answered from the partial index alarms_open_by_equipment (migration 011). */
export const OPEN_FOR_EQUIPMENT_SQL = `SELECT * FROM alarms WHERE equipment_id = ? AND (cleared_at IS NULL OR acked_at IS NULL)
  ORDER BY raised_at DESC, id DESC`;

export class AlarmStore {
  readonly #s;

  constructor(readonly db: Database) {
    this.#s = {
      get: db.prepare<[number], AlarmRow>('SELECT * FROM alarms WHERE id = ?'),
      active: db.prepare<[string, string], AlarmRow>(
        'SELECT * FROM alarms WHERE equipment_id = ? AND rule_key = ? AND cleared_at IS NULL',
      ),
      latest: db.prepare<[string, string], AlarmRow>(
        'SELECT * FROM alarms WHERE equipment_id = ? AND rule_key = ? ORDER BY raised_at DESC, id DESC LIMIT 1',
      ),
      insert: db.prepare(
        `INSERT INTO alarms (equipment_id, rule_key, rule_kind, severity, title, hint, raised_at, raised_value,
           last_value, last_notified_at, rule_json, updated_at)
         VALUES (@equipmentId, @ruleKey, @ruleKind, @severity, @title, @hint, @at, @value, @value, @at, @ruleJson, @at)`,
      ),
      reraise: db.prepare(
        `UPDATE alarms SET cleared_at = NULL, raise_count = raise_count + 1, last_value = ?, severity = ?,
           updated_at = ? WHERE id = ?`,
      ),
      clear: db.prepare('UPDATE alarms SET cleared_at = ?, last_value = ?, updated_at = ? WHERE id = ?'),
      ack: db.prepare('UPDATE alarms SET acked_at = ?, acked_by = ?, updated_at = ? WHERE id = ?'),
      notified: db.prepare(
        'UPDATE alarms SET notify_count = notify_count + 1, last_notified_at = ?, updated_at = ? WHERE id = ?',
      ),
      escalate: db.prepare('UPDATE alarms SET escalation = ?, updated_at = ? WHERE id = ?'),
      unackedCritical: db.prepare<[], AlarmRow>(
        `SELECT * FROM alarms WHERE cleared_at IS NULL AND acked_at IS NULL AND severity = 'critical'`,
      ),
      allActive: db.prepare<[], AlarmRow>('SELECT * FROM alarms WHERE cleared_at IS NULL'),
      openForEquipment: db.prepare<[string], AlarmRow>(OPEN_FOR_EQUIPMENT_SQL),
      listActive: db.prepare<ListParams, AlarmRow>(
        `SELECT * FROM alarms WHERE cleared_at IS NULL AND ${FOR_EQUIPMENT}
         ORDER BY raised_at DESC, id DESC LIMIT @limit`,
      ),
      listOpen: db.prepare<ListParams, AlarmRow>(
        `SELECT * FROM alarms WHERE (cleared_at IS NULL OR acked_at IS NULL) AND ${FOR_EQUIPMENT}
         ORDER BY raised_at DESC, id DESC LIMIT @limit`,
      ),
      listAll: db.prepare<ListParams, AlarmRow>(
        `SELECT * FROM alarms WHERE ${FOR_EQUIPMENT} ORDER BY raised_at DESC, id DESC LIMIT @limit`,
      ),
    };
  }

  get(id: number): AlarmView | undefined {
    const row = this.#s.get.get(id);
    return row && toView(row);
  }

  active(equipmentId: string, ruleKey: string): AlarmView | undefined {
    const row = this.#s.active.get(equipmentId, ruleKey);
    return row && toView(row);
  }

  latest(equipmentId: string, ruleKey: string): AlarmView | undefined {
    const row = this.#s.latest.get(equipmentId, ruleKey);
    return row && toView(row);
  }

  ruleJson(id: number): string | undefined {
    return this.#s.get.get(id)?.rule_json;
  }

  insert(alarm: NewAlarm): number {
    const result = this.#s.insert.run({
      ...alarm,
      title: JSON.stringify(alarm.title),
      hint: json(alarm.hint),
      value: json(alarm.value),
    });
    return Number(result.lastInsertRowid);
  }

  reraise(id: number, value: unknown, severity: Severity, at: number): void {
    this.#s.reraise.run(json(value), severity, at, id);
  }

  clear(id: number, value: unknown, at: number): void {
    this.#s.clear.run(at, json(value), at, id);
  }

  ack(id: number, by: string, at: number): void {
    this.#s.ack.run(at, by, at, id);
  }

  notified(id: number, at: number): void {
    this.#s.notified.run(at, at, id);
  }

  escalate(id: number, to: Escalation, at: number): void {
    this.#s.escalate.run(to, at, id);
  }

  unackedCritical(): AlarmView[] {
    return this.#s.unackedCritical.all().map(toView);
  }

  allActive(): AlarmView[] {
    return this.#s.allActive.all().map(toView);
  }

  /** What the kitchen still has to see: active, or cleared but not yet acknowledged. */
  openForEquipment(equipmentId: string): AlarmView[] {
    return this.#s.openForEquipment.all(equipmentId).map(toView);
  }

  /** `open`: active, or cleared but not yet acknowledged. */
  list(state: 'active' | 'open' | 'all', limit: number, equipmentId?: string): AlarmView[] {
    const query = { active: this.#s.listActive, open: this.#s.listOpen, all: this.#s.listAll }[state];
    return query.all({ limit, equipment: equipmentId ?? null }).map(toView);
  }
}
