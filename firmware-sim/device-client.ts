import mqtt, { type MqttClient } from 'mqtt';
import type { EventMessage, StatusMessage, TelemetryMessage } from '../shared/device-messages';
import type { Logger } from '../shared/server/runtime/logger';
import { topics } from '../shared/topics';
import { type BackoffOptions, backoffDelayMs, DEFAULT_BACKOFF } from './backoff';
import { createRng, type Rng } from './random';

/** Wall-clock timers, injectable so back-off can be driven by tests. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface DeviceClientOptions {
  url: string;
  storeId: string;
  equipmentId: string;
  secret: string;
  logger: Logger;
  clientId?: string;
  /** Messages kept while the broker is unreachable; beyond it the oldest are dropped. */
  bufferCapacity?: number;
  /** QoS 1 publishes awaiting PUBACK at once. */
  maxInFlight?: number;
  backoff?: Partial<BackoffOptions>;
  connectTimeoutMs?: number;
  keepaliveS?: number;
  timers?: Timers;
  rng?: Rng;
}

export interface DeviceClientStats {
  connected: boolean;
  /** Messages the broker acknowledged. */
  acked: number;
  /** Messages dropped from a full buffer, oldest first. */
  dropped: number;
  buffered: number;
  inFlight: number;
  connects: number;
  errors: number;
}

type OutboundKind = 'telemetry' | 'event';
interface Outbound {
  seq: number;
  kind: OutboundKind;
  payload: string;
}

const STOP_ACK_TIMEOUT_MS = 1000;
/** The Last Will: the link was lost. */
const LOST: StatusMessage = { online: false };
/** Said before a planned stop, so the edge records it switched off and raises no alarm. */
const SHUTDOWN: StatusMessage = { online: false, reason: 'shutdown' };
const ONLINE: StatusMessage = { online: true };

/**
 * The network side of one piece of equipment, as its firmware would do it: own
 * credentials, a retained online status with a Last Will, reconnect with
 * exponential back-off and jitter, and QoS 1 through a bounded local buffer.
 */
export class DeviceClient {
  private readonly o: Required<Omit<DeviceClientOptions, 'backoff' | 'clientId'>> & {
    backoff: BackoffOptions;
    clientId: string;
  };
  private client: MqttClient | null = null;
  /** Bumped per connection so late callbacks from a dead connection are ignored. */
  private generation = 0;
  private running = false;
  private networkDown = false;
  private connected = false;
  private attempt = 0;
  private reconnectTimer: unknown = null;
  private seq = 0;
  private pending: Outbound[] = [];
  private readonly inFlight = new Map<number, Outbound>();
  private counters = { acked: 0, dropped: 0, connects: 0, errors: 0 };
  private readonly log: Logger;

  constructor(options: DeviceClientOptions) {
    // Explicit `??`: an option passed as undefined must not override its default.
    this.o = {
      url: options.url,
      storeId: options.storeId,
      equipmentId: options.equipmentId,
      secret: options.secret,
      logger: options.logger,
      bufferCapacity: options.bufferCapacity ?? 1000,
      maxInFlight: options.maxInFlight ?? 32,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      keepaliveS: options.keepaliveS ?? 30,
      timers: options.timers ?? systemTimers,
      rng: options.rng ?? createRng(0),
      clientId:
        options.clientId ?? `sim-${options.equipmentId}-${Math.floor(Math.random() * 1e9).toString(36)}`,
      backoff: { ...DEFAULT_BACKOFF, ...definedOnly(options.backoff ?? {}) },
    };
    this.log = options.logger.child({ ns: 'device-client', equipmentId: options.equipmentId });
  }

  get equipmentId(): string {
    return this.o.equipmentId;
  }

