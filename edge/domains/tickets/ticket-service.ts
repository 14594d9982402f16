import type { AlarmView } from '../../../shared/api/alarms';
import type {
  ManualTicketRequest,
  ProblemCategory,
  TicketMetrics,
  TicketMetricsQuery,
  TicketsQuery,
  TicketTransitionRecord,
  TicketTransitionRequest,
  TicketView,
} from '../../../shared/api/tickets';
import {
  effectiveTicketPolicy,
  Rule,
  ruleMetrics,
  type Severity,
  type TicketPolicy,
} from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { LocalizedText } from '../../../shared/localized-text';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';
import type { AlarmChange, AlarmService } from '../alarms/alarm-service';
import { RepairSpendReader } from '../predictive/prescriptive-inputs-repairs';
import { incidentTicketOf } from './incident-match';
import { KeyedTimers } from './keyed-timers';
import { TelemetrySnapshotReader } from './telemetry-snapshot';
import { TicketAnnouncements, type TicketPublishFn } from './ticket-announcements';
import { escalateToAlarm } from './ticket-escalation';
import { SYSTEM_ACTOR, type TicketActor, TicketError } from './ticket-lifecycle';
import { computeTicketMetrics } from './ticket-metrics';
import { type TicketRow, TicketStore } from './ticket-store';
import { applyTransition } from './ticket-transition';

const DAY_MS = 86_400_000;

/** What the box's own analysis puts on a ticket it opens (see openFromAnalysis). */
export interface AnalysisTicketRequest {
  equipmentId: string;
  fault: string;
  category?: ProblemCategory;
  title: LocalizedText;
  severity: Severity;
  note: string;
}

/** A lifecycle step about to commit: listeners write in its transaction (parts used → stock). */
export interface TicketTransitionCommitting {
  ticket: TicketView;
  request: TicketTransitionRequest;
  actor: TicketActor;
  at: number;
}

export interface TicketServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  alarms: AlarmService;
  config: StoreConfig;
  /** The broker's publish, for announcing committed changes; absent in a process without one. */
  publish?: TicketPublishFn;
}

/**
 * Repair tickets (报修): opened from alarms by each rule's policy or reported by
 * people, one unfinished ticket per (equipment, fault) and one per incident (an alarm
 * on a metric an unfinished ticket is already about joins it, raising its severity if
 * worse: incident-match.ts, ticket-escalation.ts), marked as a repeat repair
 * when a fault returns soon after a verified fix, verified automatically once
 * telemetry stays normal after "resolved", reopened if the fault comes back first.
 * Every committed change is announced over MQTT (ticket-announcements.ts).
 */
export class TicketService {
  readonly #deps: TicketServiceDeps;
  readonly #log: Logger;
  readonly #store: TicketStore;
  readonly #outbox: OutboxWriter;
  readonly #atomic: Atomic;
  /** Alarm changes whose committing handler opened a new ticket (it rolled back otherwise). */
  readonly #openedWith = new WeakSet<AlarmChange>();
  readonly #snapshots: TelemetrySnapshotReader;
  readonly #announcements: TicketAnnouncements;
  #config: StoreConfig;
  #spendReader: RepairSpendReader | undefined;
  readonly #delayTimers: KeyedTimers;
  readonly #verifyTimers: KeyedTimers;
  #unsubscribe: (() => void)[] = [];
  readonly #transitionListeners = new Set<(step: TicketTransitionCommitting) => void>();
  readonly stats = { opened: 0, attached: 0, escalated: 0, reopened: 0, autoVerified: 0, errors: 0 };

