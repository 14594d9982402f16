import type {
  EquipmentMaintenance,
  PmOverdueFlag,
  PmSuggestion,
  StepSignOffRequest,
  TaskSignOffRequest,
  WorkOrderDetail,
  WorkOrdersQuery,
  WorkOrderTransitionRequest,
  WorkOrderView,
} from '../../../shared/api/maintenance';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { ReadingValue } from '../../../shared/device-messages';
import { actingRole } from '../../../shared/roles';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { verifySecret } from '../../../shared/server/secret-hash';
import type { EdgeEvents, EventBus } from '../../runtime/event-bus';
import { type Database, withoutCommitSync } from '../../store/database';
import type { TicketActor } from '../tickets/ticket-lifecycle';
import type { TicketService, TicketTransitionCommitting } from '../tickets/ticket-service';
import { ConditionTracker } from './condition-tracker';
import { MaintenanceError } from './maintenance-errors';
import { countReadings, meterSpecs } from './meter-counter';
import { resetMeter } from './meter-reset';
import { PmCalendar } from './pm-calendar';
import { PmOutbox } from './pm-outbox';
import { PmScheduler } from './pm-scheduler';
import { PmStateStore } from './pm-state-store';
import { followRepairStep } from './repair-meter-reset';
import { repairSuggestions } from './repair-suggestions';
import { type PlanTarget, plansByEquipment, resolvePlans } from './resolve-plans';
import { SuggestionAnnouncer } from './suggestion-announcer';
import { WorkOrderService } from './work-order-service';
import { WorkOrderStore } from './work-order-store';

const DAY_MS = 86_400_000;
const SAMPLE_RETENTION_MS = 60 * DAY_MS;

export interface MaintenanceServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  bus: EventBus;
  config: StoreConfig;
  /** Repairs that restart a meter when verified (`resetsMeter`); absent, repairs are not followed. */
  tickets?: Pick<TicketService, 'onTransitionCommitting'>;
}

/**
 * Preventive maintenance (维保): counts meters from committed readings, opens work
 * orders when calendar, meter or condition plans fall due, escalates overdue ones
 * (manager at once, central later), and serves the work-order and task API.
 */
export class MaintenanceService {
  readonly #deps: MaintenanceServiceDeps;
  readonly #log: Logger;
  readonly #state: PmStateStore;
  readonly #store: WorkOrderStore;
  readonly #orders: WorkOrderService;
  readonly #conditions: ConditionTracker;
  readonly #outbox: PmOutbox;
  readonly #announcer: SuggestionAnnouncer;
  #config!: StoreConfig;
  #targets: PlanTarget[] = [];
  #byEquipment = new Map<string, PlanTarget['plan'][]>();
  #scheduler!: PmScheduler;
  #calendar!: PmCalendar;
  #timer: TimerHandle | undefined;
  #offReadings: (() => void) | undefined;
  #offRepairs: (() => void) | undefined;
  readonly stats = { opened: 0, escalated: 0, metersReset: 0, suggestionsSent: 0, errors: 0 };

