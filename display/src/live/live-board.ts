import type { TelemetryMessage } from '../../../shared/device-messages';
import { type DisplayCredentialStore, displayCredential } from '../auth/display-credential';
import { applyTelemetry } from './apply-telemetry';
import { fetchParts, fetchSparklines, fetchStore } from './board-fetch';
import { BOARD_PARTS, type BoardPart, type BoardSnapshot, EMPTY_SNAPSHOT } from './board-snapshot';
import { MqttPush, type MqttPushOptions, type PushConnection } from './mqtt-push';
import { readPushMessage } from './push-message';

export interface LiveBoardOptions {
  now: () => number;
  /** how often the board asks the edge for its state while push is down */
  pollMs?: number;
  /** the slower poll while push is live: a safety net for changes the edge does not announce */
  pushingPollMs?: number;
  sparklineEveryMs?: number;
  /**
   * Pushed readings are applied together at most this often: a reading a quarter of a
   * second late is invisible on a kitchen wall, and the board redraws a few times a
   * second however many devices publish.
   */
  telemetryEveryMs?: number;
  /** announced changes are gathered this long into one refetch (a reconnect replays every retained one) */
  changeDebounceMs?: number;
  /** ws(s)://host/mqtt of the edge that served the page; omit to poll only */
  mqttUrl?: string;
  /** this display's pairing: push runs only while paired, with the credential as its password */
  pairing?: Pick<DisplayCredentialStore, 'get' | 'subscribe'>;
  /** the push connection; tests stand in for the broker here */
  connectPush?: (options: MqttPushOptions) => PushConnection;
}

const MINUTE_MS = 60_000;

interface PushedReading {
  equipmentId: string;
  message: TelemetryMessage;
  receivedAt: number;
}

/**
 * The board's live state. Paired, the display gets MQTT push: telemetry is applied to
 * the snapshot as it arrives (no request per reading), and what the edge derives and
 * announces (presence, alarms and with them state and tickets) is refetched, only the
 * parts that changed. A slow poll stays on as a safety net for what nobody announces
 * (a change the edge does not announce). Unpaired, or while push is down, the board polls
 * every second instead. The board reads without any token, so there is no session
 * anyone could end. A full refresh fetches the whole state, so recovering after an
 * outage is just the next successful refresh.
 */
export class LiveBoard {
  readonly #options: Required<Omit<LiveBoardOptions, 'mqttUrl'>> & { mqttUrl?: string };
  #storeId: string | undefined;
  #unsubscribe: (() => void) | undefined;
  #snapshot: BoardSnapshot = EMPTY_SNAPSHOT;
  readonly #listeners = new Set<() => void>();
  #running = false;
  #pollTimer: ReturnType<typeof setTimeout> | undefined;
  /** parts asked for and not yet fetched */
  #wanted = new Set<BoardPart>();
  #draining: Promise<void> | undefined;
  #changed = new Set<BoardPart>();
  #changeTimer: ReturnType<typeof setTimeout> | undefined;
  #pushed: PushedReading[] = [];
  #pushedTimer: ReturnType<typeof setTimeout> | undefined;
  /** readings applied while the equipment list is being fetched: it may predate them */
  #sinceFetch: PushedReading[] | undefined;
  /** equipment shown offline whose readings made the board ask the edge once already */
  readonly #askedAbout = new Set<string>();
  #sparklinesAt = 0;
  #push: PushConnection | undefined;

