import { PREDICTIVE_FAULT_PREFIX, type TicketView } from '../../../shared/api/tickets';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { PredictiveAssetView } from '../../../shared/predictive/predictive-asset-view';
import { PredictiveConfig } from '../../../shared/predictive/predictive-config';
import type { PredictiveFinding } from '../../../shared/predictive/predictive-finding';
import type { TelemetryRow } from '../../../shared/predictive/telemetry-row';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { EdgeEvents, EventBus } from '../../runtime/event-bus';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';
import { LocalTimeOfDay } from '../rules/local-time';
import type { TicketService, TicketTransitionCommitting } from '../tickets/ticket-service';
import type { PredictiveAssetMonitor } from './asset-monitor';
import { AssetOutlookService } from './asset-outlook-service';
import { HOUR_MS } from './hourly-features';
import { predictiveAssetView } from './predictive-asset-views';
import { PredictiveFleet } from './predictive-fleet';
import { PredictiveStore } from './predictive-store';
import { categoryOfCause, predictiveTicketNote, predictiveTicketTitle } from './predictive-ticket-text';
import { StoredTelemetry } from './stored-telemetry';

const DAY_MS = 24 * HOUR_MS;
/**
 * Live messages held while the restart replay runs (about a day of a 40-unit store at
 * one message per unit every 10 s); past it the oldest are dropped and counted: the rows
 * are in SQLite, only this asset's evidence of those minutes is lost.
 */
const MAX_HELD_BATCHES = 50_000;
/** A resolution saying the unit or its compressor/element was replaced: its baseline is learned afresh. */
const REPLACED = /replac|更换|换新/i;

export interface PredictiveServiceDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  storeId: string;
  config: StoreConfig;
  tickets: TicketService;
}

/**
 * Predictive maintenance on the box: feeds every committed reading of the watched cold
 * boxes and fryers to their monitors; a finding opens a repair ticket of kind
 * `predictive` (fault `predictive:<cause>`, one unfinished per asset and cause) and an
 * outbox event for central; a verified repair resets the asset's evidence so the ticket
 * does not come back. It never touches food-safety records: a prediction is no excursion.
 *
 * Kept across a restart: the learned baseline (predictive_assets) and the findings with
 * their repairs (predictive_findings). On start the evidence is rebuilt from the stored
 * raw readings of the last forecast window (bounded, a page at a time, yielding to the
 * event loop); live readings arriving meanwhile are held and fed after it.
 */
export class PredictiveService {
  readonly #d: PredictiveServiceDeps;
  readonly #log: Logger;
  readonly #store: PredictiveStore;
  readonly #telemetry: StoredTelemetry;
  readonly #outbox: OutboxWriter;
  readonly #atomic: Atomic;
  readonly #settings: PredictiveConfig;
  readonly #fleet: PredictiveFleet;
  readonly #types = new Map<string, string>();
  /** Last timestamp fed per asset: a live message the replay already covered is skipped. */
  readonly #lastFed = new Map<string, number>();
  readonly #learning = new Set<string>();
  /** Repair or replace and the outlook central ranks assets by (asset-outlook-service.ts). */
  readonly outlooks: AssetOutlookService;
  #held: EdgeEvents['readingsCommitted'][] | null = null;
  #unsubscribe: (() => void)[] = [];
  #running = false;
  readonly stats = {
    findings: 0,
    ticketsOpened: 0,
    replayedRows: 0,
    heldDropped: 0,
    baselinesSaved: 0,
    repairsVerified: 0,
    errors: 0,
  };

