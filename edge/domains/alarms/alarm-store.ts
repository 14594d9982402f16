import type { AlarmState, AlarmView, Escalation } from '../../../shared/api/alarms';
import type { Hazard, Severity } from '../../../shared/config/rules';
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
  condition_since: number | null;
  hazard: string;
  worst_value: string | null;
  acked_value: string | null;
  worsening: number;
  alert_since: number | null;
}

export interface NewAlarm {
  equipmentId: string;
  ruleKey: string;
  ruleKind: string;
  severity: Severity;
  title: LocalizedText;
  hint: LocalizedText | null;
  at: number;
  conditionSince: number;
  hazard: Hazard;
  value: unknown;
  ruleJson: string;
}

/** A re-raise after a clear: a new episode of the same alarm. */
export interface Reraise {
  value: unknown;
  severity: Severity;
  at: number;
  conditionSince: number;
  worstValue: unknown;
  worsening: boolean;
}

/** What the alarm's own row remembers beyond its view, to judge a new value. */
export interface AlarmMemory {
  worstValue: unknown;
  /** The value when it was acknowledged; undefined while not acknowledged. */
  ackedValue: unknown;
}

/** An alarm and its memory, from one read of its row. */
export interface StoredAlarm {
  alarm: AlarmView;
  memory: AlarmMemory;
}

/** An unacknowledged critical alarm and when its current alert began (raise, re-raise or worsening). */
export interface UnackedAlert {
  alarm: AlarmView;
  alertSince: number;
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
    conditionSince: row.condition_since ?? row.raised_at,
    hazard: row.hazard as Hazard,
    raisedValue:
      row.raised_value === null ? null : (JSON.parse(row.raised_value) as AlarmView['raisedValue']),
    lastValue: row.last_value === null ? null : (JSON.parse(row.last_value) as AlarmView['lastValue']),
    worsening: row.worsening === 1,
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
const parsed = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

const viewOf = (row: AlarmRow | undefined): AlarmView | undefined => row && toView(row);

function toMemory(row: AlarmRow): AlarmMemory {
  return {
    worstValue: parsed(row.worst_value ?? row.last_value),
    ackedValue: row.acked_at === null ? undefined : parsed(row.acked_value ?? row.last_value),
  };
}

/**
 * Writes that announce a change return the row as they left it (RETURNING *): the change's
 * outbox event and message carry it, and reading it back cost a query per change.
 */
const RETURNING = 'RETURNING *';

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
      // Asked at every raise, mostly to learn that the last episode ended long ago.
      latest: db.prepare<[string, string], { id: number; cleared_at: number | null }>(
        'SELECT id, cleared_at FROM alarms WHERE equipment_id = ? AND rule_key = ? ORDER BY raised_at DESC, id DESC LIMIT 1',
      ),
      insert: db.prepare<[Record<string, unknown>], AlarmRow>(
        `INSERT INTO alarms (equipment_id, rule_key, rule_kind, severity, title, hint, raised_at, raised_value,
           last_value, last_notified_at, rule_json, updated_at, condition_since, hazard, worst_value, alert_since)
         VALUES (@equipmentId, @ruleKey, @ruleKind, @severity, @title, @hint, @at, @value, @value, @at, @ruleJson, @at,
           @conditionSince, @hazard, @value, @at) ${RETURNING}`,
      ),
      // A new episode: whoever acknowledged the last one has not seen this one.
      reraise: db.prepare<[Record<string, unknown>], AlarmRow>(
        `UPDATE alarms SET cleared_at = NULL, raise_count = raise_count + 1, last_value = @value, severity = @severity,
           acked_at = NULL, acked_by = NULL, acked_value = NULL, condition_since = @conditionSince,
           worst_value = @worstValue, worsening = @worsening, alert_since = @at, escalation = 'none',
           notify_count = notify_count + 1, last_notified_at = @at, updated_at = @at
         WHERE id = @id ${RETURNING}`,
      ),
      clear: db.prepare<[number, string | null, number, number], AlarmRow>(
        `UPDATE alarms SET cleared_at = ?, last_value = ?, updated_at = ? WHERE id = ? ${RETURNING}`,
      ),
      ack: db.prepare<[number, string, number, number], AlarmRow>(
        `UPDATE alarms SET acked_at = ?, acked_by = ?, acked_value = last_value, updated_at = ? WHERE id = ? ${RETURNING}`,
      ),
      // Not an announced change: updated_at stays the time of the last change that was told.
      value: db.prepare('UPDATE alarms SET last_value = ?, worst_value = ?, worsening = ? WHERE id = ?'),
      worsened: db.prepare<[Record<string, unknown>], AlarmRow>(
        `UPDATE alarms SET acked_at = NULL, acked_by = NULL, acked_value = NULL, last_value = @value,
           worst_value = @worstValue, worsening = 1, alert_since = @at, notify_count = notify_count + 1,
           last_notified_at = @at, updated_at = @at
         WHERE id = @id ${RETURNING}`,
      ),
      notified: db.prepare<[number, number, number], AlarmRow>(
        `UPDATE alarms SET notify_count = notify_count + 1, last_notified_at = ?, updated_at = ? WHERE id = ? ${RETURNING}`,
      ),
      escalate: db.prepare<[Escalation, number, number], AlarmRow>(
        `UPDATE alarms SET escalation = ?, updated_at = ? WHERE id = ? ${RETURNING}`,
      ),
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

