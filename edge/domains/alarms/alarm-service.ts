import type {
  AlarmChangeType,
  AlarmsQuery,
  AlarmView,
  EquipmentAlarmsMessage,
} from '../../../shared/api/alarms';
import type { AlarmSettings } from '../../../shared/config/rules';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { topics } from '../../../shared/topics';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { withSavepointJournalInMemory } from '../../store/savepoint-journal';
import { OutboxWriter } from '../../sync/outbox-writer';
import type { ActiveAlarmKey } from '../rules/rule-engine';
import type { RuleTransition, RuleTransitionSink } from '../rules/rule-transition';
import { isWorse, worsenedByStep } from '../rules/worsening';
import { AlarmStore } from './alarm-store';

export type PublishFn = (topic: string, payload: string, options: { retain: boolean }) => void;

export class AlarmError extends Error {
  constructor(
    readonly code: 'ALARM_NOT_FOUND' | 'ALARM_ALREADY_ACKNOWLEDGED',
    message: string,
  ) {
    super(message);
    this.name = 'AlarmError';
  }
}

export interface AlarmChange {
  type: AlarmChangeType;
  alarm: AlarmView;
  /** The rule transition behind a raise, clear or worsening. */
  transition?: RuleTransition;
}

export interface AlarmServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  settings: AlarmSettings;
  /** The broker's publish; absent in a process without one. */
  publish?: PublishFn;
  /** How often unacknowledged critical alarms are checked for repeat and escalation. */
  sweepIntervalMs?: number;
}

/**
 * Turns rule transitions into persistent alarms with their four states, flapping
 * protection, repeat notification and escalation. Every change and its outbox event
 * commit in one transaction; only then is it published and told to listeners.
 *
 * An acknowledgement covers what the person saw: a re-raise after a clear is a new
 * episode, and an acknowledged alarm whose value goes a re-alert step further past the
 * limit (rules/worsening.ts) is `worsened`; both are unacknowledged again and alert.
 */
export class AlarmService {
  readonly #deps: AlarmServiceDeps;
  readonly #log: Logger;
  readonly #store: AlarmStore;
  readonly #outbox: OutboxWriter;
  readonly #atomic: Atomic;
  readonly #listeners = new Set<(change: AlarmChange) => void>();
  readonly #committing = new Set<(change: AlarmChange) => void>();
  /** Changes made inside `together`, announced once its transaction has committed. */
  #deferred: AlarmChange[] | null = null;
  #sweepTimer: TimerHandle | null = null;
  readonly stats = { publishErrors: 0, listenerErrors: 0, changes: 0 };

