import type { KdsTicketView } from '../../../shared/api/kds';
import { type DisplayCredentialStore, displayCredential } from '../auth/display-credential';
import type { PushConnection } from '../live/mqtt-push';
import { fetchOpenTickets } from './kds-api';
import { KdsPush, type KdsPushOptions } from './kds-push';

export interface KdsSnapshot {
  /** each chosen station's open tickets as last fetched */
  tickets: Readonly<Record<string, readonly KdsTicketView[]>>;
  /** the last round of fetches reached the edge */
  connected: boolean;
  /** when the edge last answered; undefined until it has */
  refreshedAt: number | undefined;
  pushing: boolean;
}

export const EMPTY_KDS: KdsSnapshot = {
  tickets: {},
  connected: true,
  refreshedAt: undefined,
  pushing: false,
};

export interface KdsLiveOptions {
  stations: readonly string[];
  now: () => number;
  /** the fallback poll while push is live */
  pollMs?: number;
  /** the poll while push is down or the display is unpaired: a lost edge shows within 5 s */
  unpushedPollMs?: number;
  /** change notices are gathered this long into one refetch per station */
  debounceMs?: number;
  storeId?: string;
  /** ws(s)://host/mqtt of the edge that served the page; omit to poll only */
  mqttUrl?: string;
  pairing?: Pick<DisplayCredentialStore, 'get' | 'subscribe'>;
  connectPush?: (options: KdsPushOptions) => PushConnection;
  fetchTickets?: (station: string) => Promise<KdsTicketView[]>;
}

/**
 * The open tickets of the stations one screen shows, kept live: each change the edge
 * pushes for a station refetches that station (gathered for `debounceMs`), and a poll
 * refetches them all as a safety net, faster while push is down. A failed fetch keeps
 * the tickets on screen and marks the snapshot not connected; the next good one catches up.
 */
export class KdsLive {
  readonly #options: Required<Omit<KdsLiveOptions, 'mqttUrl' | 'storeId'>> &
    Pick<KdsLiveOptions, 'mqttUrl' | 'storeId'>;
  #snapshot: KdsSnapshot = EMPTY_KDS;
  readonly #listeners = new Set<() => void>();
  #running = false;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  #changeTimer: ReturnType<typeof setTimeout> | undefined;
  #changed = new Set<string>();
  #wanted = new Set<string>();
  #draining: Promise<void> | undefined;
  #push: PushConnection | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(options: KdsLiveOptions) {
    // Each default by itself: an option passed as undefined keeps its default.
    this.#options = {
      ...options,
      pollMs: options.pollMs ?? 5000,
      unpushedPollMs: options.unpushedPollMs ?? 2000,
      debounceMs: options.debounceMs ?? 50,
      pairing: options.pairing ?? displayCredential,
      connectPush: options.connectPush ?? ((push) => new KdsPush(push)),
      fetchTickets: options.fetchTickets ?? fetchOpenTickets,
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
    this.#changed.clear();
    this.#wanted.clear();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stopPush();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): KdsSnapshot => this.#snapshot;

  /** Fetches `stations` (by default all) now; settles once they were fetched after the call. */
  refresh(stations: Iterable<string> = this.#options.stations): Promise<void> {
    for (const s of stations) if (this.#options.stations.includes(s)) this.#wanted.add(s);
    this.#draining ??= this.#drain();
    return this.#draining;
  }

  /** A change pushed for `station`: refetched once the burst is over. */
  stationChanged(station: string): void {
    if (!this.#running || !this.#options.stations.includes(station)) return;
    this.#changed.add(station);
    this.#changeTimer ??= setTimeout(() => {
      this.#changeTimer = undefined;
      const changed = this.#changed;
      this.#changed = new Set();
      void this.refresh(changed);
    }, this.#options.debounceMs);
  }

  async #drain(): Promise<void> {
    try {
      while (this.#running && this.#wanted.size > 0) {
        const stations = [...this.#wanted];
        this.#wanted = new Set();
        await this.#fetch(stations);
        if (stations.length === this.#options.stations.length) this.#schedule();
      }
    } finally {
      this.#draining = undefined;
    }
  }

  async #fetch(stations: readonly string[]): Promise<void> {
    const results = await Promise.allSettled(stations.map((s) => this.#options.fetchTickets(s)));
    if (!this.#running) return;
    const tickets = { ...this.#snapshot.tickets };
    let failed = false;
    results.forEach((result, i) => {
      const station = stations[i];
      if (station === undefined) return;
      if (result.status === 'fulfilled') tickets[station] = result.value;
      else failed = true;
    });
    this.#replace({
      ...this.#snapshot,
      tickets,
      connected: !failed,
      refreshedAt: failed ? this.#snapshot.refreshedAt : this.#options.now(),
    });
  }

  #schedule(): void {
    clearTimeout(this.#pollTimer);
    if (!this.#running) return;
    const every = this.#snapshot.pushing ? this.#options.pollMs : this.#options.unpushedPollMs;
    this.#pollTimer = setTimeout(() => void this.refresh(), every);
  }

  #startPush(): void {
    const { mqttUrl, storeId, pairing } = this.#options;
    if (!mqttUrl || !storeId || this.#push || !this.#running || !pairing.get()) return;
    this.#push = this.#options.connectPush({
      url: mqttUrl,
      storeId,
      token: () => pairing.get()?.credential ?? '',
      onStationChanged: (station) => this.stationChanged(station),
      onConnectedChange: (pushing) => {
        if (pushing === this.#snapshot.pushing) return;
        this.#replace({ ...this.#snapshot, pushing });
        // Back: catch up on what was missed. Gone: ask now and fall back to the faster poll.
        void this.refresh();
      },
    });
    this.#push.start();
  }

  #stopPush(): void {
    this.#push?.stop();
    this.#push = undefined;
    if (this.#snapshot.pushing) this.#replace({ ...this.#snapshot, pushing: false });
  }

  #replace(next: KdsSnapshot): void {
    this.#snapshot = next;
    for (const listener of this.#listeners) listener();
  }
}
