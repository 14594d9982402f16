import type { TicketTransitionRequest, TicketView } from '../../../shared/api/tickets';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { Atomic } from '../../store/atomic';
import type { OutboxWriter } from '../../sync/outbox-writer';
import type { AlarmService } from '../alarms/alarm-service';
import type { TicketAnnouncements } from './ticket-announcements';
import type { TicketActor } from './ticket-lifecycle';
import type { TicketStore } from './ticket-store';

/** What the ticket service counts (its `stats`), shared by the parts that do the counting. */
export interface TicketStats {
  opened: number;
  attached: number;
  escalated: number;
  reopened: number;
  autoVerified: number;
  errors: number;
}

/**
 * What the parts of the ticket service (ticket-service.ts, alarm-tickets.ts,
 * auto-verification.ts) share: one store, outbox, transaction, announcements and counts.
 */
export interface TicketContext {
  readonly store: TicketStore;
  readonly outbox: OutboxWriter;
  readonly atomic: Atomic;
  readonly announcements: TicketAnnouncements;
  readonly alarms: AlarmService;
  readonly clock: Clock;
  readonly log: Logger;
  readonly stats: TicketStats;
  /** the config in force (a reload swaps it) */
  config(): StoreConfig;
  /** One lifecycle step inside the caller's transaction, announced once it commits. */
  step(id: number, request: TicketTransitionRequest, actor: TicketActor, now: number): TicketView;
}

/** A ticket timer's work: a throw is counted and logged, never thrown into the clock. */
export function guardTimer(ctx: TicketContext, what: string, fn: () => void): void {
  try {
    fn();
  } catch (err) {
    ctx.stats.errors++;
    ctx.log.error({ err, what }, 'ticket timer failed');
  }
}