  constructor(deps: TicketServiceDeps) {
    this.#deps = deps;
    this.#config = deps.config;
    this.#log = deps.logger.child({ ns: 'tickets' });
    this.#store = new TicketStore(deps.db);
    this.#outbox = new OutboxWriter(deps.db, deps.storeId);
    this.#atomic = atomic(deps.db);
    this.#snapshots = new TelemetrySnapshotReader(deps.db);
    this.#announcements = new TicketAnnouncements({
      storeId: deps.storeId,
      logger: this.#log,
      publish: deps.publish,
    });
    this.#delayTimers = new KeyedTimers(deps.clock);
    this.#verifyTimers = new KeyedTimers(deps.clock);
  }

  start(): void {
    if (this.#unsubscribe.length) return;
    const { alarms } = this.#deps;
    this.#unsubscribe = [
      alarms.onChangeCommitting((change) => this.#onAlarmCommitting(change)),
      alarms.onChange((change) => this.#onAlarmCommitted(change)),
    ];
    this.#resumeAfterRestart();
  }

  stop(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#delayTimers.clear();
    this.#verifyTimers.clear();
  }

  reload(config: StoreConfig): void {
    this.#config = config;
    this.#spendReader = undefined;
  }

  /** Prices follow the config's supplier lists: built on first use after each (re)load. */
  #spend(): RepairSpendReader {
    this.#spendReader ??= new RepairSpendReader(this.#deps.db, this.#config.purchasing);
    return this.#spendReader;
  }

  /** Changes announced over MQTT, and publishes that failed (the change is stored either way). */
  get announcementStats(): Readonly<TicketAnnouncements['stats']> {
    return this.#announcements.stats;
  }

  get(id: number): TicketView | undefined {
    return this.#store.get(id);
  }

  history(id: number): TicketTransitionRecord[] {
    return this.#store.transitions(id);
  }

  list(query: TicketsQuery): TicketView[] {
    return this.#store.list(query.status, query.limit, query.equipmentId);
  }

  metrics(query: TicketMetricsQuery): TicketMetrics {
    const equipment = this.#config.equipment.filter(
      (e) => (!query.equipmentId || e.id === query.equipmentId) && (!query.type || e.type === query.type),
    );
    const ids = new Set(equipment.map((e) => e.id));
    return computeTicketMetrics(
      this.#store.allRows().filter((r) => ids.has(r.equipment_id)),
      this.#deps.clock.now(),
    );
  }

  /** A note in the ticket's history without a step (a comment from the region, a technician's remark). */
  note(id: number, note: string, actor: TicketActor): TicketView {
    const now = this.#deps.clock.now();
    return this.#announcements.afterCommit(() =>
      this.#atomic(() => {
        const ticket = this.#store.get(id);
        if (!ticket) throw new TicketError('TICKET_NOT_FOUND', `no ticket ${id}`);
        this.#store.logTransition(id, ticket.status, ticket.status, now, actor.id, note);
        this.#outbox.append({ type: 'ticket.note', entityId: id, ts: now, payload: { note, by: actor.id } });
        this.#announcements.record(ticket, now);
        return ticket;
      }),
    );
  }

  /** A repair request from a person; the same problem already open gets the note instead of a twin. */
  report(request: ManualTicketRequest, actor: TicketActor): { ticket: TicketView; created: boolean } {
    if (!this.#config.equipment.some((e) => e.id === request.equipmentId)) {
      throw new TicketError(
        'TICKET_UNKNOWN_EQUIPMENT',
        `no equipment "${request.equipmentId}" in this store`,
      );
    }
    const now = this.#deps.clock.now();
    const fault = request.fault.trim();
    return this.#announcements.afterCommit(() =>
      this.#atomic(() => {
        const existing = this.#store.unfinished(request.equipmentId, fault);
        if (existing) {
          const note = `also reported by ${actor.id}${request.note ? `: ${request.note}` : ''}`;
          this.#store.logTransition(existing.id, existing.status, existing.status, now, actor.id, note);
          this.#outbox.append({
            type: 'ticket.note',
            entityId: existing.id,
            ts: now,
            payload: { note, by: actor.id },
          });
          if (request.outOfService === true && existing.outOfService !== true)
            this.#store.markOutOfService(existing.id);
          const ticket = request.outOfService === true ? { ...existing, outOfService: true } : existing;
          this.#announcements.record(ticket, now);
          return { ticket, created: false };
        }
        const row = this.#store.insertRow({
          equipmentId: request.equipmentId,
          fault,
          source: 'manual',
          category: request.category,
          title: { en: fault, 'zh-CN': fault },
          severity: 'warning',
          note: request.note ?? null,
          at: now,
          by: actor.id,
          repeat: false,
          previousTicketId: null,
          snapshot: null,
        });
        if (request.outOfService === true) this.#store.markOutOfService(row.id);
        return {
          ticket: this.#opened(
            { ...row, out_of_service: request.outOfService === true ? 1 : 0 },
            now,
            actor.id,
          ),
          created: true,
        };
      }),
    );
  }

  /**
   * A ticket the box opens from its own analysis (a predictive finding), with the same
   * dedup as alarms: the fault already on an unfinished ticket returns that one, unchanged.
   */
  openFromAnalysis(request: AnalysisTicketRequest): { ticket: TicketView; created: boolean } {
    const now = this.#deps.clock.now();
    return this.#announcements.afterCommit(() =>
      this.#atomic(() => {
        const existing = this.#store.unfinished(request.equipmentId, request.fault);
        if (existing) return { ticket: existing, created: false };
        const previous = this.#store.lastVerified(request.equipmentId, request.fault);
        const windowMs = this.#config.alarms.repeatRepairWindowDays * DAY_MS;
        const repeat = previous?.verifiedAt != null && now - previous.verifiedAt <= windowMs;
        const row = this.#store.insertRow({
          ...request,
          source: 'auto',
          category: request.category ?? null,
          at: now,
          by: SYSTEM_ACTOR.id,
          repeat,
          previousTicketId: repeat && previous ? previous.id : null,
          snapshot: null,
        });
        return { ticket: this.#opened(row, now, SYSTEM_ACTOR.id), created: true };
      }),
    );
  }

  transition(id: number, request: TicketTransitionRequest, actor: TicketActor): TicketView {
    const now = this.#deps.clock.now();
    const ticket = this.#announcements.afterCommit(() =>
      this.#atomic(() => this.#transition(id, request, actor, now)),
    );
    this.#afterTransition(ticket);
    return ticket;
  }

  /**
   * Runs inside every transition's transaction, so what the listener writes commits
   * with the step; a throw refuses the step altogether.
   */
  onTransitionCommitting(listener: (step: TicketTransitionCommitting) => void): () => void {
    this.#transitionListeners.add(listener);
    return () => this.#transitionListeners.delete(listener);
  }

  #transition(id: number, request: TicketTransitionRequest, actor: TicketActor, now: number): TicketView {
    const ticket = applyTransition(
      this.#store,
      this.#outbox,
      { id, request, actor, now },
      {
        committing: (t) => {
          for (const listener of this.#transitionListeners) listener({ ticket: t, request, actor, at: now });
        },
        repairSpend: (t) => ({
          repairSpend: this.#spend().ticketSpend(t.id),
          currency: this.#config.stock.currency,
        }),
      },
    );
    this.#announcements.record(ticket, now);
    return ticket;
  }

  #afterTransition(ticket: TicketView): void {
    if (ticket.status !== 'resolved') {
      this.#verifyTimers.cancel(ticket.id);
      return;
    }
    if (ticket.source === 'auto' && !this.#faultActive(ticket)) {
      this.#armVerify(ticket.id, ticket.resolvedAt ?? this.#deps.clock.now());
    }
  }

  /**
   * Inside the alarm's transaction: the ticket it opens or attaches to commits with
   * it, in the same fsync. A throw rolls back only the ticket's writes (the alarm
   * service logs it); the alarm is kept.
   */
  #onAlarmCommitting(change: AlarmChange): void {
    if (change.type !== 'raised' && change.type !== 'reraised') return;
    const { alarm } = change;
    try {
      // Announced when the alarm service tells listeners the change committed (#onAlarmCommitted).
      this.#announcements.holdFor(change, () => {
        const existing = this.#store.unfinished(alarm.equipmentId, alarm.rule);
        if (existing) this.#attach(existing, alarm);
        else if (this.#policyOf(alarm, change.transition?.rule).when === 'immediate') {
          // The alarm and its rule were just handed over: no need to read them back.
          const known = change.transition ? { alarm, rule: change.transition.rule } : undefined;
          if (this.#openForAlarm(alarm.id, known)) this.#openedWith.add(change);
        }
      });
    } catch (err) {
      this.stats.errors++;
      throw err;
    }
  }

  /** After the commit: the ticket changes it made are announced; then timers (verification, delayed tickets). */
  #onAlarmCommitted(change: AlarmChange): void {
    // In a burst the alarm service tells listeners before it publishes the alarms: waiting
    // for the end of this turn puts each alarm on the wire before the ticket it opened.
    queueMicrotask(() => this.#announcements.release(change));
    try {
      // A ticket opened with the alarm is new: no timer of its own to cancel, no delay to arm.
      if (this.#openedWith.has(change)) return;
      if (change.type === 'raised' || change.type === 'reraised')
        this.#onRaised(change.alarm, change.transition?.rule);
      else if (change.type === 'cleared') this.#onCleared(change.alarm);
    } catch (err) {
      this.stats.errors++;
      this.#log.error(
        { err, alarmId: change.alarm.id, change: change.type },
        'ticket handling of alarm failed',
      );
    }
  }

  #onRaised(alarm: AlarmView, rule: Rule | undefined): void {
    const ticket = this.#store.unfinished(alarm.equipmentId, alarm.rule) ?? this.#holding(alarm);
    if (ticket) {
      this.#afterTransition(ticket);
      return;
    }
    const policy = this.#policyOf(alarm, rule);
    if (policy.when === 'after_delay') this.#armDelay(alarm.id, alarm.raisedAt + policy.delayS * 1000);
  }

  #policyOf(alarm: AlarmView, rule: Rule | undefined): TicketPolicy {
    return effectiveTicketPolicy({ severity: alarm.severity, ticket: rule?.ticket });
  }

  #onCleared(alarm: AlarmView): void {
    this.#delayTimers.cancel(alarm.id);
    const ticket = this.#store.unfinished(alarm.equipmentId, alarm.rule) ?? this.#holding(alarm);
    // Normal counts from the last of the incident's alarms to clear.
    if (ticket?.status === 'resolved' && ticket.source === 'auto' && !this.#faultActive(ticket))
      this.#armVerify(ticket.id, alarm.clearedAt ?? 0);
  }

  /** The unfinished ticket an alarm joined as part of an incident of another fault. */
  #holding(alarm: AlarmView): TicketView | undefined {
    const held = this.#store.incidentAlarms(alarm.equipmentId).find((a) => a.alarmId === alarm.id);
    return held && this.#store.get(held.ticketId);
  }

  /** The unfinished ticket of the incident the alarm belongs to, if another fault's ticket is one. */
  #incidentOf(alarm: AlarmView, rule: Rule): TicketView | undefined {
    const id = incidentTicketOf(rule, this.#store.incidentAlarms(alarm.equipmentId));
    return id === undefined ? undefined : this.#store.get(id);
  }

  /**
   * Opens the alarm's ticket, unless its fault's or its incident's ticket is unfinished
   * (then the alarm attaches to that). `known` comes from the alarm's committing handler,
   * which has just found no unfinished ticket for the fault in the same transaction: it
   * spares reading back the alarm, its rule and that check.
   */
  #openForAlarm(alarmId: number, known?: { alarm: AlarmView; rule: Rule }): boolean {
    const stored = known ?? this.#storedAlarm(alarmId);
    if (!stored) return false;
    const { alarm, rule } = stored;
    const now = this.#deps.clock.now();
    const open = (): boolean => {
      // Handed over in the alarm's own transaction right after finding no unfinished ticket
      // for the fault: nothing can have opened one since. Later (a delayed ticket) it has to
      // be asked again.
      const existing =
        (known ? undefined : this.#store.unfinished(alarm.equipmentId, alarm.rule)) ??
        this.#incidentOf(alarm, rule);
      if (existing) {
        this.#attach(existing, alarm);
        return false;
      }
      const previous = this.#store.lastVerified(alarm.equipmentId, alarm.rule);
      const windowMs = this.#config.alarms.repeatRepairWindowDays * DAY_MS;
      const repeat = previous?.verifiedAt != null && now - previous.verifiedAt <= windowMs;
      const row = this.#store.insertRow({
        equipmentId: alarm.equipmentId,
        fault: alarm.rule,
        source: 'auto',
        category: null,
        title: alarm.title,
        severity: alarm.severity,
        note: null,
        at: now,
        by: SYSTEM_ACTOR.id,
        repeat,
        previousTicketId: repeat && previous ? previous.id : null,
        snapshot: this.#snapshots.read({
          equipmentId: alarm.equipmentId,
          metrics: ruleMetrics(rule),
          at: now,
          raisedAt: alarm.raisedAt,
          value: alarm.raisedValue,
          rule: { ...rule },
        }),
      });
      this.#store.attachAlarm(row.id, alarm.id);
      this.#opened(row, now, SYSTEM_ACTOR.id);
      return true;
    };
    // Handed over, it runs in the committing handler's own savepoint already.
    return known ? open() : this.#atomic(open);
  }

  #storedAlarm(alarmId: number): { alarm: AlarmView; rule: Rule } | undefined {
    const alarm = this.#deps.alarms.get(alarmId);
    const ruleJson = this.#deps.alarms.ruleJson(alarmId);
    if (!alarm || !ruleJson) return undefined;
    return { alarm, rule: Rule.parse(JSON.parse(ruleJson)) };
  }

  /** The row as its insert returned it: logging the step and attaching alarms leave it as it is. */
  #opened(row: TicketRow, at: number, by: string): TicketView {
    this.#store.logTransition(row.id, null, 'open', at, by);
    const ticket = this.#store.view(row);
    this.#outbox.append({ type: 'ticket.opened', entityId: row.id, ts: at, payload: ticket });
    this.#announcements.record(ticket, at);
    this.stats.opened++;
    return ticket;
  }

  /**
   * Inside a transaction: links the alarm, reopens the ticket if it was resolved, and
   * raises its severity if the alarm is worse.
   */
  #attach(ticket: TicketView, alarm: AlarmView): TicketView {
    const now = this.#deps.clock.now();
    if (this.#store.attachAlarm(ticket.id, alarm.id)) {
      this.stats.attached++;
      this.#outbox.append({
        type: 'ticket.alarm_attached',
        entityId: ticket.id,
        ts: now,
        payload: { alarmId: alarm.id },
      });
      this.#announcements.record(ticket, now);
    }
    let attached = this.#store.get(ticket.id)!;
    if (attached.status === 'resolved') {
      this.stats.reopened++;
      attached = this.#transition(
        ticket.id,
        { to: 'open', note: `fault returned (alarm ${alarm.id})` },
        SYSTEM_ACTOR,
        now,
      );
    }
    const escalated = escalateToAlarm(this.#store, this.#outbox, { ticket: attached, alarm, now });
    if (!escalated) return attached;
    this.stats.escalated++;
    this.#announcements.record(escalated, now);
    return escalated;
  }

  #armDelay(alarmId: number, at: number): void {
    if (this.#delayTimers.has(alarmId)) return;
    this.#delayTimers.set(alarmId, at, () =>
      this.#guard('delayed ticket', () => {
        if (this.#deps.alarms.get(alarmId)?.clearedAt === null)
          this.#announcements.afterCommit(() => this.#openForAlarm(alarmId));
      }),
    );
  }

  #armVerify(ticketId: number, normalSince: number): void {
    const due = normalSince + this.#config.alarms.verifyAfterS * 1000;
    this.#verifyTimers.set(ticketId, due, () =>
      this.#guard('auto-verify', () => {
        const ticket = this.#store.get(ticketId);
        if (ticket?.status !== 'resolved' || this.#faultActive(ticket)) return;
        this.transition(
          ticketId,
          { to: 'verified', note: 'telemetry normal since the repair' },
          SYSTEM_ACTOR,
        );
        this.stats.autoVerified++;
      }),
    );
  }

  /**
   * Its fault or an alarm of its incident is active, or the equipment is silent (no
   * telemetry is not normal telemetry).
   */
  #faultActive(ticket: TicketView): boolean {
    return this.#deps.alarms
      .active()
      .some(
        (a) =>
          a.equipmentId === ticket.equipmentId &&
          (a.rule === ticket.fault || ticket.alarmIds.includes(a.id) || a.ruleKind === 'offline'),
      );
  }

  #resumeAfterRestart(): void {
    const now = this.#deps.clock.now();
    for (const ticket of this.#store.resolvedAuto()) {
      // What the telemetry did while the edge was down is unknown: normal counts from now.
      if (!this.#faultActive(ticket)) this.#armVerify(ticket.id, now);
    }
    for (const alarm of this.#deps.alarms.active()) {
      const ruleJson = this.#deps.alarms.ruleJson(alarm.id);
      // Already on its fault's or its incident's ticket: nothing to open, nothing to reopen.
      if (!ruleJson || this.#store.unfinished(alarm.equipmentId, alarm.rule) || this.#holding(alarm))
        continue;
      const policy = effectiveTicketPolicy({
        severity: alarm.severity,
        ticket: Rule.parse(JSON.parse(ruleJson)).ticket,
      });
      if (policy.when === 'immediate') this.#announcements.afterCommit(() => this.#openForAlarm(alarm.id));
      else if (policy.when === 'after_delay') this.#armDelay(alarm.id, alarm.raisedAt + policy.delayS * 1000);
    }
  }

  #guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.stats.errors++;
      this.#log.error({ err, what }, 'ticket timer failed');
    }
  }
}
