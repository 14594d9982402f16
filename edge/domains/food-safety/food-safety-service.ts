import type {
  ChainHeadEvent,
  ControlPointView,
  CoolingBatchView,
  CoolingProbeView,
  CoolingQuery,
  CoolingStart,
  CorrectiveActionSignOff,
  CorrectiveActionsQuery,
  CorrectiveActionView,
  DailyCompliance,
  ExcursionView,
  MinuteLog,
} from '../../../shared/api/food-safety';
import type { CheckRecordView, CheckSlotView } from '../../../shared/api/food-safety-checks';
import type {
  TimeBatchClose,
  TimeBatchQuery,
  TimeBatchStart,
  TimeBatchView,
  TimeControlOptionView,
} from '../../../shared/api/food-safety-time';
import type { RulePack } from '../../../shared/config/food-safety';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { LocalizedText } from '../../../shared/localized-text';
import { roleNamesMayDo } from '../../../shared/permissions-table';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { EdgeEvents, EventBus } from '../../runtime/event-bus';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { allPacks } from './control-points';
import { CoolingLog, type ResolvedCooling, resolveCooling } from './cooling-log';
import { CoolingStore } from './cooling-store';
import { CorrectiveActions, type Incident } from './corrective-actions';
import { ExcursionTracker } from './excursion-tracker';
import { FoodSafetyError } from './food-safety-errors';
import { FoodSafetyOutbox } from './food-safety-outbox';
import { FoodSafetyStore } from './food-safety-store';
import { excursionView } from './food-safety-views';
import { HoldingRecords } from './holding-records';
import { ManualChecks } from './manual-checks';
import { TimeBatches } from './time-batches';

/** What the routes and the report may do with time-controlled batches; writes are chained and sent to central. */
export interface TimeBatchesApi {
  options(): TimeControlOptionView[];
  list(query: TimeBatchQuery): TimeBatchView[];
  batch(batchId: number): TimeBatchView;
  heldIn(range: { from: number; to: number }): TimeBatchView[];
  start(request: TimeBatchStart, by: string): TimeBatchView;
  reading(batchId: number, valueC: number, by: string): TimeBatchView;
  close(batchId: number, request: TimeBatchClose, by: string): TimeBatchView;
}

export interface FoodSafetyServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  storeId: string;
  config: StoreConfig;
  /** the equipment's active alarm and open repair ticket, to link a corrective action to */
  incidentOf?: (equipmentId: string, at: number) => Incident;
}

/** Readings are committed a moment after they are taken: an interval is closed this long after it ends. */
export const CLOSE_GRACE_MS = 2_000;

/** The person in charge signs corrective actions off: a manager or admin. */
export interface Signer {
  id: string;
  roles: readonly string[];
}

/**
 * Continuous holding records from the telemetry the edge ingests: one record per control
 * point per recording interval, written when it closes; an out-of-limit run longer than
 * the alert delay opens an excursion and its corrective action. Every record goes into
 * the store's hash chain, with the chain head for central, in one transaction per tick.
 */
export class FoodSafetyService {
  readonly #d: FoodSafetyServiceDeps;
  readonly #log: Logger;
  readonly #atomic: Atomic;
  readonly #store: FoodSafetyStore;
  readonly #outbox: FoodSafetyOutbox;
  readonly #actions: CorrectiveActions;
  readonly #excursions: ExcursionTracker;
  readonly #cooling: CoolingLog;
  readonly #checks: ManualChecks;
  readonly #timeBatches: TimeBatches;
  readonly #holding: HoldingRecords;
  #config: StoreConfig;
  /** resolved once per config: the cooling log asks on every reading */
  #coolingInForce: ResolvedCooling | null;
  #unsubscribe: (() => void) | null = null;
  #timer: TimerHandle | null = null;

