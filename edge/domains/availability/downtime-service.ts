import type { DowntimeCostEvent, DowntimeCostReport } from '../../../shared/api/downtime';
import type { Equipment } from '../../../shared/config/equipment';
import type { MenuItem } from '../../../shared/config/kitchen';
import { MENU_PRICE_DECIMALS } from '../../../shared/config/kitchen';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';
import { AvailabilityStore, type StoredAvailability } from './availability-store';
import { hoursBefore, localHourOf } from './downtime-hours';
import { priceEpisode } from './downtime-pricing';
import { RATE_HOURS } from './downtime-rate';
import { splitEvenly } from './downtime-ratio';
import { equipmentReport, ticketReport } from './downtime-report';
import { DowntimeStore, type EpisodeUnit, type OpenEpisode, type ShareRow } from './downtime-store';

const MINOR_PER_MAJOR = 10 ** MENU_PRICE_DECIMALS;

export interface DowntimeDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  settings: () => {
    menu: readonly MenuItem[];
    equipment: readonly Pick<Equipment, 'id'>[];
    currency: string;
    timeZone: string;
  };
}

export interface ItemChange {
  item: string;
  state: StoredAvailability;
}

/**
 * Equipment downtime, costed in sales lost. While equipment keeps a menu item off, an
 * episode is open for that item and the set of units down (with their alarms and
 * tickets); it ends when the item comes back or the equipment stops being a reason (a
 * hand or stock 86 that goes on is not the equipment's), and a change in the set of
 * units ends it and opens the next one at the same instant. When it ends it is priced
 * (downtime-pricing.ts), shared evenly between the units that were down together (each
 * alone would have left the item on sale) and recorded against each unit's ticket.
 *
 * Episodes live in SQLite and are opened and closed in the transaction that stores the
 * availability change, so a restart finds the episode it left open and goes on with it:
 * nothing is lost and nothing counted twice.
 */
export class DowntimeService {
  readonly store: DowntimeStore;
  readonly #states: AvailabilityStore;
  readonly #atomic: Atomic;
  readonly #outbox: OutboxWriter;
  readonly #log: Logger;

  constructor(private readonly deps: DowntimeDeps) {
    this.store = new DowntimeStore(deps.db);
    this.#states = new AvailabilityStore(deps.db);
    this.#atomic = atomic(deps.db);
    this.#outbox = new OutboxWriter(deps.db, deps.storeId);
    this.#log = deps.logger.child({ ns: 'availability.downtime' });
  }

  /**
   * Squares the open episodes with the stored availability: the first start after an
   * upgrade opens what is already down, and an item gone from the menu ends its episode.
   */
  start(): void {
    const now = this.deps.clock.now();
    const states = this.#states.states();
    const menu = new Set(this.deps.settings().menu.map((m) => m.id));
    const items = new Set([...states.keys(), ...this.store.openEpisodes().map((e) => e.item)]);
    const changes: ItemChange[] = [];
    for (const item of items) {
      const state = states.get(item);
      changes.push({
        item,
        state: state && menu.has(item) ? state : { available: true, reasons: [], since: now },
      });
    }
    this.#atomic(() => this.itemsChanged(changes, now));
  }

  stop(): void {
    // Nothing runs between changes: every episode is in SQLite.
  }

  /** undefined when the store has no such equipment */
  equipmentCost(
    equipmentId: string,
    range: { from?: number | undefined; to?: number | undefined },
  ): DowntimeCostReport | undefined {
    const settings = this.deps.settings();
    if (!settings.equipment.some((e) => e.id === equipmentId)) return undefined;
    return equipmentReport(this.store, settings.menu, equipmentId, range);
  }

  /** undefined when there is no such ticket */
  ticketCost(ticketId: number): DowntimeCostReport | undefined {
    if (!this.store.ticketExists(ticketId)) return undefined;
    return ticketReport(this.store, this.deps.settings().menu, ticketId, this.store.alarmsOfTicket(ticketId));
  }

  /**
   * The availability service calls this inside the transaction that stores the changes.
   * Each item is reconciled in a savepoint of its own: a fault in costing one item is
   * logged and leaves its episode open, and never holds back the menu change itself.
   */
  itemsChanged(changes: readonly ItemChange[], at: number): void {
    for (const { item, state } of changes) {
      try {
        this.#atomic(() => this.#reconcile(item, state, at));
      } catch (err) {
        this.#log.error({ err, item }, 'downtime episode not updated; it is retried on the next change');
      }
    }
  }

