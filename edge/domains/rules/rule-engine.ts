import type { StoreConfig } from '../../../shared/config/store-config';
import type { ReadingValue } from '../../../shared/device-messages';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { EdgeEvents, EventBus } from '../../runtime/event-bus';
import { AbsentEvaluator } from './absent-evaluator';
import { alarmWording } from './alarm-wording';
import type { RuleSignal } from './evaluator';
import { FaultCodeEvaluator } from './fault-code-evaluator';
import { OfflineEvaluator } from './offline-evaluator';
import { alarmRuleKey, splitAlarmRuleKey } from './resolve-rules';
import { activeKeys, buildRuntimes, type EquipmentRuntime, type RuleRuntime } from './rule-runtime';
import type { RuleTransition, RuleTransitionSink } from './rule-transition';
import { UNKNOWN_FAULT_CODE_RULE_ID } from './unknown-fault-code';

export interface ActiveAlarmKey {
  equipmentId: string;
  ruleKey: string;
  raisedAt: number;
}

export interface RuleEngineDeps {
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  sink: RuleTransitionSink;
  /** Alarms active in the database at start, so their rules can clear them after a restart. */
  activeAlarms?: () => Iterable<ActiveAlarmKey>;
}

/**
 * Evaluates every piece of equipment's rules incrementally as readings, status
 * changes and fault codes arrive on the event bus, plus lazily armed clock timers
 * for held durations and silence. It knows nothing of the broker or HTTP: it only
 * reports raise/clear transitions to its sink.
 */
export class RuleEngine {
  readonly #deps: RuleEngineDeps;
  readonly #log: Logger;
  #config: StoreConfig;
  #equipment = new Map<string, EquipmentRuntime>();
  #unsubscribe: (() => void)[] = [];
  /** Transitions handed to the sink inside the current `together`, in case its commit fails. */
  #delivering: { rt: RuleRuntime; transition: RuleTransition }[] | null = null;
  /** `unknownFaultCodes`: fault events no `fault_code` rule of their equipment handles. */
  readonly stats = { transitions: 0, sinkErrors: 0, handlerErrors: 0, unknownFaultCodes: 0 };

  constructor(deps: RuleEngineDeps, config: StoreConfig) {
    this.#deps = deps;
    this.#config = config;
    this.#log = deps.logger.child({ ns: 'rules' });
  }