  constructor(deps: FoodSafetyServiceDeps) {
    this.#d = deps;
    this.#config = deps.config;
    this.#coolingInForce = resolveCooling(deps.config);
    this.#log = deps.logger.child({ ns: 'food-safety' });
    this.#atomic = atomic(deps.db);
    this.#store = new FoodSafetyStore(deps.db, deps.storeId);
    this.#outbox = new FoodSafetyOutbox(deps.db, deps.storeId);
    this.#actions = new CorrectiveActions({
      store: this.#store,
      outbox: this.#outbox,
      settings: () => this.#config.foodSafety.correctiveActions,
      excursionTitle: (id) =>
        this.#excursionView(id)?.title ??
        this.#cooling.title(id) ??
        this.#checks.title(id) ??
        this.#timeBatches.title(id) ?? { en: `excursion ${id}`, 'zh-CN': `超限 ${id}` },
    });
    this.#timeBatches = new TimeBatches({
      db: deps.db,
      records: this.#store,
      actions: this.#actions,
      outbox: this.#outbox,
      config: () => this.#config,
    });
    this.#checks = new ManualChecks({
      db: deps.db,
      records: this.#store,
      actions: this.#actions,
      outbox: this.#outbox,
      config: () => this.#config,
    });
    this.#cooling = new CoolingLog({
      store: new CoolingStore(deps.db, this.#store.chain),
      actions: this.#actions,
      outbox: this.#outbox,
      clock: deps.clock,
      log: this.#log,
      write: (work) => this.#write(work),
      cooling: () => this.#coolingInForce,
      probeName: (id) => this.#config.equipment.find((e) => e.id === id)?.name ?? nameOf(id),
    });
    this.#excursions = new ExcursionTracker({
      store: this.#store,
      outbox: this.#outbox,
      actions: this.#actions,
      view: (id) => this.#excursionView(id),
      incidentOf: deps.incidentOf,
      log: this.#log,
    });
    this.#holding = new HoldingRecords({
      store: this.#store,
      outbox: this.#outbox,
      excursions: this.#excursions,
      config: () => this.#config,
      now: () => deps.clock.now(),
      excursionView: (id) => this.#excursionView(id),
    });
  }

  start(): void {
    if (this.#unsubscribe) return;
    this.#apply(this.#config);
    this.#unsubscribe = this.#d.bus.on('readingsCommitted', (batch) => this.#onReadings(batch));
    this.#cooling.start();
    this.#schedule();
    this.#log.info({ controlPoints: this.#holding.size }, 'food-safety records started');
  }

  stop(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
    this.#cooling.stop();
    if (this.#timer) this.#d.clock.clearTimeout(this.#timer);
    this.#timer = null;
  }

  /** A changed limit is recorded as a new limit record; records before it keep pointing at the old one. */
  reload(config: StoreConfig): void {
    this.#config = config;
    this.#coolingInForce = resolveCooling(config);
    if (this.#unsubscribe) this.#apply(config);
  }

  /** Closes what has ended and escalates what is overdue; the timer calls it, tests may too. */
  tick(): void {
    const now = this.#d.clock.now();
    const until = now - CLOSE_GRACE_MS;
    this.#atomic(() => {
      const before = this.#store.chain.head().seq;
      const late = this.#holding.close(until, now);
      // A record once written stands: readings for it that come later are counted, not merged.
      if (late > 0) this.#log.warn({ late }, 'readings arrived after their interval was recorded');
      this.#checks.sweep(now);
      this.#timeBatches.sweep(now);
      this.#actions.sweep(now);
      const head = this.#store.chain.head();
      if (head.seq !== before) this.#outbox.chainHead(head);
    });
  }

  /** The built-in packs and the store's own. */
  packs(): RulePack[] {
    return allPacks(this.#config);
  }

  correctiveActions(query: CorrectiveActionsQuery): CorrectiveActionView[] {
    return this.#store
      .actions(query.state === 'open' ? 'open' : null, query.controlPointId ?? null, query.limit)
      .map((row) => this.#actions.view(row));
  }

  /** Every excursion overlapping [from, to), an open one included, in its latest version: what a report lists. */
  excursionsIn(range: { from: number; to: number }): ExcursionView[] {
    return this.#store
      .excursionsIn(range.from, range.to)
      .flatMap((row) => this.#excursionView(row.excursion_id) ?? []);
  }

  /** The latest version of the corrective action of each excursion overlapping [from, to). */
  correctiveActionsIn(range: { from: number; to: number }): CorrectiveActionView[] {
    return this.#store.excursionsIn(range.from, range.to).flatMap((row) => {
      const action = this.#store.actionForExcursion(row.excursion_id);
      return action ? [this.#actions.view(action)] : [];
    });
  }

  /** The newest record of the chain, as central is told it: a printed report carries it. */
  chainHead(): ChainHeadEvent {
    const head = this.#store.chain.head();
    return { seq: head.seq, hash: head.hash.toString('hex'), at: head.at };
  }

  correctiveAction(actionId: number): CorrectiveActionView | undefined {
    const row = this.#store.action(actionId);
    return row && this.#actions.view(row);
  }

  /** Signed by the person in charge, whose PIN the route has checked. */
  signOff(
    actionId: number,
    request: Omit<CorrectiveActionSignOff, 'user' | 'pin'>,
    signer: Signer,
  ): CorrectiveActionView {
    // Who is in charge is the permission table's to say (shared/permissions-table.ts).
    if (!roleNamesMayDo(signer.roles, 'food_safety.sign_off'))
      throw new FoodSafetyError(
        'NOT_IN_CHARGE',
        `${signer.id} is not a person in charge: a manager signs corrective actions off`,
        `${signer.id} 不是当班负责人：纠正措施须由经理签核`,
      );
    const at = this.#d.clock.now();
    return this.#atomic(() => {
      const row = this.#actions.signOff(actionId, request, signer.id, at);
      this.#outbox.chainHead(this.#store.chain.head());
      return this.#actions.view(row);
    });
  }

  /** The manual checks of a store day (omitted: today), each slot with its record or state. */
  checksOfDay(day: string | undefined): CheckSlotView[] {
    return this.#checks.day(day, this.#d.clock.now());
  }

  /** A measured value for a slot, by the person whose PIN the route has checked. */
  enterCheck(
    checkId: string,
    entry: { slotAt: number; valueC: number; note?: string | undefined },
    by: string,
  ): CheckRecordView {
    const at = this.#d.clock.now();
    return this.#write(() => this.#checks.enter(checkId, entry, by, at));
  }

  /** Manual-check records of slots due in [from, to): what a report lists, missed ones included. */
  checkRecordsIn(range: { from: number; to: number }): CheckRecordView[] {
    return this.#checks.records(range);
  }

  /** Batches held under time as the public health control, and what they may be held under. */
  get timeBatches(): TimeBatchesApi {
    const now = () => this.#d.clock.now();
    const batches = this.#timeBatches;
    return {
      options: () => batches.options(),
      list: (query) => batches.list(query),
      batch: (id) => batches.batch(id),
      heldIn: (range) => batches.heldIn(range),
      start: (request, by) => this.#write(() => batches.start(request, by, now())),
      reading: (id, valueC, by) => this.#write(() => batches.reading(id, valueC, by, now())),
      close: (id, request, by) => this.#write(() => batches.close(id, request, by, now())),
    };
  }

  /** A cook starts cooling a batch on a probe; t0 is when the probe reads the limit's start temperature. */
  startCooling(request: CoolingStart, by: string): CoolingBatchView {
    return this.#cooling.begin(request, by);
  }

  coolingProbes(): CoolingProbeView[] {
    return this.#cooling.probes();
  }

  coolingBatches(query: CoolingQuery): CoolingBatchView[] {
    return this.#cooling.list(query);
  }

  coolingBatch(batchId: number): CoolingBatchView {
    return this.#cooling.batch(batchId);
  }

  discardCooling(batchId: number, note: string | undefined, by: string): CoolingBatchView {
    return this.#cooling.discard(batchId, note, by);
  }

  controlPoints(): ControlPointView[] {
    return this.#holding.controlPoints();
  }

  minuteLog(controlPointId: string, day: string): MinuteLog {
    return this.#holding.minuteLog(controlPointId, day);
  }

  compliance(controlPointId: string, day: string): DailyCompliance {
    return this.#holding.compliance(controlPointId, day);
  }

  #apply(config: StoreConfig): void {
    const now = this.#d.clock.now();
    this.#checks.apply(config, now);
    this.#write(() => this.#holding.apply(config, now));
  }

  /** One transaction for records written outside the tick, with the chain head for central. */
  #write<T>(work: () => T): T {
    return this.#atomic(() => {
      const before = this.#store.chain.head().seq;
      const result = work();
      const head = this.#store.chain.head();
      if (head.seq !== before) this.#outbox.chainHead(head);
      return result;
    });
  }

  #excursionView(excursionId: number): ExcursionView | undefined {
    const row = this.#store.excursion(excursionId);
    const limit = row && this.#store.limit(row.limit_seq);
    if (!row || !limit) return undefined;
    const name = this.#holding.name(row.control_point) ?? nameOf(row.control_point);
    return excursionView(row, limit, name);
  }

  #onReadings(batch: EdgeEvents['readingsCommitted']): void {
    this.#cooling.observe(batch);
    this.#holding.observe(batch, this.#d.clock.now());
  }

  #schedule(): void {
    const now = this.#d.clock.now();
    const next = Math.floor((now - CLOSE_GRACE_MS) / 60_000) * 60_000 + 60_000 + CLOSE_GRACE_MS;
    this.#timer = this.#d.clock.setTimeout(() => {
      this.#timer = null;
      try {
        this.tick();
      } catch (err) {
        // The open intervals stay in memory and close on the next tick.
        this.#log.error({ err }, 'food-safety records not written; retrying next minute');
      }
      if (this.#unsubscribe) this.#schedule();
    }, next - now);
  }
}

const nameOf = (id: string): LocalizedText => ({ en: id, 'zh-CN': id });
