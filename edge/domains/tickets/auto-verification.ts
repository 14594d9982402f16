import type { TicketTransitionRequest, TicketView } from '../../../shared/api/tickets';
import { KeyedTimers } from './keyed-timers';
import { guardTimer, type TicketContext } from './ticket-context';
import { SYSTEM_ACTOR, type TicketActor } from './ticket-lifecycle';

/**
 * A resolved automatic ticket is verified by the box itself once telemetry has stayed
 * normal for `alarms.verifyAfterS`; the fault coming back first cancels that (and the
 * alarm reopens the ticket: alarm-tickets.ts).
 */
export class AutoVerification {
  readonly #ctx: TicketContext;
  readonly #timers: KeyedTimers;
  /** The service's whole transition (its own transaction, announcements and follow-up). */
  readonly #transition: (id: number, request: TicketTransitionRequest, actor: TicketActor) => TicketView;

  constructor(
    ctx: TicketContext,
    transition: (id: number, request: TicketTransitionRequest, actor: TicketActor) => TicketView,
  ) {
    this.#ctx = ctx;
    this.#timers = new KeyedTimers(ctx.clock);
    this.#transition = transition;
  }

  /** After a committed step: a resolved automatic ticket waits for normal telemetry; any other step cancels the wait. */
  afterTransition(ticket: TicketView): void {
    if (ticket.status !== 'resolved') {
      this.#timers.cancel(ticket.id);
      return;
    }
    if (ticket.source === 'auto' && !this.faultActive(ticket)) {
      this.arm(ticket.id, ticket.resolvedAt ?? this.#ctx.clock.now());
    }
  }

  arm(ticketId: number, normalSince: number): void {
    const due = normalSince + this.#ctx.config().alarms.verifyAfterS * 1000;
    this.#timers.set(ticketId, due, () =>
      guardTimer(this.#ctx, 'auto-verify', () => {
        const ticket = this.#ctx.store.get(ticketId);
        if (ticket?.status !== 'resolved' || this.faultActive(ticket)) return;
        this.#transition(
          ticketId,
          { to: 'verified', note: 'telemetry normal since the repair' },
          SYSTEM_ACTOR,
        );
        this.#ctx.stats.autoVerified++;
      }),
    );
  }

  /**
   * Its fault or an alarm of its incident is active, or the equipment is silent (no
   * telemetry is not normal telemetry).
   */
  faultActive(ticket: TicketView): boolean {
    return this.#ctx.alarms
      .active()
      .some(
        (a) =>
          a.equipmentId === ticket.equipmentId &&
          (a.rule === ticket.fault || ticket.alarmIds.includes(a.id) || a.ruleKind === 'offline'),
      );
  }

  resumeAfterRestart(): void {
    const now = this.#ctx.clock.now();
    for (const ticket of this.#ctx.store.resolvedAuto()) {
      // What the telemetry did while the edge was down is unknown: normal counts from now.
      if (!this.faultActive(ticket)) this.arm(ticket.id, now);
    }
  }

  clear(): void {
    this.#timers.clear();
  }
}