  stats(): DeviceClientStats {
    return {
      connected: this.connected,
      ...this.counters,
      buffered: this.pending.length,
      inFlight: this.inFlight.size,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.connect();
  }

  /** Says goodbye (retained shutdown status, clean DISCONNECT) and stops reconnecting. */
  async stop(): Promise<void> {
    this.running = false;
    this.clearReconnect();
    const client = this.client;
    this.client = null;
    this.generation++;
    this.connected = false;
    this.requeueInFlight();
    if (!client) return;
    if (client.connected) {
      // A planned stop, not a fault: say so before the clean DISCONNECT (which suppresses the Will).
      // Bounded: the broker may be vanishing at the same moment, and stop() must not hang on a PUBACK.
      const sent = client
        .publishAsync(this.topic('status'), JSON.stringify(SHUTDOWN), { qos: 1, retain: true })
        .then(() => true);
      const acked = await raceTimeout(sent, STOP_ACK_TIMEOUT_MS, this.o.timers).catch((err: Error) => {
        this.log.debug({ err: err.message }, 'shutdown status not sent on stop');
        return false;
      });
      if (acked) {
        await client.endAsync();
        return;
      }
    }
    await client.endAsync(true);
  }

  publish(kind: 'telemetry', message: TelemetryMessage): void;
  publish(kind: 'event', message: EventMessage): void;
  publish(kind: OutboundKind, message: TelemetryMessage | EventMessage): void {
    this.pending.push({ seq: this.seq++, kind, payload: JSON.stringify(message) });
    this.trimBuffer();
    this.pump();
  }

  /** The link drops without a DISCONNECT (cable pulled): the broker publishes the Last Will; no reconnect until restored. */
  loseNetwork(): void {
    if (this.networkDown) return;
    this.networkDown = true;
    this.clearReconnect();
    this.client?.stream.destroy();
  }

  restoreNetwork(): void {
    if (!this.networkDown) return;
    this.networkDown = false;
    this.attempt = 0;
    if (this.running && !this.client) this.connect();
  }

  private topic(kind: 'telemetry' | 'event' | 'status'): string {
    return topics[kind](this.o.storeId, this.o.equipmentId);
  }

  private connect(): void {
    const generation = ++this.generation;
    const client = mqtt.connect(this.o.url, {
      protocolVersion: 4,
      clientId: this.o.clientId,
      username: this.o.equipmentId,
      password: this.o.secret,
      clean: true,
      keepalive: this.o.keepaliveS,
      reconnectPeriod: 0, // back-off is ours: exponential with jitter
      connectTimeout: this.o.connectTimeoutMs,
      queueQoSZero: false,
      will: {
        topic: this.topic('status'),
        payload: Buffer.from(JSON.stringify(LOST)),
        qos: 1,
        retain: true,
      },
    });
    this.client = client;
    client.on('connect', () => {
      if (generation !== this.generation) return;
      this.connected = true;
      this.attempt = 0;
      this.counters.connects++;
      this.log.debug('connected');
      client.publish(this.topic('status'), JSON.stringify(ONLINE), { qos: 1, retain: true }, (err) => {
        if (err && generation === this.generation)
          this.log.debug({ err: err.message }, 'online status not acknowledged');
      });
      this.pump();
    });
    client.on('error', (err) => {
      if (generation !== this.generation) return;
      this.counters.errors++;
      this.log.debug({ err: err.message }, 'connection error');
    });
    client.on('close', () => {
      if (generation !== this.generation) return;
      this.onConnectionLost(client);
    });
  }

  private onConnectionLost(client: MqttClient): void {
    this.generation++;
    this.connected = false;
    this.client = null;
    this.requeueInFlight();
    // Forced end drops mqtt.js's own stores: the buffer here is the only one, so it stays bounded.
    client.end(true);
    if (!this.running || this.networkDown) return;
    const delay = backoffDelayMs(this.attempt++, this.o.backoff, this.o.rng);
    this.log.debug({ delayMs: delay, attempt: this.attempt }, 'connection lost; reconnecting');
    this.reconnectTimer = this.o.timers.setTimeout(() => {
      this.reconnectTimer = null;
      if (this.running && !this.networkDown && !this.client) this.connect();
    }, delay);
  }

  private clearReconnect(): void {
    if (this.reconnectTimer !== null) this.o.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
  }

  /** Unacknowledged messages go back to the front of the buffer, in order, to be sent again. */
  private requeueInFlight(): void {
    if (this.inFlight.size === 0) return;
    const back = [...this.inFlight.values()].sort((a, b) => a.seq - b.seq);
    this.inFlight.clear();
    this.pending = [...back, ...this.pending];
    this.trimBuffer();
  }

  private trimBuffer(): void {
    const excess = this.pending.length - this.o.bufferCapacity;
    if (excess <= 0) return;
    this.pending.splice(0, excess);
    this.counters.dropped += excess;
  }

  private pump(): void {
    const client = this.client;
    if (!client || !this.connected) return;
    const generation = this.generation;
    while (this.inFlight.size < this.o.maxInFlight) {
      const next = this.pending.shift();
      if (!next) return;
      this.inFlight.set(next.seq, next);
      client.publish(this.topic(next.kind), next.payload, { qos: 1 }, (err) => {
        if (generation !== this.generation) return; // requeued when the connection dropped
        this.inFlight.delete(next.seq);
        if (err) {
          this.counters.errors++;
          this.pending.unshift(next);
          this.trimBuffer();
          this.log.debug({ err: err.message }, 'publish failed');
        } else {
          this.counters.acked++;
          this.pump();
        }
      });
    }
  }
}

function raceTimeout<T>(promise: Promise<T>, ms: number, timers: Timers): Promise<T | false> {
  let handle: unknown = null;
  const timeout = new Promise<false>((resolve) => {
    handle = timers.setTimeout(() => resolve(false), ms);
  });
  return Promise.race([promise, timeout]).finally(() => timers.clearTimeout(handle));
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