  constructor(deps: AlarmServiceDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'alarms' });
    this.#store = new AlarmStore(deps.db);
    this.#outbox = new OutboxWriter(deps.db, deps.storeId);
    this.#atomic = atomic(deps.db);
  }

  start(): void {
    if (this.#sweepTimer) return;
    const every = this.#deps.sweepIntervalMs ?? 15_000;
    this.#sweepTimer = this.#deps.clock.setInterval(() => this.#sweep(), every);
  }

  stop(): void {
    if (this.#sweepTimer) this.#deps.clock.clearInterval(this.#sweepTimer);
    this.#sweepTimer = null;
  }

  /** Listeners hear each committed change (the ticket service is one). */
  onChange(listener: (change: AlarmChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Handlers whose writes must commit with a raise or clear (the ticket an alarm
   * opens): they run inside its transaction, so both cost one commit and neither is
   * stored without the other. Each runs in its own savepoint: a failing handler
   * loses its own writes, never the alarm.
   */
  onChangeCommitting(handler: (change: AlarmChange) => void): () => void {
    this.#committing.add(handler);
    return () => this.#committing.delete(handler);
  }

  /**
   * The rule engine's sink. Throws if the database refuses; the engine counts and logs
   * that. Inside `together` the changes share one transaction and are announced only
   * once it has committed.
   */
  readonly handleTransition: RuleTransitionSink = Object.assign(
    (t: RuleTransition): void => {
      const change = this.#transaction(() => {
        const made =
          t.type === 'raise' ? this.#raise(t) : t.type === 'clear' ? this.#clear(t) : this.#update(t);
        if (made) this.#runCommitting(made);
        return made;
      });
      if (!change) return;
      if (this.#deferred) this.#deferred.push(change);
      else this.#announce(change);
    },
    { together: (deliver: () => void) => this.#together(deliver) },
  );

  /**
   * The transaction of a rule change (or a burst of them): each change and each committing
   * handler in it runs in a savepoint of its own, whose journal stays in memory.
   */
  #transaction<T>(work: () => T): T {
    return withSavepointJournalInMemory(this.#deps.db, () => this.#atomic(work));
  }

  #together(deliver: () => void): void {
    if (this.#deferred) {
      deliver();
      return;
    }
    const deferred: AlarmChange[] = [];
    this.#deferred = deferred;
    try {
      this.#transaction(deliver);
    } finally {
      this.#deferred = null;
    }
    // Everything in `deferred` committed at once: the process hears of all of it before
    // the first MQTT message is built, so the last change of a burst is not held back by
    // the publishes for the ones before it. The display gets every message in this turn.
    for (const change of deferred) this.#tellListeners(change);
    for (const change of deferred) this.#publish(change);
  }

  acknowledge(alarmId: number, by: string): AlarmView {
    const now = this.#deps.clock.now();
    const change = this.#deps.db.transaction((): AlarmChange => {
      const alarm = this.#store.get(alarmId);
      if (!alarm) throw new AlarmError('ALARM_NOT_FOUND', `no alarm ${alarmId}`);
      if (alarm.ackedAt !== null) {
        throw new AlarmError(
          'ALARM_ALREADY_ACKNOWLEDGED',
          `alarm ${alarmId} was acknowledged by ${alarm.ackedBy} at ${new Date(alarm.ackedAt).toISOString()}`,
        );
      }
      return this.#record('acked', this.#store.ack(alarmId, by, now), alarmId, now);
    })();
    this.#announce(change);
    return change.alarm;
  }

  get(alarmId: number): AlarmView | undefined {
    return this.#store.get(alarmId);
  }

  list(query: AlarmsQuery): AlarmView[] {
    return this.#store.list(query.state, query.limit, query.equipmentId);
  }

  active(): AlarmView[] {
    return this.#store.allActive();
  }

  /** For the rule engine's restart: which alarms its rules must be able to clear. */
  activeKeys(): ActiveAlarmKey[] {
    return this.#store
      .allActive()
      .map((a) => ({ equipmentId: a.equipmentId, ruleKey: a.rule, raisedAt: a.raisedAt }));
  }

  /** The rule definition an alarm was raised under (thresholds for ticket snapshots). */
  ruleJson(alarmId: number): string | undefined {
    return this.#store.ruleJson(alarmId);
  }

  #raise(t: RuleTransition): AlarmChange | null {
    const active = this.#store.active(t.equipmentId, t.ruleKey);
    if (active) return null;
    const latest = this.#store.latest(t.equipmentId, t.ruleKey);
    const flapMs = this.#deps.settings.flapWindowS * 1000;
    const previous =
      latest?.clearedAt != null && t.at - latest.clearedAt <= flapMs
        ? this.#store.withMemory(latest.id)
        : undefined;
    if (previous) {
      // Back within the flap window: the same alarm row, but a new episode that alerts again.
      const { id } = previous.alarm;
      const worst = previous.memory.worstValue ?? null;
      const reraised = this.#store.reraise(id, {
        value: t.value,
        severity: t.severity,
        at: t.at,
        conditionSince: t.conditionSince ?? t.at,
        worstValue: isWorse(t.rule, t.value, worst) ? t.value : worst,
        worsening: isWorse(t.rule, t.value, previous.alarm.raisedValue),
      });
      return { ...this.#record('reraised', reraised, id, t.at), transition: t };
    }
    const alarm = this.#store.insert({
      equipmentId: t.equipmentId,
      ruleKey: t.ruleKey,
      ruleKind: t.rule.kind,
      severity: t.severity,
      title: t.title,
      hint: t.hint ?? null,
      at: t.at,
      conditionSince: t.conditionSince ?? t.at,
      hazard: t.rule.hazard ?? 'equipment',
      value: t.value,
      ruleJson: JSON.stringify(t.rule),
    });
    return { ...this.#record('raised', alarm, alarm.id, t.at), transition: t };
  }

  #clear(t: RuleTransition): AlarmChange | null {
    const active = this.#store.active(t.equipmentId, t.ruleKey);
    if (!active) return null;
    const cleared = this.#store.clear(active.id, t.value, t.at);
    return { ...this.#record('cleared', cleared, active.id, t.at), transition: t };
  }

  /**
   * A new value for an active alarm: kept as its latest and, if so, its worst; an
   * acknowledged alarm a re-alert step past its value at acknowledgement is `worsened`.
   */
  #update(t: RuleTransition): AlarmChange | null {
    const found = this.#store.activeWithMemory(t.equipmentId, t.ruleKey);
    if (!found) return null;
    const { alarm: active, memory } = found;
    const worst = isWorse(t.rule, t.value, memory.worstValue) ? t.value : memory.worstValue;
    const acked = memory.ackedValue !== undefined;
    if (acked && worsenedByStep(t.rule, t.value, memory.ackedValue, active.raisedValue)) {
      const worsened = this.#store.worsened(active.id, t.value, worst, t.at);
      return { ...this.#record('worsened', worsened, active.id, t.at), transition: t };
    }
    this.#store.value(active.id, t.value, worst, isWorse(t.rule, t.value, active.raisedValue));
    return null;
  }

  /**
   * Appends the change's outbox event; call inside its transaction with the alarm as the
   * write that made the change returned it (undefined: its row was gone).
   */
  #record(type: AlarmChangeType, alarm: AlarmView | undefined, alarmId: number, at: number): AlarmChange {
    if (!alarm) throw new AlarmError('ALARM_NOT_FOUND', `alarm ${alarmId} vanished`);
    this.#outbox.append({ type: `alarm.${type}`, entityId: alarmId, ts: at, payload: alarm });
    return { type, alarm };
  }

  #sweep(): void {
    const now = this.#deps.clock.now();
    const { repeatIntervalS, escalateToManagerAfterS, escalateToCentralAfterS } = this.#deps.settings;
    try {
      const changes = this.#deps.db.transaction(() => {
        const out: AlarmChange[] = [];
        for (const { alarm, alertSince } of this.#store.unackedCritical()) {
          // From the start of this alert: a re-raised or worsened alarm climbs the ladder afresh.
          const age = now - alertSince;
          const next =
            age >= escalateToCentralAfterS * 1000
              ? 'central'
              : age >= escalateToManagerAfterS * 1000
                ? 'manager'
                : 'none';
          if (next !== alarm.escalation && next !== 'none') {
            out.push(this.#record('escalated', this.#store.escalate(alarm.id, next, now), alarm.id, now));
          }
          if (now - alarm.lastNotifiedAt >= repeatIntervalS * 1000) {
            out.push(this.#record('notified', this.#store.notified(alarm.id, now), alarm.id, now));
          }
        }
        return out;
      })();
      for (const change of changes) this.#announce(change);
    } catch (err) {
      this.#log.error({ err }, 'alarm repeat/escalation sweep failed');
    }
  }

  #runCommitting(change: AlarmChange): void {
    for (const handler of this.#committing) {
      try {
        this.#atomic(() => handler(change));
      } catch (err) {
        this.stats.listenerErrors++;
        this.#log.error(
          { err, alarmId: change.alarm.id, change: change.type },
          'alarm handler failed; the alarm is stored without its effect',
        );
      }
    }
  }

  #announce(change: AlarmChange): void {
    this.#publish(change);
    this.#tellListeners(change);
  }

  #tellListeners(change: AlarmChange): void {
    this.stats.changes++;
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (err) {
        this.stats.listenerErrors++;
        this.#log.error({ err, alarmId: change.alarm.id, change: change.type }, 'alarm listener failed');
      }
    }
  }

  #publish(change: AlarmChange): void {
    const { publish, storeId } = this.#deps;
    if (!publish) return;
    const { equipmentId } = change.alarm;
    const message: EquipmentAlarmsMessage = {
      equipmentId,
      change: { type: change.type, alarmId: change.alarm.id, at: change.alarm.updatedAt },
      alarms: this.#store.openForEquipment(equipmentId),
    };
    try {
      publish(topics.edge(storeId, 'alarms', equipmentId), JSON.stringify(message), { retain: true });
    } catch (err) {
      this.stats.publishErrors++;
      this.#log.error({ err, equipmentId, alarmId: change.alarm.id }, 'publishing alarm failed');
    }
  }
}