  constructor(deps: MaintenanceServiceDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'maintenance' });
    this.#state = new PmStateStore(deps.db);
    this.#store = new WorkOrderStore(deps.db);
    this.#outbox = new PmOutbox(deps.db, deps.storeId);
    this.#orders = new WorkOrderService(deps.db, this.#store, this.#outbox, deps.clock);
    this.#announcer = new SuggestionAnnouncer(deps.db, this.#outbox);
    this.#conditions = new ConditionTracker(this.#state);
    this.reload(deps.config);
  }

  start(): void {
    if (this.#timer) return;
    this.#offReadings = this.#deps.bus.on('readingsCommitted', (batch) => this.#onReadings(batch));
    this.#offRepairs = this.#deps.tickets?.onTransitionCommitting((step) => this.#onRepairStep(step));
    const everyMs = this.#config.maintenance.checkIntervalS * 1000;
    this.#timer = this.#deps.clock.setInterval(() => this.tick(), everyMs);
    this.tick();
  }

  stop(): void {
    this.#offReadings?.();
    this.#offReadings = undefined;
    this.#offRepairs?.();
    this.#offRepairs = undefined;
    if (this.#timer) this.#deps.clock.clearInterval(this.#timer);
    this.#timer = undefined;
  }

  reload(config: StoreConfig): void {
    this.#config = config;
    this.#targets = resolvePlans(config);
    this.#byEquipment = plansByEquipment(this.#targets);
    this.#calendar = new PmCalendar(config.store.timezone);
    this.#scheduler = new PmScheduler(this.#state, this.#orders, this.#calendar);
  }

  /** Opens what is due and escalates what is overdue; runs every `checkIntervalS`. */
  tick(): void {
    const now = this.#deps.clock.now();
    this.#guard('schedule check', () =>
      this.#deps.db.transaction(() => {
        for (const target of this.#targets) this.#counted(this.#scheduler.check(target, now));
        this.#escalate(now);
        this.#state.pruneSamples(now - SAMPLE_RETENTION_MS);
      })(),
    );
    this.#guard('repeat-repair suggestions', () =>
      this.#deps.db.transaction(() => {
        this.stats.suggestionsSent += this.#announcer.announce(this.suggestions(), now);
      })(),
    );
  }

  list(query: WorkOrdersQuery): WorkOrderView[] {
    return this.#store.list(query, this.#deps.clock.now());
  }

  get(id: number): WorkOrderDetail {
    return { ...this.#orders.get(id), history: this.#store.tickets.transitions(id) };
  }

  /** Staff tasks due today (store time), with any still open from earlier days. */
  todayTasks(): WorkOrderView[] {
    const now = this.#deps.clock.now();
    const from = this.#calendar.atLocalMinute(now, 0);
    const to = this.#calendar.atLocalMinute(from + DAY_MS + DAY_MS / 2, 0);
    return this.#store.storeTasks(from, to, now);
  }

  transition(id: number, request: WorkOrderTransitionRequest, actor: TicketActor): WorkOrderView {
    return this.#orders.transition(id, request, actor);
  }

  signStep(id: number, stepId: string, request: StepSignOffRequest, session: TicketActor): WorkOrderView {
    return this.#orders.signStep(id, stepId, request, this.signer(request, session));
  }

  signOffTask(id: number, request: TaskSignOffRequest, session: TicketActor): WorkOrderView {
    return this.#orders.signOffTask(id, request, this.signer(request, session));
  }

  /** Who signs: the person whose PIN is given (on the shared display session), else the session's user. */
  signer(
    request: { user?: string | undefined; pin?: string | undefined },
    session: TicketActor,
  ): TicketActor {
    if (request.user === undefined && request.pin === undefined) return session;
    const user = this.#config.users.find((u) => u.id === request.user);
    if (!user || !request.pin || !verifySecret(request.pin, user.pinHash))
      throw new MaintenanceError('PM_BAD_PIN', 'unknown user or wrong PIN');
    return { id: user.id, role: actingRole(user) };
  }

  /** "PM overdue 12 days" flags for the equipment of a repair ticket. */
  overdueFlags(equipmentId: string): PmOverdueFlag[] {
    const now = this.#deps.clock.now();
    return this.#store
      .list({ kind: 'preventive', status: 'overdue', equipmentId, limit: 100 }, now)
      .map((order) => {
        const days = Math.floor((now - order.dueAt) / DAY_MS);
        return {
          workOrderId: order.id,
          planId: order.planId,
          overdueDays: days,
          label: { en: `PM overdue ${days} day${days === 1 ? '' : 's'}`, 'zh-CN': `维保逾期 ${days} 天` },
        };
      });
  }

  suggestions(equipmentId?: string): PmSuggestion[] {
    const { repeatRepairs } = this.#config.maintenance;
    return repairSuggestions(this.#deps.db, this.#targets, {
      ...repeatRepairs,
      now: this.#deps.clock.now(),
      equipmentId,
    });
  }

  forEquipment(equipmentId: string): EquipmentMaintenance {
    const now = this.#deps.clock.now();
    return {
      equipmentId,
      overdue: this.overdueFlags(equipmentId),
      openWorkOrders: this.#store.list({ kind: 'preventive', status: 'open', equipmentId, limit: 100 }, now),
      meters: this.#state.meters(equipmentId),
      suggestions: this.suggestions(equipmentId),
    };
  }

  /**
   * Restarts a meter (compressor replaced → run-hours from 0) and the meter plans
   * that count it, as if just done.
   */
  resetMeter(equipmentId: string, meter: string, by: string, ticketId?: number): void {
    const at = this.#deps.clock.now();
    this.#deps.db.transaction(() =>
      resetMeter(this.#state, this.#outbox, this.#targets, {
        equipmentId,
        meter,
        by,
        ticketId: ticketId ?? null,
        at,
      }),
    )();
    this.stats.metersReset++;
  }

  /** Inside the repair's transaction (see repair-meter-reset.ts). */
  #onRepairStep(step: TicketTransitionCommitting): void {
    const reset = followRepairStep(step, {
      state: this.#state,
      outbox: this.#outbox,
      targets: this.#targets,
      log: this.#log,
    });
    if (reset) this.stats.metersReset++;
  }

  #onReadings(batch: EdgeEvents['readingsCommitted']): void {
    const byEquipment = new Map<string, { ts: number; readings: Record<string, ReadingValue> }[]>();
    for (const r of batch) {
      if (!this.#byEquipment.has(r.equipmentId)) continue;
      const list = byEquipment.get(r.equipmentId) ?? [];
      list.push(r);
      byEquipment.set(r.equipmentId, list);
    }
    if (byEquipment.size === 0) return;
    const now = this.#deps.clock.now();
    const { db } = this.#deps;
    // One commit per ingest batch, however many devices it holds, without an fsync of
    // its own (meters derive from readings already durable); each equipment in a
    // savepoint of its own, so one failing leaves the others counted.
    this.#guard('readings batch', () =>
      withoutCommitSync(db, () =>
        db.transaction(() => {
          for (const [equipmentId, readings] of byEquipment) {
            this.#guard(`readings of ${equipmentId}`, () =>
              db.transaction(() => this.#countAndCheck(equipmentId, readings, now))(),
            );
          }
        })(),
      ),
    );
  }

  #countAndCheck(
    equipmentId: string,
    readings: { ts: number; readings: Record<string, ReadingValue> }[],
    now: number,
  ): void {
    const plans = this.#byEquipment.get(equipmentId) ?? [];
    readings.sort((a, b) => a.ts - b.ts);
    const touched = countReadings(this.#state, equipmentId, meterSpecs(plans), readings);
    for (const plan of plans) {
      const target = { plan, equipmentId };
      if (plan.trigger.kind === 'condition') {
        const last = this.#store.lastOfPlan(plan.id, equipmentId, now);
        const open = last && !last.resolvedAt && !last.closedAt;
        const reason = this.#conditions.observe(
          plan,
          equipmentId,
          readings,
          last?.resolvedAt ?? last?.closedAt ?? 0,
        );
        if (reason && !open) this.#counted(this.#scheduler.openNow(target, reason, now));
      } else if (touched.size) this.#counted(this.#scheduler.check(target, now));
    }
  }

  #escalate(now: number): void {
    const afterMs = this.#config.maintenance.escalateToCentralAfterH * 3_600_000;
    for (const order of this.#store.overdue(now)) {
      if (order.escalation === 'none') this.#orders.escalate(order, 'manager', now);
      else if (order.escalation === 'manager' && now > order.graceUntil + afterMs)
        this.#orders.escalate(order, 'central', now);
      else continue;
      this.stats.escalated++;
    }
  }

  #counted(order: WorkOrderView | undefined): void {
    if (!order) return;
    this.stats.opened++;
    this.#log.info({ workOrderId: order.id, planId: order.planId, equipmentId: order.equipmentId }, 'PM due');
  }

  #guard(what: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.stats.errors++;
      this.#log.error({ err, what }, 'maintenance step failed');
    }
  }
}