  #reconcile(item: string, state: StoredAvailability, at: number): void {
    const wanted = state.available ? [] : unitsDown(state);
    const key = unitKey(wanted);
    const open = this.store.openEpisode(item);
    if (open && open.unitKey === key) return;
    if (open) this.#close(open, at);
    if (wanted.length > 0) this.store.open(item, key, wanted, at);
  }

  #close(episode: OpenEpisode, at: number): void {
    const settings = this.deps.settings();
    const endedAt = Math.max(at, episode.startedAt);
    const price = settings.menu.find((m) => m.id === episode.item)?.price;
    const priceMinor = price === undefined ? undefined : Math.round(price * MINOR_PER_MAJOR);
    const hours = hoursBefore(episode.startedAt, RATE_HOURS, settings.timeZone);
    const cost = priceEpisode({
      startedAt: episode.startedAt,
      endedAt,
      priceMinor,
      timeZone: settings.timeZone,
      history: {
        hours,
        orders: this.store.sales(
          episode.item,
          hours[0]?.start ?? episode.startedAt,
          localHourOf(episode.startedAt, settings.timeZone).start,
        ),
        firstOrderAt: this.store.firstOrderAt(),
      },
    });
    const closed = this.store.close(episode.id, {
      endedAt,
      currency: settings.currency,
      priceMinor,
      ...cost,
    });
    if (!closed) return;
    const amounts = splitEvenly(cost.amountMinor, episode.units.length);
    const portions = splitEvenly(cost.portionsMilli, episode.units.length);
    const shares: ShareRow[] = episode.units.map((unit, i) => ({
      equipmentId: unit.equipmentId,
      ticketId:
        unit.ticketId ??
        (unit.alarmId === undefined ? undefined : this.store.ticketOfAlarm(unit.alarmId)) ??
        null,
      alarmId: unit.alarmId ?? null,
      portionsMilli: portions[i] ?? 0,
      amountMinor: amounts[i] ?? 0,
    }));
    for (const share of shares) this.store.addShare(episode.id, share);
    const money = (minor: number) => ({ currency: settings.currency, amount: minor / MINOR_PER_MAJOR });
    const event: DowntimeCostEvent = {
      storeId: this.deps.storeId,
      currency: settings.currency,
      id: episode.id,
      item: episode.item,
      startedAt: episode.startedAt,
      endedAt,
      priced: priceMinor !== undefined,
      rateBasis: cost.bases,
      portionsLost: cost.portionsMilli / 1000,
      amount: money(cost.amountMinor),
      shares: shares.map((s) => ({
        equipmentId: s.equipmentId,
        ticketId: s.ticketId,
        alarmId: s.alarmId,
        portionsLost: s.portionsMilli / 1000,
        amount: money(s.amountMinor),
      })),
    };
    this.#outbox.append({ type: 'downtime.cost', entityId: episode.id, ts: endedAt, payload: event });
    this.#log.info(
      { item: episode.item, units: shares.map((s) => s.equipmentId), amountMinor: cost.amountMinor },
      'downtime episode ended and costed',
    );
  }
}

/** Every unit an equipment reason names, once each, in a stable order. */
export function unitsDown(state: StoredAvailability): EpisodeUnit[] {
  const units = new Map<string, EpisodeUnit>();
  for (const reason of state.reasons) {
    if (reason.kind !== 'equipment') continue;
    for (const u of reason.units) {
      const unit: EpisodeUnit = units.get(u.equipmentId) ?? { equipmentId: u.equipmentId };
      if (u.alarmId !== undefined) unit.alarmId = u.alarmId;
      if (u.ticketId !== undefined) unit.ticketId = u.ticketId;
      units.set(u.equipmentId, unit);
    }
  }
  return [...units.values()].sort((a, b) => (a.equipmentId < b.equipmentId ? -1 : 1));
}

/** Names the units and what holds each down; `since` is left out, so a restart gives the same key. */
export function unitKey(units: readonly EpisodeUnit[]): string {
  return units.map((u) => `${u.equipmentId}:${u.alarmId ?? ''}:${u.ticketId ?? ''}`).join(',');
}
