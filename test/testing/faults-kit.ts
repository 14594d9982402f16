import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IClientOptions, MqttClient } from 'mqtt';
import { EdgeApp } from '../../edge/app/edge-app';
import { DeviceCredentials } from '../../edge/store/credentials-store';
import type { AlarmView } from '../../shared/api/alarms';
import type { TicketView } from '../../shared/api/tickets';
import { StoreConfig, type StoreConfigInput } from '../../shared/config/store-config';
import type { ReadingValue } from '../../shared/device-messages';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import type { Clock } from '../../shared/server/runtime/clock';
import { createRootLogger, silentLogger } from '../../shared/server/runtime/logger';
import { connectClient, within } from '../../shared/server/testing/mqtt-clients';
import { topics } from '../../shared/topics';
import { JumpClock } from './faults-clock';

const DEMO_CONFIG = join(import.meta.dirname, '..', '..', 'config', 'demo-store.yaml');

/** The demo store's config, reshaped for a test, and parsed again so defaults and cross-checks apply. */
export function demoConfig(reshape: (input: StoreConfigInput) => StoreConfigInput): StoreConfig {
  const base = loadStoreConfig(DEMO_CONFIG);
  return StoreConfig.parse(reshape(structuredClone(base) as StoreConfigInput));
}

/**
 * The demo's walk-in cooler type, `count` coolers of it and nothing else: temp_high
 * raises above 5 °C and clears below 4 °C at once (no hold, no suppression), so every
 * warm/cold flip is an alarm transition; offline is off because tests jump time.
 */
export function coolersOnlyStore(
  count: number,
  reshape: (input: StoreConfigInput) => StoreConfigInput = (c) => c,
): StoreConfig {
  return demoConfig((c) => {
    const type = c.equipmentTypes.walk_in_cooler!;
    const rules = (type.rules ?? []).map((r) =>
      r.id === 'temp_high' && r.kind === 'threshold'
        ? {
            ...r,
            raise: { op: '>' as const, value: 5 },
            clear: { op: '<' as const, value: 4 },
            suppress: undefined,
          }
        : r,
    );
    return reshape({
      ...c,
      equipmentTypes: { walk_in_cooler: { ...type, rules } },
      equipment: Array.from({ length: count }, (_, i) => ({
        id: `wic-${i + 1}`,
        type: 'walk_in_cooler',
        station: 'cold',
        name: { en: `Walk-in ${i + 1}`, 'zh-CN': `冷藏库 ${i + 1}` },
        disableRules: ['offline'],
      })),
      integrations: [],
      // The demo's maintenance plans, technicians and parts name types this store no longer has.
      maintenance: { ...c.maintenance, plans: [] },
      technicians: [],
      parts: [],
    });
  });
}

/** The whole edge in-process on loopback ports, on a JumpClock, with a temp data dir it removes at the end. */
export class FaultEdge {
  readonly storeId: string;
  readonly #dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  readonly #secrets = new Map<string, string>();
  #devices: Device[] = [];
  #app: EdgeApp | undefined;
  #mqttPort = 0;
  #api: ApiClient | undefined;

  private constructor(
    readonly config: StoreConfig,
    readonly clock: JumpClock,
  ) {
    this.storeId = config.store.id;
  }

  static async start(config: StoreConfig, clock = new JumpClock()): Promise<FaultEdge> {
    const edge = new FaultEdge(config, clock);
    await edge.#boot();
    return edge;
  }

