import type { AlarmView } from '../../../shared/api/alarms';
import type { TicketView } from '../../../shared/api/tickets';
import { effectiveTicketPolicy, Rule, ruleMetrics, type TicketPolicy } from '../../../shared/config/rules';
import type { AlarmChange } from '../alarms/alarm-service';
import type { AutoVerification } from './auto-verification';
import { incidentTicketOf } from './incident-match';
import { KeyedTimers } from './keyed-timers';
import { TelemetrySnapshotReader } from './telemetry-snapshot';
import { guardTimer, type TicketContext } from './ticket-context';
import { escalateToAlarm } from './ticket-escalation';
import { SYSTEM_ACTOR } from './ticket-lifecycle';
import { recordOpened, repeatRepairOf } from './ticket-opening';

/**
 * Tickets from alarms, by each rule's policy: one unfinished ticket per (equipment, fault)
 * and one per incident (an alarm on a metric an unfinished ticket is already about joins
 * it, raising its severity if worse: incident-match.ts, ticket-escalation.ts); a delayed
 * ticket opens only if its alarm is still active when the delay is up.
 */
export class AlarmTickets {
  readonly #ctx: TicketContext;
  readonly #verification: AutoVerification;
  readonly #snapshots: TelemetrySnapshotReader;
  /** Alarm changes whose committing handler opened a new ticket (it rolled back otherwise). */
  readonly #openedWith = new WeakSet<AlarmChange>();
  readonly #delayTimers: KeyedTimers;

  constructor(ctx: TicketContext, verification: AutoVerification) {
    this.#ctx = ctx;
    this.#verification = verification;
    this.#snapshots = new TelemetrySnapshotReader(ctx.store.db);
    this.#delayTimers = new KeyedTimers(ctx.clock);
  }

