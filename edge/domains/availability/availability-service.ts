import type { AlarmView } from '../../../shared/api/alarms';
import type { AvailabilityChange, ItemAvailability } from '../../../shared/api/menu';
import type { Equipment } from '../../../shared/config/equipment';
import type { KitchenSettings } from '../../../shared/config/kitchen';
import type { AvailabilityWebhook } from '../../../shared/config/pos-connectors';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import { EDGE_SUBTREES, topics } from '../../../shared/topics';
import { type Atomic, atomic } from '../../store/atomic';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';
import { AvailabilityDeliverer } from './availability-deliverer';
import { requestFor } from './availability-payloads';
import { type AvailabilityInputs, type UnitDown, unavailableReasons } from './availability-rules';
import { AvailabilityStore, type StoredAvailability } from './availability-store';

/** Offline or silent alone never takes a unit out of service: it may only have lost its network. */
const NOT_OUT_OF_SERVICE_KINDS = new Set(['offline', 'absent']);
/** Tickets, people's 86s and stock are looked at this often; alarms are followed as they change. */
const RECHECK_MS = 1_000;

export class AvailabilityError extends Error {
  constructor(
    readonly code: 'ITEM_UNKNOWN' | 'NOT_86D',
    message: string,
  ) {
    super(message);
    this.name = 'AvailabilityError';
  }
}

export type MenuPublishFn = (
  topic: string,
  payload: string,
  options: { retain: boolean; qos: 0 | 1 },
) => void;

export interface AvailabilityDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  settings: () => {
    kitchen: KitchenSettings;
    equipment: readonly Pick<Equipment, 'id' | 'type' | 'name'>[];
    webhooks: readonly AvailabilityWebhook[];
  };
  alarms: { active(): AlarmView[]; onChange(listener: () => void): () => void };
  /** portions of an item the stock allows; undefined when none of its ingredients is tracked */
  stockPortions?: (item: string) => number | undefined;
  publish?: MenuPublishFn | undefined;
  /**
   * Told every item whose state or reasons changed, inside the transaction that stores
   * them, so what follows the reasons (downtime episodes) commits with them or not at all.
   */
  onItemsChanged?: (changes: readonly { item: string; state: StoredAvailability }[], at: number) => void;
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
}

/**
 * Menu availability, computed: equipment health, stock and people's 86s decide, and the
 * kitchen, the display and the POS are told when an item goes off or comes back. A change
 * is stored with its outbox event and one queued delivery per webhook in one transaction,
 * against the state last told (kept across restarts), so a replayed alarm or a restart
 * tells nobody twice; a restore releases only the reasons that ended, so an item 86'd by
 * hand or for stock stays off when its fryer is repaired.
 */
export class AvailabilityService {
  readonly store: AvailabilityStore;
  readonly deliverer: AvailabilityDeliverer;
  readonly #atomic: Atomic;
  readonly #outbox: OutboxWriter;
  readonly #log: Logger;
  #states: Map<string, StoredAvailability> | undefined;
  /** since when each item has had no portion in stock */
  readonly #outOfStockSince = new Map<string, number>();
  #timer: TimerHandle | undefined;
  #unsubscribe: (() => void) | undefined;
  /** a recompute asked for by an alarm change and not yet run */
  #pending: NodeJS.Immediate | undefined;

  constructor(private readonly deps: AvailabilityDeps) {
    this.store = new AvailabilityStore(deps.db);
    this.#atomic = atomic(deps.db);
    this.#outbox = new OutboxWriter(deps.db, deps.storeId);
    this.#log = deps.logger.child({ ns: 'availability' });
    this.deliverer = new AvailabilityDeliverer({
      store: this.store,
      clock: deps.clock,
      logger: this.#log,
      webhooks: () => deps.settings().webhooks,
      env: deps.env ?? process.env,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    });
  }