  constructor(options: LiveBoardOptions) {
    this.#options = {
      pollMs: 1000,
      pushingPollMs: 5000,
      sparklineEveryMs: MINUTE_MS,
      telemetryEveryMs: 250,
      changeDebounceMs: 100,
      pairing: displayCredential,
      connectPush: (push) => new MqttPush(push),
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
    for (const timer of [this.#pollTimer, this.#changeTimer, this.#pushedTimer]) clearTimeout(timer);
    this.#pollTimer = this.#changeTimer = this.#pushedTimer = undefined;
    this.#wanted.clear();
    this.#changed.clear();
    this.#pushed = [];
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stopPush();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  readonly getSnapshot = (): BoardSnapshot => this.#snapshot;

  /**
   * Fetches `parts` (by default the whole state) now. Calls made while a fetch runs
   * are gathered into one more, and the promise settles once every part asked for
   * has been fetched after the call: after an action, awaiting it shows its effect.
   */
  refresh(parts: Iterable<BoardPart> = BOARD_PARTS): Promise<void> {
    for (const part of parts) this.#wanted.add(part);
    this.#draining ??= this.#drain();
    return this.#draining;
  }

  async #drain(): Promise<void> {
    try {
      while (this.#wanted.size > 0) {
        const parts = this.#wanted;
        this.#wanted = new Set();
        await this.#refreshOnce(parts);
        // The poll counts from the last full refresh; a partial one leaves parts it did not fetch due.
        if (parts.size === BOARD_PARTS.length) this.#schedule();
      }
    } finally {
      this.#draining = undefined;
    }
  }

  async #refreshOnce(parts: ReadonlySet<BoardPart>): Promise<void> {
    const sinceFetch: PushedReading[] | undefined = parts.has('equipment') ? [] : undefined;
    this.#sinceFetch = sinceFetch;
    try {
      const store = this.#snapshot.store ?? (await fetchStore());
      const fetched = await fetchParts(parts);
      const sparklines = fetched.equipment
        ? await this.#sparklines(fetched.equipment)
        : this.#snapshot.sparklines;
      let next: BoardSnapshot = {
        ...this.#snapshot,
        ...fetched,
        store,
        sparklines,
        connected: true,
        refreshedAt: this.#options.now(),
      };
      // What was pushed meanwhile is as new as the list or newer: applied again, it stays on the board.
      for (const r of sinceFetch ?? []) next = applyTelemetry(next, r.equipmentId, r.message, r.receivedAt);
      for (const e of fetched.equipment ?? []) if (e.online) this.#askedAbout.delete(e.id);
      this.#replace(next);
      if (store) {
        this.#storeId = store.id;
        this.#startPush();
      }
    } catch {
      if (this.#snapshot.connected || this.#snapshot.refreshedAt === undefined) {
        this.#replace({ ...this.#snapshot, connected: false });
      }
    } finally {
      if (this.#sinceFetch === sinceFetch) this.#sinceFetch = undefined;
    }
  }

  async #sparklines(equipment: BoardSnapshot['equipment']): Promise<BoardSnapshot['sparklines']> {
    const now = this.#options.now();
    if (now - this.#sparklinesAt < this.#options.sparklineEveryMs) return this.#snapshot.sparklines;
    const sparklines = await fetchSparklines(equipment, now);
    this.#sparklinesAt = now;
    return sparklines;
  }

  #onPushMessage(topic: string, payload: Uint8Array): void {
    const storeId = this.#storeId;
    if (!storeId) return;
    const message = readPushMessage(storeId, topic, payload);
    if (message.kind === 'telemetry') {
      const { equipmentId, message: telemetry } = message;
      this.#pushed.push({ equipmentId, message: telemetry, receivedAt: this.#options.now() });
      this.#pushedTimer ??= setTimeout(() => this.#applyPushed(), this.#options.telemetryEveryMs);
    } else if (message.kind === 'changed') {
      for (const part of message.parts) this.#changed.add(part);
      this.#changeTimer ??= setTimeout(() => {
        this.#changeTimer = undefined;
        const changed = this.#changed;
        this.#changed = new Set();
        void this.refresh(changed);
      }, this.#options.changeDebounceMs);
    }
  }

  #applyPushed(): void {
    this.#pushedTimer = undefined;
    const pushed = this.#pushed;
    this.#pushed = [];
    let next = this.#snapshot;
    let woke = false;
    for (const r of pushed) {
      // Readings from equipment shown offline or never seen: its presence and state on the
      // edge have likely changed, and nothing else may announce it (a first reading raises
      // no alarm). Asked once: the edge may keep it offline (offline by a status ends only
      // with an online status), and the poll covers that.
      const shownOffline = next.equipment.find((e) => e.id === r.equipmentId)?.online === false;
      if (shownOffline && !this.#askedAbout.has(r.equipmentId)) {
        this.#askedAbout.add(r.equipmentId);
        woke = true;
      }
      next = applyTelemetry(next, r.equipmentId, r.message, r.receivedAt);
    }
    this.#sinceFetch?.push(...pushed);
    if (next !== this.#snapshot) this.#replace(next);
    if (woke) void this.refresh(['equipment']);
  }

  #startPush(): void {
    const url = this.#options.mqttUrl;
    const storeId = this.#storeId;
    const pairing = this.#options.pairing;
    if (!url || !storeId || this.#push || !this.#running || !pairing.get()) return;
    this.#push = this.#options.connectPush({
      url,
      storeId,
      token: () => pairing.get()?.credential ?? '',
      onMessage: (topic, payload) => this.#onPushMessage(topic, payload),
      onConnectedChange: (pushing) => {
        if (pushing === this.#snapshot.pushing) return;
        this.#replace({ ...this.#snapshot, pushing });
        // Push just went quiet: fall back to the fast poll now, not after the slow one.
        if (!pushing && this.#pollTimer) this.#schedule();
      },
    });
    this.#push.start();
  }

  #stopPush(): void {
    this.#push?.stop();
    this.#push = undefined;
    if (this.#snapshot.pushing) this.#replace({ ...this.#snapshot, pushing: false });
  }

  #restartPush(): void {
    this.#stopPush();
    this.#startPush();
    if (this.#pollTimer) this.#schedule();
  }

  #schedule(): void {
    if (!this.#running) return;
    clearTimeout(this.#pollTimer);
    const every = this.#snapshot.pushing ? this.#options.pushingPollMs : this.#options.pollMs;
    this.#pollTimer = setTimeout(() => void this.refresh(), every);
  }

  #replace(next: BoardSnapshot): void {
    this.#snapshot = next;
    for (const listener of this.#listeners) listener();
  }
}