  start(): void {
    if (this.#unsubscribe.length) return;
    this.#equipment = buildRuntimes(this.#config, new Map(), this.#deps.clock.now());
    for (const alarm of this.#deps.activeAlarms?.() ?? []) this.#restore(alarm);
    const { bus } = this.#deps;
    this.#unsubscribe = [
      bus.on('readingsCommitted', (batch) =>
        this.#guard('readingsCommitted', () => this.#together(() => this.#onReadings(batch))),
      ),
      bus.on('deviceStatus', (status) => this.#guard('deviceStatus', () => this.#onStatus(status))),
      bus.on('deviceEvent', (event) => this.#guard('deviceEvent', () => this.#onDeviceEvent(event))),
    ];
    for (const eq of this.#equipment.values()) for (const rt of eq.rules.values()) this.#schedule(eq, rt);
    this.#log.info({ equipment: this.#equipment.size }, 'rule engine started');
  }

  stop(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    for (const eq of this.#equipment.values()) for (const rt of eq.rules.values()) this.#cancel(rt);
  }

  /**
   * Applies a new config without a restart. Unchanged rules keep their state; a
   * changed or removed rule clears its active alarm and starts afresh.
   */
  reload(config: StoreConfig): void {
    this.#config = config;
    if (!this.#unsubscribe.length) return;
    const previous = this.#equipment;
    this.#equipment = buildRuntimes(config, previous, this.#deps.clock.now());
    for (const [equipmentId, oldEq] of previous) {
      const kept = this.#equipment.get(equipmentId);
      for (const [ruleId, rt] of oldEq.rules) {
        if (kept?.rules.get(ruleId) === rt) continue;
        this.#cancel(rt);
        for (const key of activeKeys(rt)) {
          this.#emit(oldEq, rt, {
            type: 'clear',
            at: this.#deps.clock.now(),
            value: null,
            cause: 'rule_changed',
            ...key,
          });
        }
      }
    }
    for (const eq of this.#equipment.values()) for (const rt of eq.rules.values()) this.#schedule(eq, rt);
    this.#log.info({ equipment: this.#equipment.size }, 'rules reloaded');
  }

  /** Quiets every rule of one piece of equipment until `untilMs` (null ends it). */
  setTechnicianOnSite(equipmentId: string, untilMs: number | null): boolean {
    const eq = this.#equipment.get(equipmentId);
    if (!eq) return false;
    eq.context.technicianOnSiteUntil = untilMs;
    return true;
  }

  technicianOnSiteUntil(equipmentId: string): number | null {
    const eq = this.#equipment.get(equipmentId);
    return eq?.context.technicianOnSite(this.#deps.clock.now()) ? eq.context.technicianOnSiteUntil : null;
  }

  #restore(alarm: ActiveAlarmKey): void {
    const { ruleId, subKey } = splitAlarmRuleKey(alarm.ruleKey);
    const rt = this.#equipment.get(alarm.equipmentId)?.rules.get(ruleId);
    if (!rt) return;
    if (rt.evaluator instanceof FaultCodeEvaluator) rt.evaluator.restoreActive(subKey, alarm.raisedAt);
    else rt.evaluator.restoreActive();
  }

  #onReadings(batch: EdgeEvents['readingsCommitted']): void {
    const now = this.#deps.clock.now();
    for (const entry of batch) {
      const eq = this.#equipment.get(entry.equipmentId);
      if (!eq) continue;
      // Device clocks may run a little ahead; the edge's clock bounds them so timers stay consistent.
      const ts = Math.min(entry.ts, now);
      eq.context.observe(ts, entry.readings);
      for (const rt of eq.rules.values()) {
        if (rt.evaluator instanceof OfflineEvaluator) this.#apply(eq, rt, rt.evaluator.onReading(now));
        else if (rt.evaluator instanceof AbsentEvaluator && rt.rule.kind === 'absent') {
          const present = rt.rule.metric in entry.readings;
          const suppressed = eq.context.isSuppressed(rt.rule.suppress, ts);
          this.#apply(eq, rt, rt.evaluator.onTelemetry(ts, present, suppressed));
        }
      }
      for (const metric in entry.readings) {
        const value = entry.readings[metric] as ReadingValue;
        const rules = eq.byMetric.get(metric);
        if (!rules) continue;
        for (const rt of rules) {
          const suppressed = eq.context.isSuppressed(rt.rule.suppress, ts);
          this.#apply(eq, rt, rt.evaluator.onReading(ts, value, suppressed));
          this.#reportValue(eq, rt, ts);
        }
      }
    }
  }

  #onStatus(status: EdgeEvents['deviceStatus']): void {
    const eq = this.#equipment.get(status.equipmentId);
    if (!eq) return;
    const now = this.#deps.clock.now();
    for (const rt of eq.rules.values()) {
      if (!(rt.evaluator instanceof OfflineEvaluator)) continue;
      const suppressed = eq.context.isSuppressed(rt.rule.suppress, now);
      this.#apply(eq, rt, rt.evaluator.onStatus(status.online, now, status.cause, suppressed));
    }
  }

  #onDeviceEvent(event: EdgeEvents['deviceEvent']): void {
    const eq = this.#equipment.get(event.equipmentId);
    if (!eq) return;
    const now = this.#deps.clock.now();
    const ts = Math.min(event.ts, now);
    for (const rt of eq.rules.values()) {
      if (!(rt.evaluator instanceof FaultCodeEvaluator)) continue;
      const suppressed = eq.context.isSuppressed(rt.rule.suppress, ts);
      const signals = rt.evaluator.onEvent(event.code, ts, suppressed, event.message);
      if (rt.rule.id === UNKNOWN_FAULT_CODE_RULE_ID) {
        this.stats.unknownFaultCodes++;
        // Logged once per alarm, not per repeat: a device may repeat its code every few seconds.
        if (signals.some((s) => s.type === 'raise'))
          this.#log.warn(
            { equipmentId: eq.equipment.id, code: event.code },
            'fault code from equipment without a fault_code rule',
          );
      }
      this.#apply(eq, rt, signals);
    }
  }

  /**
   * Tells an active alarm its rule's value once it has moved by the rule's resolution,
   * so the alarm can keep its worst value and re-alert when it worsens; a steady or
   * slowly wobbling value costs nothing.
   */
  #reportValue(eq: EquipmentRuntime, rt: RuleRuntime, ts: number): void {
    if (rt.resolution === null || !rt.evaluator.active) return;
    const value = rt.evaluator.measured ?? null;
    if (value === null) return;
    if (rt.reported !== null && Math.abs(value - rt.reported) < rt.resolution) return;
    this.#emit(eq, rt, { type: 'update', at: ts, value });
  }

