import type { ItemAvailability } from '../../../shared/api/menu';
import { type DisplayCredentialStore, displayCredential } from '../auth/display-credential';
import type { PushConnection } from '../live/mqtt-push';
import { fetchAvailability } from './menu-api';
import { MenuPush, type MenuPushOptions } from './menu-push';

export interface MenuSnapshot {
  /** every menu item with its state, as last fetched; undefined until the edge answered once */
  items: readonly ItemAvailability[] | undefined;
  /** the last fetch reached the edge */
  connected: boolean;
  pushing: boolean;
}

export const EMPTY_MENU: MenuSnapshot = { items: undefined, connected: true, pushing: false };

export interface MenuLiveOptions {
  /** the fallback poll, pushed or not */
  pollMs?: number;
  /** change notices (a burst of retained ones on connect) are gathered this long into one fetch */
  debounceMs?: number;
  storeId?: string | undefined;
  /** ws(s)://host/mqtt of the edge that served the page; omit to poll only */
  mqttUrl?: string | undefined;
  pairing?: Pick<DisplayCredentialStore, 'get' | 'subscribe'>;
  connectPush?: (options: MenuPushOptions) => PushConnection;
  fetchAvailability?: () => Promise<ItemAvailability[]>;
}

/**
 * The store's menu availability, kept live: an item change pushed on
 * `_edge/menu/{item}` refetches the list (gathered for `debounceMs`), and a poll every
 * `pollMs` catches what push missed. A failed fetch keeps the last list on screen.
 */
export class MenuLive {
  readonly #options: Required<Omit<MenuLiveOptions, 'mqttUrl' | 'storeId'>> &
    Pick<MenuLiveOptions, 'mqttUrl' | 'storeId'>;
  #snapshot: MenuSnapshot = EMPTY_MENU;
  readonly #listeners = new Set<() => void>();
  #running = false;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #changeTimer: ReturnType<typeof setTimeout> | undefined;
  #wanted = false;
  #draining: Promise<void> | undefined;
  #push: PushConnection | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(options: MenuLiveOptions = {}) {
    this.#options = {
      ...options,
      pollMs: options.pollMs ?? 5000,
      debounceMs: options.debounceMs ?? 200,
      pairing: options.pairing ?? displayCredential,
      connectPush: options.connectPush ?? ((push) => new MenuPush(push)),
      fetchAvailability: options.fetchAvailability ?? fetchAvailability,
    };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#unsubscribe = this.#options.pairing.subscribe(() => {
      this.#stopPush();
      this.#startPush();
    });
    this.#startPush();
    void this.refresh();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#pollTimer);
    clearTimeout(this.#changeTimer);
    this.#pollTimer = this.#changeTimer = undefined;
    this.#wanted = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stopPush();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): MenuSnapshot => this.#snapshot;

  /** Fetches the list now; settles once it was fetched after the call. */
  refresh(): Promise<void> {
    this.#wanted = true;
    this.#draining ??= this.#drain();
    return this.#draining;
  }

  /** A change pushed for an item: the list is fetched once the burst is over. */
  itemChanged(): void {
    if (!this.#running) return;
    this.#changeTimer ??= setTimeout(() => {
      this.#changeTimer = undefined;
      void this.refresh();
    }, this.#options.debounceMs);
  }

  async #drain(): Promise<void> {
    try {
      while (this.#running && this.#wanted) {
        this.#wanted = false;
        await this.#fetch();
      }
      this.#schedule();
    } finally {
      this.#draining = undefined;
    }
  }

  async #fetch(): Promise<void> {
    try {
      const items = await this.#options.fetchAvailability();
      if (this.#running) this.#replace({ ...this.#snapshot, items, connected: true });
    } catch {
      // Kept on screen as last fetched; the poll asks again and the snapshot says the edge is not answering.
      if (this.#running) this.#replace({ ...this.#snapshot, connected: false });
    }
  }

  #schedule(): void {
    clearTimeout(this.#pollTimer);
    if (!this.#running) return;
    this.#pollTimer = setTimeout(() => void this.refresh(), this.#options.pollMs);
  }

  #startPush(): void {
    const { mqttUrl, storeId, pairing } = this.#options;
    if (!mqttUrl || !storeId || this.#push || !this.#running || !pairing.get()) return;
    this.#push = this.#options.connectPush({
      url: mqttUrl,
      storeId,
      token: () => pairing.get()?.credential ?? '',
      onItemChanged: () => this.itemChanged(),
      onConnectedChange: (pushing) => {
        if (pushing === this.#snapshot.pushing) return;
        this.#replace({ ...this.#snapshot, pushing });
        if (!pushing) void this.refresh();
      },
    });
    this.#push.start();
  }

  #stopPush(): void {
    this.#push?.stop();
    this.#push = undefined;
    if (this.#snapshot.pushing) this.#replace({ ...this.#snapshot, pushing: false });
  }

  #replace(next: MenuSnapshot): void {
    this.#snapshot = next;
    for (const listener of this.#listeners) listener();
  }
}