  start(): void {
    this.recompute();
    // A burst of a hundred faults is one recompute, run once the burst has been handled
    // (and at once when someone reads the menu meanwhile).
    this.#unsubscribe = this.deps.alarms.onChange(() => {
      this.#pending ??= setImmediate(() => this.recompute());
    });
    this.#timer = this.deps.clock.setInterval(() => this.recompute(), RECHECK_MS);
    this.deliverer.start();
  }

  stop(): void {
    this.#unsubscribe?.();
    if (this.#pending) clearImmediate(this.#pending);
    this.#pending = undefined;
    if (this.#timer) this.deps.clock.clearInterval(this.#timer);
    this.deliverer.stop();
  }

  list(): ItemAvailability[] {
    if (this.#pending) this.recompute();
    const states = this.#known();
    return this.deps.settings().kitchen.menu.map((item) => {
      const state = states.get(item.id);
      return {
        item: item.id,
        name: item.name,
        available: state?.available ?? true,
        reasons: state?.reasons ?? [],
        since: state?.since ?? 0,
      };
    });
  }

  /** Takes an item off by hand (86); it stays off until someone puts it back. */
  stop86(item: string, by: string, note?: string): ItemAvailability {
    this.#item(item);
    this.store.stop(item, { by, at: this.deps.clock.now(), ...(note ? { note } : {}) });
    this.recompute();
    return this.#view(item);
  }

  /** Ends a hand 86; the item comes back unless equipment or stock still keeps it off. */
  release86(item: string): ItemAvailability {
    this.#item(item);
    if (!this.store.release(item)) throw new AvailabilityError('NOT_86D', `"${item}" was not 86'd by hand`);
    this.recompute();
    return this.#view(item);
  }

  /** Compares what should be with what was last told, and tells every change. */
  recompute(): void {
    if (this.#pending) clearImmediate(this.#pending);
    this.#pending = undefined;
    const now = this.deps.clock.now();
    const settings = this.deps.settings();
    const reasons = unavailableReasons({
      menu: settings.kitchen.menu,
      equipment: settings.equipment,
      down: this.#unitsDown(),
      manual: this.store.manualStops(),
      ...(this.deps.stockPortions ? { stockPortions: (item: string) => this.#stock(item, now) } : {}),
    });
    const states = this.#known();
    const changes: { item: string; state: StoredAvailability }[] = [];
    const rewrites: { item: string; state: StoredAvailability }[] = [];
    for (const [item, found] of reasons) {
      const before = states.get(item) ?? { available: true, reasons: [], since: 0 };
      const available = found.length === 0;
      if (available !== before.available)
        changes.push({ item, state: { available, reasons: found, since: now } });
      else if (JSON.stringify(found) !== JSON.stringify(before.reasons))
        rewrites.push({ item, state: { ...before, reasons: found } });
    }
    if (changes.length === 0 && rewrites.length === 0) return;
    this.#atomic(() => {
      for (const { item, state } of rewrites) this.store.saveState(item, state);
      for (const { item, state } of changes) this.#tell(item, state, settings.webhooks);
      this.deps.onItemsChanged?.([...rewrites, ...changes], now);
    });
    for (const { item, state } of [...rewrites, ...changes]) states.set(item, state);
    for (const { item, state } of changes) this.#announce(item, state);
    if (changes.length > 0) this.deliverer.kick();
  }

  #tell(item: string, state: StoredAvailability, webhooks: readonly AvailabilityWebhook[]): void {
    this.store.saveState(item, state);
    const base = {
      storeId: this.deps.storeId,
      item,
      available: state.available,
      reasons: state.reasons,
      at: state.since,
    };
    this.#outbox.append({ type: 'menu.availability', entityId: item, ts: state.since, payload: base });
    for (const webhook of webhooks) {
      const change: AvailabilityChange = {
        ...base,
        idempotencyKey: `${this.deps.storeId}:${webhook.id}:${item}:${state.available ? 'in' : 'out'}:${state.since}`,
      };
      const request = requestFor(webhook, change);
      if (!request) {
        this.#log.warn(
          { webhook: webhook.id, item },
          'availability not sent: the webhook has no id for this item',
        );
        continue;
      }
      this.store.enqueue(
        {
          webhook: webhook.id,
          item,
          available: state.available,
          idempotencyKey: change.idempotencyKey,
          request: JSON.stringify(request),
        },
        state.since,
      );
    }
    this.#log.info(
      { item, available: state.available, reasons: state.reasons.map((r) => r.kind) },
      'menu availability changed',
    );
  }

  /** Retained per item on `galley/{storeId}/_edge/menu/{item}`, for POS terminals and screens on the LAN. */
  #announce(item: string, state: StoredAvailability): void {
    this.deps.publish?.(
      topics.edge(this.deps.storeId, EDGE_SUBTREES.menu, item),
      JSON.stringify({ item, available: state.available, reasons: state.reasons, since: state.since }),
      { retain: true, qos: 1 },
    );
  }

  #stock(item: string, now: number): ReturnType<NonNullable<AvailabilityInputs['stockPortions']>> {
    const portions = this.deps.stockPortions?.(item);
    if (portions === undefined || portions >= 1) {
      this.#outOfStockSince.delete(item);
      return portions === undefined ? undefined : { portions, since: 0 };
    }
    const since = this.#outOfStockSince.get(item) ?? now;
    this.#outOfStockSince.set(item, since);
    return { portions, since };
  }

  #unitsDown(): Map<string, UnitDown> {
    const down = new Map<string, UnitDown>();
    // A unit down for an alarm and a ticket both shows both, since the earlier.
    const keep = (unit: UnitDown) => {
      const held = down.get(unit.equipmentId);
      down.set(unit.equipmentId, held ? { ...held, ...unit, since: Math.min(held.since, unit.since) } : unit);
    };
    for (const alarm of this.deps.alarms.active()) {
      if (
        alarm.severity !== 'critical' ||
        alarm.clearedAt !== null ||
        NOT_OUT_OF_SERVICE_KINDS.has(alarm.ruleKind)
      )
        continue;
      keep({
        equipmentId: alarm.equipmentId,
        since: alarm.raisedAt,
        alarmId: alarm.id,
        alarmTitle: alarm.title,
      });
    }
    for (const ticket of this.store.outOfServiceTickets()) keep({ ...ticket });
    return down;
  }

  #known(): Map<string, StoredAvailability> {
    this.#states ??= this.store.states();
    return this.#states;
  }

  #item(item: string): void {
    const menu = this.deps.settings().kitchen.menu;
    if (!menu.some((m) => m.id === item))
      throw new AvailabilityError(
        'ITEM_UNKNOWN',
        `no menu item "${item}"; the menu has ${menu.map((m) => m.id).join(', ')}`,
      );
  }

  #view(item: string): ItemAvailability {
    const found = this.list().find((i) => i.item === item);
    if (!found) throw new AvailabilityError('ITEM_UNKNOWN', `no menu item "${item}"`);
    return found;
  }
}