  get app(): EdgeApp {
    if (!this.#app) throw new Error('edge not running');
    return this.#app;
  }

  get mqttPort(): number {
    return this.#mqttPort;
  }

  /** Signed in as admin (PIN 1234, the demo store's). */
  get api(): ApiClient {
    if (!this.#api) throw new Error('edge not running');
    return this.#api;
  }

  /** Stops the edge and starts it again on the same data, `downForMs` of store time later. */
  async restart(downForMs = 0): Promise<void> {
    await this.#shutdown();
    this.clock.advance(downForMs);
    await this.#boot();
  }

  /** Provisions the equipment (once) and connects it as a device, with its Last Will set. */
  async device(equipmentId: string, options: IClientOptions = {}): Promise<Device> {
    const secret =
      this.#secrets.get(equipmentId) ??
      new DeviceCredentials({ db: this.app.database, clock: this.clock }).add(equipmentId);
    this.#secrets.set(equipmentId, secret);
    const client = await connectClient(this.#mqttPort, {
      username: equipmentId,
      password: secret,
      will: {
        topic: topics.status(this.storeId, equipmentId),
        payload: Buffer.from(JSON.stringify({ online: false })),
        qos: 1,
        retain: true,
      },
      ...options,
    });
    const device = new Device(client, this.storeId, equipmentId, this.clock);
    this.#devices.push(device);
    return device;
  }

  async stop(): Promise<void> {
    await this.#shutdown();
    this.clock.dispose();
    rmSync(this.#dataDir, { recursive: true, force: true });
  }

  async #boot(): Promise<void> {
    const logger = process.env.GALLEY_TEST_LOG
      ? createRootLogger('galley-edge', process.env.GALLEY_TEST_LOG)
      : silentLogger();
    const app = new EdgeApp({
      config: this.config,
      dataDir: this.#dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger,
      clock: this.clock,
    });
    const { mqttPort, httpPort } = await app.start();
    this.#app = app;
    this.#mqttPort = mqttPort;
    this.#api = await ApiClient.login(`http://127.0.0.1:${httpPort}`, 'admin', '1234');
  }

  async #shutdown(): Promise<void> {
    const devices = this.#devices;
    this.#devices = [];
    await Promise.all(devices.map((d) => d.client.endAsync(true).catch(() => undefined)));
    await this.#app?.stop();
    this.#app = undefined;
    this.#api = undefined;
  }
}

export function startFaultEdge(config: StoreConfig, clock?: JumpClock): Promise<FaultEdge> {
  return FaultEdge.start(config, clock);
}

/** A piece of equipment speaking the device contract over a real mqtt.js connection. */
export class Device {
  constructor(
    readonly client: MqttClient,
    readonly storeId: string,
    readonly equipmentId: string,
    readonly clock: Clock,
  ) {}

  /** QoS 1: resolves on PUBACK, i.e. once stored and evaluated by the rules. */
  async telemetry(readings: Record<string, ReadingValue>): Promise<void> {
    const payload = JSON.stringify({ ts: this.clock.now(), readings });
    await within(
      this.client.publishAsync(topics.telemetry(this.storeId, this.equipmentId), payload, { qos: 1 }),
      5000,
      `PUBACK for ${this.equipmentId} telemetry`,
    );
  }

  async event(code: string, message?: string): Promise<void> {
    const payload = JSON.stringify({ ts: this.clock.now(), code, ...(message ? { message } : {}) });
    await within(
      this.client.publishAsync(topics.event(this.storeId, this.equipmentId), payload, { qos: 1 }),
      5000,
      `PUBACK for ${this.equipmentId} event`,
    );
  }
}

/**
 * Runs store time forward in steps, each followed by a reading from every device
 * given, so they stay online while the hours pass.
 */
export async function runStoreTime(
  clock: JumpClock,
  totalMs: number,
  stepMs: number,
  devices: { device: Device; readings: () => Record<string, ReadingValue> }[],
): Promise<void> {
  for (let done = 0; done < totalMs; done += stepMs) {
    clock.advance(Math.min(stepMs, totalMs - done));
    await Promise.all(devices.map(({ device, readings }) => device.telemetry(readings())));
  }
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    what: string,
  ) {
    super(`${what} answered ${status}: ${JSON.stringify(body)}`);
    this.name = 'ApiError';
  }
}

/** The edge's HTTP API over real HTTP, signed in as one user. */
export class ApiClient {
  private constructor(
    readonly base: string,
    readonly token: string,
  ) {}

  static async login(base: string, user: string, pin: string): Promise<ApiClient> {
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user, pin }),
    });
    const body = (await res.json()) as { token?: string };
    if (!res.ok || !body.token) throw new ApiError(res.status, body, `login as ${user}`);
    return new ApiClient(base, body.token);
  }

  async request<T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as T };
  }

  async ok<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const res = await this.request<T>(method, path, body);
    if (res.status < 200 || res.status > 299) throw new ApiError(res.status, res.body, `${method} ${path}`);
    return res.body;
  }

  alarms(query = 'state=all'): Promise<AlarmView[]> {
    return this.ok<AlarmView[]>('GET', `/api/alarms?${query}`);
  }

  tickets(query = 'status=all'): Promise<TicketView[]> {
    return this.ok<TicketView[]>('GET', `/api/tickets?${query}`);
  }
}

/** Polls `probe` until it returns something, failing after `ms` (for effects that arrive asynchronously). */
export async function eventually<T>(
  probe: () => Promise<T | undefined> | T | undefined,
  ms = 5000,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
