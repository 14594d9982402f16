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
import type { Severity } from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { LocalizedText } from '../../../shared/localized-text';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';
import type { AlarmService } from '../alarms/alarm-service';
import { RepairSpendReader } from '../predictive/prescriptive-inputs-repairs';
import { AlarmTickets } from './alarm-tickets';
import { AutoVerification } from './auto-verification';
import { TicketAnnouncements, type TicketPublishFn } from './ticket-announcements';
import type { TicketContext, TicketStats } from './ticket-context';
import { SYSTEM_ACTOR, type TicketActor, TicketError } from './ticket-lifecycle';
import { computeTicketMetrics } from './ticket-metrics';
import { recordOpened, repeatRepairOf } from './ticket-opening';
import { TicketStore } from './ticket-store';
import { applyTransition } from './ticket-transition';

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
 * worse: alarm-tickets.ts, incident-match.ts, ticket-escalation.ts), marked as a repeat
 * repair when a fault returns soon after a verified fix (ticket-opening.ts), verified
 * automatically once telemetry stays normal after "resolved" (auto-verification.ts),
 * reopened if the fault comes back first. Every committed change is announced over MQTT
 * (ticket-announcements.ts).
 */
export class TicketService {
  readonly #deps: TicketServiceDeps;
  readonly #ctx: TicketContext;
  readonly #store: TicketStore;
  readonly #announcements: TicketAnnouncements;
  readonly #verification: AutoVerification;
  readonly #alarmTickets: AlarmTickets;
  #config: StoreConfig;
  #spendReader: RepairSpendReader | undefined;
  #unsubscribe: (() => void)[] = [];
  readonly #transitionListeners = new Set<(step: TicketTransitionCommitting) => void>();
  readonly stats: TicketStats = {
    opened: 0,
    attached: 0,
    escalated: 0,
    reopened: 0,
    autoVerified: 0,
    errors: 0,
  };

  constructor(deps: TicketServiceDeps) {
    this.#deps = deps;
    this.#config = deps.config;
    const log = deps.logger.child({ ns: 'tickets' });
    this.#store = new TicketStore(deps.db);
    this.#announcements = new TicketAnnouncements({
      storeId: deps.storeId,
      logger: log,
      publish: deps.publish,
    });
    this.#ctx = {
      store: this.#store,
      outbox: new OutboxWriter(deps.db, deps.storeId),
      atomic: atomic(deps.db),
      announcements: this.#announcements,
      alarms: deps.alarms,
      clock: deps.clock,
      log,
      stats: this.stats,
      config: () => this.#config,
      step: (id, request, actor, now) => this.#transition(id, request, actor, now),
    };
    this.#verification = new AutoVerification(this.#ctx, (id, request, actor) =>
      this.transition(id, request, actor),
    );
    this.#alarmTickets = new AlarmTickets(this.#ctx, this.#verification);
  }

  start(): void {
    if (this.#unsubscribe.length) return;
    const { alarms } = this.#deps;
    this.#unsubscribe = [
      alarms.onChangeCommitting((change) => this.#alarmTickets.committing(change)),
      alarms.onChange((change) => this.#alarmTickets.committed(change)),
    ];
    this.#verification.resumeAfterRestart();
    this.#alarmTickets.resumeAfterRestart();
  }

  stop(): void {
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#alarmTickets.clear();
    this.#verification.clear();
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
    const { outbox } = this.#ctx;
    return this.#announcements.afterCommit(() =>
      this.#ctx.atomic(() => {
        const ticket = this.#store.get(id);
        if (!ticket) throw new TicketError('TICKET_NOT_FOUND', `no ticket ${id}`);
        this.#store.logTransition(id, ticket.status, ticket.status, now, actor.id, note);
        outbox.append({ type: 'ticket.note', entityId: id, ts: now, payload: { note, by: actor.id } });
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
      this.#ctx.atomic(() => {
        const existing = this.#store.unfinished(request.equipmentId, fault);
        if (existing) {
          const note = `also reported by ${actor.id}${request.note ? `: ${request.note}` : ''}`;
          this.#store.logTransition(existing.id, existing.status, existing.status, now, actor.id, note);
          this.#ctx.outbox.append({
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
          ticket: recordOpened(
            this.#ctx,
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
      this.#ctx.atomic(() => {
        const existing = this.#store.unfinished(request.equipmentId, request.fault);
        if (existing) return { ticket: existing, created: false };
        const row = this.#store.insertRow({
          ...request,
          source: 'auto',
          category: request.category ?? null,
          at: now,
          by: SYSTEM_ACTOR.id,
          ...repeatRepairOf(this.#ctx, request, now),
          snapshot: null,
        });
        return { ticket: recordOpened(this.#ctx, row, now, SYSTEM_ACTOR.id), created: true };
      }),
    );
  }

  transition(id: number, request: TicketTransitionRequest, actor: TicketActor): TicketView {
    const now = this.#deps.clock.now();
    const ticket = this.#announcements.afterCommit(() =>
      this.#ctx.atomic(() => this.#transition(id, request, actor, now)),
    );
    this.#verification.afterTransition(ticket);
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
      this.#ctx.outbox,
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
}