  /** The alarm's last episode (active or not): its row and when it cleared. */
  latest(equipmentId: string, ruleKey: string): { id: number; clearedAt: number | null } | undefined {
    const row = this.#s.latest.get(equipmentId, ruleKey);
    return row && { id: row.id, clearedAt: row.cleared_at };
  }

  ruleJson(id: number): string | undefined {
    return this.#s.get.get(id)?.rule_json;
  }

  withMemory(id: number): StoredAlarm | undefined {
    const row = this.#s.get.get(id);
    return row && { alarm: toView(row), memory: toMemory(row) };
  }

  activeWithMemory(equipmentId: string, ruleKey: string): StoredAlarm | undefined {
    const row = this.#s.active.get(equipmentId, ruleKey);
    return row && { alarm: toView(row), memory: toMemory(row) };
  }

  insert(alarm: NewAlarm): AlarmView {
    const row = this.#s.insert.get({
      ...alarm,
      title: JSON.stringify(alarm.title),
      hint: json(alarm.hint),
      value: json(alarm.value),
    });
    // An INSERT without a conflict clause either adds its row or throws.
    if (!row) throw new Error(`alarm insert for ${alarm.equipmentId}/${alarm.ruleKey} returned no row`);
    return toView(row);
  }

  reraise(id: number, episode: Reraise): AlarmView | undefined {
    return viewOf(
      this.#s.reraise.get({
        id,
        value: json(episode.value),
        severity: episode.severity,
        at: episode.at,
        conditionSince: episode.conditionSince,
        worstValue: json(episode.worstValue),
        worsening: episode.worsening ? 1 : 0,
      }),
    );
  }

  /** The active alarm's latest value, silently: it is shown on the next announced change. */
  value(id: number, value: unknown, worstValue: unknown, worsening: boolean): void {
    this.#s.value.run(json(value), json(worstValue), worsening ? 1 : 0, id);
  }

  /** Acknowledged, then a step worse: un-acknowledged and alerting again. */
  worsened(id: number, value: unknown, worstValue: unknown, at: number): AlarmView | undefined {
    return viewOf(this.#s.worsened.get({ id, value: json(value), worstValue: json(worstValue), at }));
  }

  clear(id: number, value: unknown, at: number): AlarmView | undefined {
    return viewOf(this.#s.clear.get(at, json(value), at, id));
  }

  ack(id: number, by: string, at: number): AlarmView | undefined {
    return viewOf(this.#s.ack.get(at, by, at, id));
  }

  notified(id: number, at: number): AlarmView | undefined {
    return viewOf(this.#s.notified.get(at, at, id));
  }

  escalate(id: number, to: Escalation, at: number): AlarmView | undefined {
    return viewOf(this.#s.escalate.get(to, at, id));
  }

  unackedCritical(): UnackedAlert[] {
    return this.#s.unackedCritical
      .all()
      .map((row) => ({ alarm: toView(row), alertSince: row.alert_since ?? row.raised_at }));
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