  constructor(deps: PredictiveServiceDeps) {
    this.#d = deps;
    this.#log = deps.logger.child({ ns: 'predictive' });
    this.#store = new PredictiveStore(deps.db);
    this.#telemetry = new StoredTelemetry(deps.db);
    this.#outbox = new OutboxWriter(deps.db, deps.storeId);
    this.#atomic = atomic(deps.db);
    this.#settings = deps.config.predictive ?? PredictiveConfig.parse({});
    const watchedTypes = new Set(this.#settings.enabled ? this.#settings.equipmentTypes : []);
    const excluded = new Set(this.#settings.excludeEquipment);
    const watched = deps.config.equipment.filter((e) => watchedTypes.has(e.type) && !excluded.has(e.id));
    for (const e of watched) this.#types.set(e.id, e.type);
    const local = new LocalTimeOfDay(deps.config.store.timezone);
    this.#fleet = new PredictiveFleet(
      watched,
      (ms) => Math.floor(local.at(ms).minuteOfDay / 60),
      this.#settings.settings,
    );
    this.outlooks = new AssetOutlookService({
      ...deps,
      settings: this.#settings,
      monitor: (id) => this.#fleet.monitor(id),
      openFinding: (id) =>
        this.#fleet.monitor(id)?.phase === 'found' ? this.#store.latestFinding(id)?.finding : undefined,
    });
  }

  /** Equipment watched, each with its type. */
  get watched(): ReadonlyMap<string, string> {
    return this.#types;
  }

  get settings(): PredictiveConfig {
    return this.#settings;
  }

  monitor(equipmentId: string): PredictiveAssetMonitor | undefined {
    return this.#fleet.monitor(equipmentId);
  }

  latestFinding(equipmentId: string) {
    return this.#store.latestFinding(equipmentId);
  }

  /** Every watched asset: learning (days left), watching, or its finding with the repair-or-replace figures. */
  assets(): PredictiveAssetView[] {
    return this.#d.config.equipment.flatMap((e) => this.asset(e.id) ?? []);
  }

  /** One watched asset (undefined: not watched). */
  asset(equipmentId: string): PredictiveAssetView | undefined {
    const evaluation = this.outlooks.evaluate(equipmentId);
    if (!evaluation) return undefined;
    const latest = this.#store.latestFinding(equipmentId);
    const ticketId = latest?.ticketId ?? null;
    return predictiveAssetView({
      ...evaluation,
      latest,
      ticketStatus: ticketId === null ? null : (this.#d.tickets.get(ticketId)?.status ?? null),
      lastVerifiedAt: this.#store.lastVerifiedAt(equipmentId),
      settings: this.#settings,
      now: this.#d.clock.now(),
    });
  }

  /** Subscribes at once (holding live readings), restores and replays, then feeds what was held. */
  async start(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    this.#held = [];
    this.#unsubscribe = [
      this.#d.bus.on('readingsCommitted', (batch) => this.#onReadings(batch)),
      this.#d.tickets.onTransitionCommitting((step) => this.#onTicketStep(step)),
    ];
    const cutoff = this.#d.clock.now();
    for (const equipmentId of this.#fleet.watched) {
      if (!this.#running) return;
      try {
        await this.#restore(equipmentId, cutoff);
      } catch (err) {
        this.stats.errors++;
        this.#log.error(
          { err, equipmentId },
          'predictive restore failed; the asset carries on from live readings',
        );
      }
    }
    const held = this.#held ?? [];
    this.#held = null;
    for (const batch of held) this.#onReadings(batch);
  }

  stop(): void {
    this.#running = false;
    for (const off of this.#unsubscribe) off();
    this.#unsubscribe = [];
    this.#held = null;
  }

  /**
   * The learned baseline comes back as it was; the evidence is rebuilt from the raw readings
   * since the later of the forecast window and the last verified repair. An asset still
   * learning replays its learning days (bounded by them and a week of slack).
   */
  async #restore(equipmentId: string, cutoff: number): Promise<void> {
    const monitor = this.#fleet.monitor(equipmentId);
    const stored = this.#store.asset(equipmentId);
    if (!monitor || !stored) return;
    const s = this.#settings.settings;
    let from: number;
    if (stored.baseline) {
      const latest = this.#store.latestFinding(equipmentId);
      monitor.restoreBaseline(stored.baseline, latest !== undefined && this.#stillOpen(latest.ticketId));
      const window = cutoff - Math.max(s.forecastWindowH, 48) * HOUR_MS;
      from = Math.max(window, stored.baseline.learnedUntil, this.#store.lastVerifiedAt(equipmentId) ?? 0);
    } else {
      from = Math.max(stored.learnFrom - 1, cutoff - (s.baselineDays + 7) * DAY_MS);
      this.#learning.add(equipmentId);
    }
    const rows = await this.#telemetry.replay(
      equipmentId,
      { from, to: cutoff },
      (page) => this.#feedRows(equipmentId, page),
      () => !this.#running,
    );
    this.stats.replayedRows += rows;
    this.#log.info({ equipmentId, rows, from, phase: monitor.phase }, 'predictive evidence rebuilt');
  }

  #stillOpen(ticketId: number | null): boolean {
    if (ticketId === null) return false;
    const status = this.#d.tickets.get(ticketId)?.status;
    return status !== undefined && status !== 'verified' && status !== 'closed';
  }

  #onReadings(batch: EdgeEvents['readingsCommitted']): void {
    if (this.#held) {
      if (this.#held.length >= MAX_HELD_BATCHES) {
        this.#held.shift();
        this.stats.heldDropped++;
      }
      this.#held.push(batch);
      return;
    }
    for (const message of batch) {
      if (!this.#types.has(message.equipmentId)) continue;
      if (message.ts <= (this.#lastFed.get(message.equipmentId) ?? Number.NEGATIVE_INFINITY)) continue;
      this.#guard(message.equipmentId, () => {
        this.#firstReading(message.equipmentId, message.ts);
        this.#lastFed.set(message.equipmentId, message.ts);
        const found = this.#fleet.pushMessage(message.equipmentId, message.ts, message.readings);
        this.#afterFeed(message.equipmentId, found);
        this.outlooks.refresh(message.equipmentId, true);
      });
    }
  }

  #feedRows(equipmentId: string, rows: TelemetryRow[]): void {
    const last = rows.at(-1);
    if (!last) return;
    this.#guard(equipmentId, () => {
      this.#lastFed.set(equipmentId, last.ts);
      this.#afterFeed(equipmentId, this.#fleet.pushRows(equipmentId, rows));
    });
  }

  /** The first reading ever of an asset starts its learning days (remembered for a restart). */
  #firstReading(equipmentId: string, ts: number): void {
    if (this.#lastFed.has(equipmentId) || this.#learning.has(equipmentId)) return;
    if (this.#store.asset(equipmentId)) return;
    this.#store.beginLearning(equipmentId, ts, this.#d.clock.now());
    this.#learning.add(equipmentId);
  }

  #afterFeed(equipmentId: string, found: PredictiveFinding[]): void {
    const monitor = this.#fleet.monitor(equipmentId);
    if (monitor && this.#learning.has(equipmentId) && monitor.phase !== 'learning') {
      const snapshot = monitor.baselineSnapshot();
      if (snapshot) {
        this.#store.saveBaseline(equipmentId, snapshot, this.#d.clock.now());
        this.#learning.delete(equipmentId);
        this.stats.baselinesSaved++;
        this.#log.info({ equipmentId, learnedUntil: snapshot.learnedUntil }, 'predictive baseline learned');
      }
    }
    for (const finding of found) this.#onFinding(finding);
  }

  /**
   * A ticket first (its own transaction, announced like any ticket), then the finding with
   * the ticket's id and the outbox event. Both are idempotent: a finding replayed after a
   * crash between them lands on the same unfinished ticket and the same finding row.
   */
  #onFinding(finding: PredictiveFinding): void {
    this.stats.findings++;
    const { ticket, created } = this.#d.tickets.openFromAnalysis({
      equipmentId: finding.equipmentId,
      fault: `${PREDICTIVE_FAULT_PREFIX}${finding.cause}`,
      category: categoryOfCause(finding.cause),
      title: predictiveTicketTitle(finding),
      severity: 'warning',
      note: predictiveTicketNote(finding),
    });
    if (created) this.stats.ticketsOpened++;
    const now = this.#d.clock.now();
    this.#atomic(() => {
      if (!this.#store.recordFinding(finding, ticket.id, now)) return;
      this.#outbox.append({
        type: 'predictive.finding',
        entityId: ticket.id,
        ts: now,
        payload: { ...finding, ticketId: ticket.id, equipmentType: this.#types.get(finding.equipmentId) },
      });
    });
    this.outlooks.refresh(finding.equipmentId);
    this.#log.info(
      { equipmentId: finding.equipmentId, cause: finding.cause, ticketId: ticket.id, created },
      'predictive finding',
    );
  }

  /**
   * Inside the ticket step's transaction: a predictive ticket verified (or closed without
   * a repair, a prediction set aside) resets the asset's evidence, so it does not come
   * back the next day. A replacement relearns the baseline from scratch.
   */
  #onTicketStep(step: TicketTransitionCommitting): void {
    const { ticket, request, at } = step;
    if (request.to !== 'verified' && request.to !== 'closed') return;
    if (!ticket.fault.startsWith(PREDICTIVE_FAULT_PREFIX)) return;
    const monitor = this.#fleet.monitor(ticket.equipmentId);
    if (!monitor) return;
    const stored = this.#store.findingOfTicket(ticket.id);
    if (request.to === 'closed' && stored?.verifiedAt != null) return; // reset when it was verified
    this.#store.markVerified(ticket.id, at);
    const relearn = relearnAfter(ticket);
    if (relearn) {
      this.#store.beginLearning(ticket.equipmentId, at, at);
      this.#learning.add(ticket.equipmentId);
    }
    monitor.repairVerified(at, relearn);
    this.stats.repairsVerified++;
    this.outlooks.refresh(ticket.equipmentId);
  }

  #guard(equipmentId: string, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.stats.errors++;
      this.#log.error({ err, equipmentId }, 'predictive handling of readings failed');
    }
  }
}

function relearnAfter(ticket: TicketView): boolean {
  return REPLACED.test(`${ticket.resolutionCode ?? ''} ${ticket.resolutionNotes ?? ''}`);
}