  /**
   * Runs `fn` inside the sink's `together` when it has one. If that commit fails,
   * every transition handed over in it is kept to be sent again on its rule's next
   * event, as a transition the sink refused on its own would be.
   */
  #together(fn: () => void): void {
    const together = this.#deps.sink.together;
    if (!together || this.#delivering) {
      fn();
      return;
    }
    const delivering: { rt: RuleRuntime; transition: RuleTransition }[] = [];
    this.#delivering = delivering;
    let failed: { err: unknown } | undefined;
    try {
      together(() => {
        // An evaluation error must not roll back what was already delivered: rethrown after the commit.
        try {
          fn();
        } catch (err) {
          failed = { err };
        }
      });
    } catch (err) {
      this.stats.sinkErrors++;
      for (const { rt, transition } of delivering) {
        // A lost value report is not worth a retry: the next reading sends a fresher one.
        if (transition.type !== 'update') rt.unsent.set(transition.ruleKey, transition);
      }
      this.#log.error(
        { err, transitions: delivering.length },
        'alarm batch not stored; will retry on the next events',
      );
    } finally {
      this.#delivering = null;
    }
    if (failed) throw failed.err;
  }

  #apply(eq: EquipmentRuntime, rt: RuleRuntime, signals: RuleSignal | null | (RuleSignal | null)[]): void {
    // Runs for every reading of every rule: no copies unless there is something to resend.
    if (rt.unsent.size > 0) for (const unsent of [...rt.unsent.values()]) this.#deliver(rt, unsent);
    if (Array.isArray(signals)) {
      for (const signal of signals) if (signal) this.#emit(eq, rt, signal);
    } else if (signals) this.#emit(eq, rt, signals);
    this.#schedule(eq, rt);
  }

  /** Lazy timers: one per rule, moved only when the wanted check comes earlier than the armed one. */
  #schedule(eq: EquipmentRuntime, rt: RuleRuntime): void {
    const want = rt.evaluator.nextCheckAt();
    if (want === null) {
      this.#cancel(rt);
      return;
    }
    if (rt.timer && rt.timer.at <= want) return;
    this.#cancel(rt);
    const { clock } = this.#deps;
    const handle = clock.setTimeout(
      () => {
        rt.timer = null;
        this.#guard('timer', () => {
          const now = clock.now();
          const suppressed = eq.context.isSuppressed(rt.rule.suppress, now);
          this.#apply(eq, rt, rt.evaluator.onTimer(now, suppressed));
        });
      },
      Math.max(0, want - clock.now()),
    );
    rt.timer = { at: want, handle };
  }

  #cancel(rt: RuleRuntime): void {
    if (rt.timer) this.#deps.clock.clearTimeout(rt.timer.handle);
    rt.timer = null;
  }

  #emit(eq: EquipmentRuntime, rt: RuleRuntime, signal: RuleSignal | UpdateSignal): void {
    const { rule } = rt;
    const faultCodes = this.#config.equipmentTypes[eq.equipment.type]?.faultCodes;
    const raised = signal.type === 'update' ? undefined : signal;
    const transition: RuleTransition = {
      type: signal.type,
      equipmentId: eq.equipment.id,
      ruleKey: alarmRuleKey(rule.id, raised?.subKey),
      rule,
      at: signal.at,
      ...alarmWording(rule, faultCodes, raised?.subKey, raised?.message),
      value: signal.value,
      cause: raised?.cause,
      conditionSince: raised && (raised.since ?? raised.at),
    };
    if (signal.type === 'clear') rt.reported = null;
    else if (typeof signal.value === 'number') rt.reported = signal.value;
    this.stats.transitions++;
    const pending = rt.unsent.get(transition.ruleKey);
    if (transition.type === 'update') {
      // A raise still waiting to be stored carries its own value; an update cannot go before it.
      if (!pending) this.#deliver(rt, transition);
      return;
    }
    if (pending) {
      // The database never saw the pending one; a raise and its clear cancel out.
      rt.unsent.delete(transition.ruleKey);
      if (pending.type !== transition.type) return;
    }
    this.#deliver(rt, transition);
  }

  #deliver(rt: RuleRuntime, transition: RuleTransition): void {
    try {
      this.#deps.sink(transition);
      if (transition.type !== 'update') rt.unsent.delete(transition.ruleKey);
      this.#delivering?.push({ rt, transition });
    } catch (err) {
      this.stats.sinkErrors++;
      if (transition.type !== 'update') rt.unsent.set(transition.ruleKey, transition);
      this.#log.error(
        { err, equipmentId: transition.equipmentId, rule: transition.ruleKey, type: transition.type },
        'alarm sink failed; will retry on the next event',
      );
    }
  }

  #guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.stats.handlerErrors++;
      this.#log.error({ err, what }, 'rule evaluation failed');
    }
  }
}

/** A value report for an active alarm, made by the engine rather than an evaluator. */
interface UpdateSignal {
  type: 'update';
  at: number;
  value: number;
}
