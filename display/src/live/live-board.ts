import type { z } from 'zod';
import { AlarmList } from '../../../shared/api/alarms';
import { EquipmentList, ReadingSeries } from '../../../shared/api/equipment';
import { StoreInfo } from '../../../shared/api/store';
import { TicketList } from '../../../shared/api/tickets';
import { EdgeRequestError, requestEdge } from '../api/edge-client';
import { type DisplayCredentialStore, displayCredential } from '../auth/display-credential';
import { type BoardSnapshot, EMPTY_SNAPSHOT } from './board-snapshot';
import { MqttPush } from './mqtt-push';

export interface LiveBoardOptions {
  now: () => number;
  /** how often the board asks the edge for its state while push is down */
  pollMs?: number;
  /** the slower poll while push is live: a safety net, since push already rings on every change */
  pushingPollMs?: number;
  sparklineEveryMs?: number;
  /** ws(s)://host/mqtt of the edge that served the page; omit to poll only */
  mqttUrl?: string;
  /** this display's pairing: push runs only while paired, with the credential as its password */
  pairing?: Pick<DisplayCredentialStore, 'get' | 'subscribe'>;
}

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** The edge answers 404 where a part (alarms, tickets, store info) is not mounted: the board shows the rest. */
const Missing = Symbol('missing');

/**
 * The board's live state: a poll loop, MQTT push as a trigger to refresh at once,
 * and the connection flag behind the stale bar. The board reads without any token,
 * so there is no session anyone could end; push needs the display to be paired.
 * Unpaired, the board polls every second instead.
 * A refresh always fetches the whole state, so recovering after an outage is
 * just the next successful refresh.
 */
export class LiveBoard {
  readonly #options: Required<Omit<LiveBoardOptions, 'mqttUrl'>> & { mqttUrl?: string };
  #storeId: string | undefined;
  #unsubscribe: (() => void) | undefined;
  #snapshot: BoardSnapshot = EMPTY_SNAPSHOT;
  readonly #listeners = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #running = false;
  #inFlight: Promise<void> | undefined;
  #again = false;
  #sparklinesAt = 0;
  #push: MqttPush | undefined;

  constructor(options: LiveBoardOptions) {
    this.#options = {
      pollMs: 1000,
      pushingPollMs: 5000,
      sparklineEveryMs: MINUTE_MS,
      pairing: displayCredential,
      ...options,
    };
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    // Paired or revoked while running: push starts or stops with it.
    this.#unsubscribe = this.#options.pairing.subscribe(() => this.#restartPush());
    void this.refresh();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stopPush();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): BoardSnapshot => this.#snapshot;

  /** Fetches the whole state now; calls made while one runs coalesce into one more. */
  refresh(): Promise<void> {
    if (this.#inFlight) {
      this.#again = true;
      return this.#inFlight;
    }
    this.#inFlight = this.#refreshOnce().finally(() => {
      this.#inFlight = undefined;
      if (this.#again && this.#running) {
        this.#again = false;
        void this.refresh();
      } else this.#schedule();
    });
    return this.#inFlight;
  }

  async #refreshOnce(): Promise<void> {
    try {
      const store = this.#snapshot.store ?? (await this.#optional('/api/store', StoreInfo));
      const [equipment, alarms, tickets] = await Promise.all([
        requestEdge('/api/equipment', EquipmentList),
        this.#optional('/api/alarms?state=open', AlarmList),
        this.#optional('/api/tickets?status=open', TicketList),
      ]);
      const sparklines = await this.#sparklines(equipment);
      this.#set({
        store: store === Missing ? undefined : store,
        equipment,
        alarms: alarms === Missing ? undefined : alarms,
        tickets: tickets === Missing ? undefined : tickets,
        sparklines,
        connected: true,
        refreshedAt: this.#options.now(),
      });
      if (store !== Missing) {
        this.#storeId = store.id;
        this.#startPush();
      }
    } catch {
      if (this.#snapshot.connected || this.#snapshot.refreshedAt === undefined) {
        this.#set({ connected: false });
      }
    }
  }

  async #optional<S extends z.ZodType>(path: string, schema: S) {
    try {
      return await requestEdge(path, schema);
    } catch (err) {
      if (err instanceof EdgeRequestError && err.status === 404) return Missing;
      throw err;
    }
  }

  async #sparklines(equipment: z.infer<typeof EquipmentList>) {
    const now = this.#options.now();
    if (now - this.#sparklinesAt < this.#options.sparklineEveryMs) return this.#snapshot.sparklines;
    const from = Math.floor((now - HOUR_MS) / MINUTE_MS) * MINUTE_MS;
    const to = Math.ceil(now / MINUTE_MS) * MINUTE_MS + MINUTE_MS;
    const entries = await Promise.all(
      equipment
        .filter((e) => e.keyMetric !== undefined)
        .map(async (e) => {
          const query = new URLSearchParams({
            metric: e.keyMetric ?? '',
            from: String(from),
            to: String(to),
            step: String(MINUTE_MS),
          });
          const series = await this.#optional(`/api/equipment/${e.id}/readings?${query}`, ReadingSeries);
          return [e.id, series === Missing ? [] : series] as const;
        }),
    );
    this.#sparklinesAt = now;
    return Object.fromEntries(entries);
  }

  #startPush(): void {
    const url = this.#options.mqttUrl;
    const storeId = this.#storeId;
    const pairing = this.#options.pairing;
    if (!url || !storeId || this.#push || !this.#running || !pairing.get()) return;
    this.#push = new MqttPush({
      url,
      storeId,
      token: () => pairing.get()?.credential ?? '',
      onMessage: () => void this.refresh(),
      onConnectedChange: (pushing) => {
        if (pushing === this.#snapshot.pushing) return;
        this.#set({ pushing });
        // Push just went quiet: fall back to the fast poll now, not after the slow one.
        if (!pushing && this.#timer && !this.#inFlight) this.#schedule();
      },
    });
    this.#push.start();
  }

  #stopPush(): void {
    this.#push?.stop();
    this.#push = undefined;
    if (this.#snapshot.pushing) this.#set({ pushing: false });
  }

  #restartPush(): void {
    this.#stopPush();
    this.#startPush();
    if (this.#timer && !this.#inFlight) this.#schedule();
  }

  #schedule(): void {
    if (!this.#running) return;
    if (this.#timer) clearTimeout(this.#timer);
    const every = this.#snapshot.pushing ? this.#options.pushingPollMs : this.#options.pollMs;
    this.#timer = setTimeout(() => void this.refresh(), every);
  }

  #set(part: Partial<BoardSnapshot>): void {
    this.#snapshot = { ...this.#snapshot, ...part };
    for (const listener of this.#listeners) listener();
  }
}