  /**
   * Inside the alarm's transaction: the ticket it opens or attaches to commits with
   * it, in the same fsync. A throw rolls back only the ticket's writes (the alarm
   * service logs it); the alarm is kept.
   */
  committing(change: AlarmChange): void {
    if (change.type !== 'raised' && change.type !== 'reraised') return;
    const { alarm } = change;
    const { store, announcements } = this.#ctx;
    try {
      // Announced when the alarm service tells listeners the change committed (committed below).
      announcements.holdFor(change, () => {
        const existing = store.unfinished(alarm.equipmentId, alarm.rule);
        if (existing) this.#attach(existing, alarm);
        else if (this.#policyOf(alarm, change.transition?.rule).when === 'immediate') {
          // The alarm and its rule were just handed over: no need to read them back.
          const known = change.transition ? { alarm, rule: change.transition.rule } : undefined;
          if (this.#openForAlarm(alarm.id, known)) this.#openedWith.add(change);
        }
      });
    } catch (err) {
      this.#ctx.stats.errors++;
      throw err;
    }
  }

  /** After the commit: the ticket changes it made are announced; then timers (verification, delayed tickets). */
  committed(change: AlarmChange): void {
    // In a burst the alarm service tells listeners before it publishes the alarms: waiting
    // for the end of this turn puts each alarm on the wire before the ticket it opened.
    queueMicrotask(() => this.#ctx.announcements.release(change));
    try {
      // A ticket opened with the alarm is new: no timer of its own to cancel, no delay to arm.
      if (this.#openedWith.has(change)) return;
      if (change.type === 'raised' || change.type === 'reraised')
        this.#onRaised(change.alarm, change.transition?.rule);
      else if (change.type === 'cleared') this.#onCleared(change.alarm);
    } catch (err) {
      this.#ctx.stats.errors++;
      this.#ctx.log.error(
        { err, alarmId: change.alarm.id, change: change.type },
        'ticket handling of alarm failed',
      );
    }
  }

  /** The active alarms still owed a ticket after a restart: opened now, or their delay armed again. */
  resumeAfterRestart(): void {
    const { alarms, store, announcements } = this.#ctx;
    for (const alarm of alarms.active()) {
      const ruleJson = alarms.ruleJson(alarm.id);
      // Already on its fault's or its incident's ticket: nothing to open, nothing to reopen.
      if (!ruleJson || store.unfinished(alarm.equipmentId, alarm.rule) || this.#holding(alarm)) continue;
      const policy = effectiveTicketPolicy({
        severity: alarm.severity,
        ticket: Rule.parse(JSON.parse(ruleJson)).ticket,
      });
      if (policy.when === 'immediate') announcements.afterCommit(() => this.#openForAlarm(alarm.id));
      else if (policy.when === 'after_delay') this.#armDelay(alarm.id, alarm.raisedAt + policy.delayS * 1000);
    }
  }

  clear(): void {
    this.#delayTimers.clear();
  }

  #onRaised(alarm: AlarmView, rule: Rule | undefined): void {
    const ticket = this.#ctx.store.unfinished(alarm.equipmentId, alarm.rule) ?? this.#holding(alarm);
    if (ticket) {
      this.#verification.afterTransition(ticket);
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
    const ticket = this.#ctx.store.unfinished(alarm.equipmentId, alarm.rule) ?? this.#holding(alarm);
    // Normal counts from the last of the incident's alarms to clear.
    if (ticket?.status === 'resolved' && ticket.source === 'auto' && !this.#verification.faultActive(ticket))
      this.#verification.arm(ticket.id, alarm.clearedAt ?? 0);
  }

  /** The unfinished ticket an alarm joined as part of an incident of another fault. */
  #holding(alarm: AlarmView): TicketView | undefined {
    const { store } = this.#ctx;
    const held = store.incidentAlarms(alarm.equipmentId).find((a) => a.alarmId === alarm.id);
    return held && store.get(held.ticketId);
  }

  /** The unfinished ticket of the incident the alarm belongs to, if another fault's ticket is one. */
  #incidentOf(alarm: AlarmView, rule: Rule): TicketView | undefined {
    const { store } = this.#ctx;
    const id = incidentTicketOf(rule, store.incidentAlarms(alarm.equipmentId));
    return id === undefined ? undefined : store.get(id);
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
    const { store } = this.#ctx;
    const now = this.#ctx.clock.now();
    const open = (): boolean => {
      // Handed over in the alarm's own transaction right after finding no unfinished ticket
      // for the fault: nothing can have opened one since. Later (a delayed ticket) it has to
      // be asked again.
      const existing =
        (known ? undefined : store.unfinished(alarm.equipmentId, alarm.rule)) ??
        this.#incidentOf(alarm, rule);
      if (existing) {
        this.#attach(existing, alarm);
        return false;
      }
      const row = store.insertRow({
        equipmentId: alarm.equipmentId,
        fault: alarm.rule,
        source: 'auto',
        category: null,
        title: alarm.title,
        severity: alarm.severity,
        note: null,
        at: now,
        by: SYSTEM_ACTOR.id,
        ...repeatRepairOf(this.#ctx, { equipmentId: alarm.equipmentId, fault: alarm.rule }, now),
        snapshot: this.#snapshots.read({
          equipmentId: alarm.equipmentId,
          metrics: ruleMetrics(rule),
          at: now,
          raisedAt: alarm.raisedAt,
          value: alarm.raisedValue,
          rule: { ...rule },
        }),
      });
      store.attachAlarm(row.id, alarm.id);
      recordOpened(this.#ctx, row, now, SYSTEM_ACTOR.id);
      return true;
    };
    // Handed over, it runs in the committing handler's own savepoint already.
    return known ? open() : this.#ctx.atomic(open);
  }

  #storedAlarm(alarmId: number): { alarm: AlarmView; rule: Rule } | undefined {
    const { alarms } = this.#ctx;
    const alarm = alarms.get(alarmId);
    const ruleJson = alarms.ruleJson(alarmId);
    if (!alarm || !ruleJson) return undefined;
    return { alarm, rule: Rule.parse(JSON.parse(ruleJson)) };
  }

  /**
   * Inside a transaction: links the alarm, reopens the ticket if it was resolved, and
   * raises its severity if the alarm is worse.
   */
  #attach(ticket: TicketView, alarm: AlarmView): TicketView {
    const { store, outbox, announcements, stats } = this.#ctx;
    const now = this.#ctx.clock.now();
    if (store.attachAlarm(ticket.id, alarm.id)) {
      stats.attached++;
      outbox.append({
        type: 'ticket.alarm_attached',
        entityId: ticket.id,
        ts: now,
        payload: { alarmId: alarm.id },
      });
      announcements.record(ticket, now);
    }
    let attached = store.get(ticket.id)!;
    if (attached.status === 'resolved') {
      stats.reopened++;
      attached = this.#ctx.step(
        ticket.id,
        { to: 'open', note: `fault returned (alarm ${alarm.id})` },
        SYSTEM_ACTOR,
        now,
      );
    }
    const escalated = escalateToAlarm(store, outbox, { ticket: attached, alarm, now });
    if (!escalated) return attached;
    stats.escalated++;
    announcements.record(escalated, now);
    return escalated;
  }

  #armDelay(alarmId: number, at: number): void {
    if (this.#delayTimers.has(alarmId)) return;
    this.#delayTimers.set(alarmId, at, () =>
      guardTimer(this.#ctx, 'delayed ticket', () => {
        if (this.#ctx.alarms.get(alarmId)?.clearedAt === null)
          this.#ctx.announcements.afterCommit(() => this.#openForAlarm(alarmId));
      }),
    );
  }
}
