import type { TicketView } from '../../../shared/api/tickets';
import type { Equipment } from '../../../shared/config/equipment';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { AssetOutlook } from '../../../shared/predictive/asset-outlook';
import type { PredictiveConfig } from '../../../shared/predictive/predictive-config';
import type { PredictiveFinding } from '../../../shared/predictive/predictive-finding';
import type { PrescriptiveResult } from '../../../shared/predictive/prescriptive';
import type { TicketQuote, TicketQuoteRequest } from '../../../shared/predictive/ticket-quote';
import { ApiHttpError, notFound } from '../../../shared/server/http/errors';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import type { TicketService } from '../tickets/ticket-service';
import { assetMetricsOfType } from './asset-kind';
import type { PredictiveAssetMonitor } from './asset-monitor';
import { assetOutlook } from './asset-outlook';
import { AssetOutlookPublisher } from './asset-outlook-publisher';
import { PrescriptiveInputs, type PrescriptiveOutcome } from './prescriptive-inputs';
import { TicketQuoteStore } from './ticket-quote-store';

/** Live readings re-evaluate an asset's outlook at most this often (the SQL behind it is per asset). */
export const OUTLOOK_EVALUATE_EVERY_MS = 15 * 60_000;

export interface AssetOutlookDeps {
  db: Database;
  storeId: string;
  clock: Clock;
  logger: Logger;
  config: StoreConfig;
  settings: PredictiveConfig;
  tickets: TicketService;
  monitor(equipmentId: string): PredictiveAssetMonitor | undefined;
  /** The finding on an open predictive ticket (monitor phase `found`), if any. */
  openFinding(equipmentId: string): PredictiveFinding | undefined;
}

export interface AssetEvaluation {
  equipment: Equipment;
  monitor: PredictiveAssetMonitor;
  prescriptive: PrescriptiveOutcome;
  outlook: AssetOutlook;
}

/**
 * Repair or replace and the asset outlook of every watched asset: evaluated from the box's
 * records when asked (the API), and offered to central on a finding, a quote, a ticket step
 * and every 15 minutes of live readings (the publisher decides whether it is news).
 */
export class AssetOutlookService {
  readonly #d: AssetOutlookDeps;
  readonly #inputs: PrescriptiveInputs;
  readonly #publisher: AssetOutlookPublisher;
  readonly #quotes: TicketQuoteStore;
  readonly #atomic: Atomic;
  readonly #equipment: Map<string, Equipment>;
  readonly #evaluatedAt = new Map<string, number>();
  readonly stats = { evaluated: 0, quotes: 0, errors: 0 };

  constructor(deps: AssetOutlookDeps) {
    this.#d = deps;
    this.#inputs = new PrescriptiveInputs(deps.db, deps.config, deps.settings);
    this.#publisher = new AssetOutlookPublisher(deps.db, deps.storeId);
    this.#quotes = new TicketQuoteStore(deps.db);
    this.#atomic = atomic(deps.db);
    this.#equipment = new Map(deps.config.equipment.map((e) => [e.id, e]));
  }

  get publisherStats() {
    return this.#publisher.stats;
  }

  evaluate(equipmentId: string): AssetEvaluation | undefined {
    const equipment = this.#equipment.get(equipmentId);
    const monitor = this.#d.monitor(equipmentId);
    const kind = equipment && assetMetricsOfType(equipment.type)?.kind;
    if (!equipment || !monitor || !kind) return undefined;
    const now = this.#d.clock.now();
    const finding = this.#d.openFinding(equipmentId);
    const prescriptive = this.#inputs.outcome(equipment, finding, now);
    const outlook = assetOutlook({
      equipmentId,
      kind,
      phase: monitor.phase,
      driftEvidence: monitor.driftEvidence,
      finding,
      prescriptive,
      at: now,
    });
    this.stats.evaluated++;
    return { equipment, monitor, prescriptive, outlook };
  }

  /** Offers the asset's outlook to central; `throttled`: not again within 15 min of the last evaluation. */
  refresh(equipmentId: string, throttled = false): void {
    const now = this.#d.clock.now();
    if (
      throttled &&
      now - (this.#evaluatedAt.get(equipmentId) ?? Number.NEGATIVE_INFINITY) < OUTLOOK_EVALUATE_EVERY_MS
    )
      return;
    this.#evaluatedAt.set(equipmentId, now);
    try {
      const evaluation = this.evaluate(equipmentId);
      if (evaluation) this.#publisher.offer(evaluation.outlook);
    } catch (err) {
      this.stats.errors++;
      this.#d.logger.error({ err, equipmentId }, 'asset outlook failed; the next reading tries again');
    }
  }

  /** `POST /api/tickets/{id}/quote`: kept, and the unit's outlook re-evaluated in the same transaction. */
  enterQuote(ticketId: number, request: TicketQuoteRequest, by: string): TicketQuote {
    const ticket = this.#d.tickets.get(ticketId);
    if (!ticket) throw notFound(`no ticket ${ticketId}`);
    if (ticket.status === 'verified' || ticket.status === 'closed')
      throw new ApiHttpError(
        409,
        'ticket_finished',
        `ticket ${ticketId} is ${ticket.status}: a quote is for a repair to come`,
      );
    const quote = this.#atomic(() => {
      const kept = this.#quotes.add(ticketId, request.amount, request.note, this.#d.clock.now(), by);
      this.refresh(ticket.equipmentId);
      return kept;
    });
    this.stats.quotes++;
    return quote;
  }

  /** What a ticket's detail adds: its latest quote and, for a watched unit, repair or replace. */
  ticketExtras(ticket: TicketView): {
    quote: TicketQuote | null;
    repairOrReplace: PrescriptiveResult | null;
  } {
    const quote = this.#quotes.latestOfTicket(ticket.id) ?? null;
    const evaluation = this.evaluate(ticket.equipmentId);
    return { quote, repairOrReplace: evaluation?.prescriptive.result ?? null };
  }
}
