import { cpSync, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { sourceFingerprint } from '../../bin/commands/demo-build';
import { EdgeApp } from '../../edge/app/edge-app';
import { DisplayCredentials } from '../../edge/domains/displays/display-credentials';
import { DeviceCredentials } from '../../edge/store/credentials-store';
import type { Database } from '../../edge/store/database';
import type { StoreConfig } from '../../shared/config/store-config';
import type { ReadingValue } from '../../shared/device-messages';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { type Clock, systemClock } from '../../shared/server/runtime/clock';
import { createRootLogger, silentLogger } from '../../shared/server/runtime/logger';
import { connectClient, within } from '../../shared/server/testing/mqtt-clients';
import { topics } from '../../shared/topics';

const ROOT = join(import.meta.dirname, '..', '..');
export const DEMO_CONFIG = join(ROOT, 'config', 'demo-store.yaml');

/** Where the display tests' screenshots land for people to look at. */
export const SHOTS = process.env.GALLEY_SCREENSHOTS ?? join(ROOT, '.tmp', 'display-screenshots');
/** The screens a kitchen display hangs on: a wall TV, a tablet, a portrait monitor. */
export const WALL = { width: 1920, height: 1080 };
export const TABLET = { width: 1280, height: 800 };
export const PORTRAIT = { width: 800, height: 1280 };

export interface KitchenDisplaySuite {
  /** this test's edge, started on the demo config with its kitchen reporting */
  readonly edge: DisplayEdge;
  /** opens Chromium on `url`; closed after the test */
  open(url: string, viewport: { width: number; height: number }, locale: 'en' | 'zh-CN'): Promise<Browser>;
}

/**
 * The hooks of a display suite where every test gets a fresh edge on the demo config with
 * its simulated kitchen reporting, and the browsers it opened closed after it: the display
 * is built once for the file.
 */
export function kitchenDisplayPerTest(): KitchenDisplaySuite {
  let displayDir = '';
  let edge: DisplayEdge | undefined;
  const browsers: Browser[] = [];
  beforeAll(async () => {
    displayDir = await buildDisplay();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(() => {
    rmSync(displayDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    edge = new DisplayEdge(displayDir);
    await edge.start();
    await edge.kitchenRunning();
  });
  afterEach(async () => {
    for (const browser of browsers.splice(0)) await browser.close();
    await edge?.dispose();
    edge = undefined;
  });
  return {
    get edge() {
      if (!edge) throw new Error('the edge runs only inside a test');
      return edge;
    },
    async open(url, viewport, locale) {
      const browser = await openDisplay(url, viewport, locale);
      browsers.push(browser);
      return browser;
    },
  };
}

/** Builds the display the way `npm run build` does, into a temp folder of this test run. */
export async function buildDisplay(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'galley-display-'));
  cpSync(await sharedDisplayBuild(), outDir, { recursive: true });
  return outDir;
}

/**
 * One build of the display per source fingerprint, shared by the test files of a run (and
 * of the next run on an unchanged checkout): each file used to pay a full Vite build. A
 * build is written aside and renamed into place whole, so files starting together may
 * both build, but none ever reads half a build. Each caller gets its own copy to remove.
 */
async function sharedDisplayBuild(): Promise<string> {
  const fingerprint = sourceFingerprint(ROOT, { name: 'kitchen display', dir: 'display' }).slice(0, 16);
  const shared = join(tmpdir(), `galley-display-build-${fingerprint}`);
  if (existsSync(join(shared, 'index.html'))) return shared;
  const aside = mkdtempSync(join(tmpdir(), 'galley-display-building-'));
  await build({
    configFile: join(ROOT, 'display', 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: aside, emptyOutDir: true },
  });
  try {
    renameSync(aside, shared);
  } catch {
    // Another file finished the same build first: theirs is as good as this one.
    rmSync(aside, { recursive: true, force: true });
  }
  return shared;
}

/** Plausible readings per equipment type, so the board looks like a working kitchen. */
/** A typical reading per equipment type, so the board looks like a working kitchen. */
export const TYPICAL: Record<string, Record<string, ReadingValue>> = {
  walk_in_cooler: { temp_c: 2.8, door_open: false, compressor_on: true },
  walk_in_freezer: { temp_c: -19.6, door_open: false, compressor_on: true },
  reach_in_cooler: { temp_c: 3.1 },
  reach_in_freezer: { temp_c: -18.7 },
  fryer: { oil_temp_c: 177.5 },
  grill: { surface_temp_c: 204 },
  combi_oven: { cavity_temp_c: 165 },
  hot_holding: { temp_c: 71.2 },
  dishwasher: { rinse_temp_c: 84.3 },
  ice_machine: { water_temp_c: 9.4 },
  hood: { airflow_m3h: 5400 },
  hvac: { room_temp_c: 23.4 },
  energy_meter: { power_w: 18250 },
};

/** A real edge (real SQLite, broker, API) serving the built display, restartable on the same ports. */
export class DisplayEdge {
  readonly config: StoreConfig = loadStoreConfig(DEMO_CONFIG);
  readonly dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  app: EdgeApp | undefined;
  httpPort = 0;
  mqttPort = 0;
  readonly #secrets = new Map<string, string>();
  readonly #devices = new Map<string, MqttClient>();

  constructor(readonly displayDir: string) {}

  get base(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  /** The display's address with a fresh one-time pairing link: the page opened with it may act. */
  pairedUrl(): string {
    if (!this.app) throw new Error('edge not started');
    return `${this.base}/${pairingLink(this.app.database)}`;
  }

  async start(): Promise<void> {
    const logger = process.env.GALLEY_TEST_LOG
      ? createRootLogger('galley-edge', process.env.GALLEY_TEST_LOG)
      : silentLogger();
    const app = new EdgeApp({
      config: this.config,
      dataDir: this.dataDir,
      mqttPort: this.mqttPort,
      httpPort: this.httpPort,
      host: '127.0.0.1',
      logger,
      clock: systemClock,
      displayDir: this.displayDir,
    });
    const ports = await app.start();
    this.app = app;
    this.httpPort = ports.httpPort;
    this.mqttPort = ports.mqttPort;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.#devices.values()].map((c) => c.endAsync(true).catch(() => undefined)));
    this.#devices.clear();
    await this.app?.stop();
    this.app = undefined;
  }

  async dispose(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  async device(equipmentId: string): Promise<MqttClient> {
    const existing = this.#devices.get(equipmentId);
    if (existing) return existing;
    const app = this.app;
    if (!app) throw new Error('edge not started');
    let secret = this.#secrets.get(equipmentId);
    if (!secret) {
      secret = new DeviceCredentials({ db: app.database, clock: systemClock }).add(equipmentId);
      this.#secrets.set(equipmentId, secret);
    }
    const client = await connectClient(this.mqttPort, { username: equipmentId, password: secret });
    this.#devices.set(equipmentId, client);
    return client;
  }

  async telemetry(equipmentId: string, readings: Record<string, ReadingValue>): Promise<void> {
    const client = await this.device(equipmentId);
    const payload = JSON.stringify({ ts: Date.now(), readings });
    await within(
      client.publishAsync(topics.telemetry(this.config.store.id, equipmentId), payload, { qos: 1 }),
      5000,
      `PUBACK for ${equipmentId}`,
    );
  }

  /** Telemetry as it was `ago` ms before now: history for sparklines and charts. */
  async telemetryAt(equipmentId: string, ts: number, readings: Record<string, ReadingValue>): Promise<void> {
    const client = await this.device(equipmentId);
    await within(
      client.publishAsync(
        topics.telemetry(this.config.store.id, equipmentId),
        JSON.stringify({ ts, readings }),
        {
          qos: 1,
        },
      ),
      5000,
      `PUBACK for ${equipmentId} at ${new Date(ts).toISOString()}`,
    );
  }

  /**
   * The last `minutes` of a working kitchen, one reading a minute per piece of
   * equipment, each wandering a little around its typical value (booleans as they
   * are), ending a minute before now so the live reading stays the newest.
   */
  async kitchenHistory(minutes: number, now = Date.now()): Promise<void> {
    for (const [index, e] of this.config.equipment.entries()) {
      const typical = TYPICAL[e.type];
      if (!typical) continue;
      for (let m = minutes; m >= 1; m--) {
        const wave = Math.sin((m + index * 7) / 6);
        const readings = Object.fromEntries(
          Object.entries(typical).map(([metric, value]) => [
            metric,
            typeof value === 'number'
              ? Math.round((value + wave * Math.max(0.6, Math.abs(value) * 0.02)) * 10) / 10
              : value,
          ]),
        );
        await this.telemetryAt(e.id, now - m * 60_000, readings);
      }
    }
  }

  async event(equipmentId: string, code: string): Promise<void> {
    const client = await this.device(equipmentId);
    const payload = JSON.stringify({ ts: Date.now(), code });
    await within(
      client.publishAsync(topics.event(this.config.store.id, equipmentId), payload, { qos: 1 }),
      5000,
      `PUBACK for ${equipmentId} event`,
    );
  }

  /** Every piece of equipment reports a typical reading once. */
  async kitchenRunning(): Promise<void> {
    for (const e of this.config.equipment) {
      const readings = TYPICAL[e.type];
      if (readings) await this.telemetry(e.id, readings);
    }
  }

  api<T>(method: 'GET' | 'POST', path: string, token: string, body?: unknown): Promise<T> {
    return edgeApi<T>(this.base, method, path, token, body);
  }

  login(user: string, pin: string): Promise<string> {
    return edgeLogin(this.base, user, pin);
  }
}

/** A JSON call to the edge API with a bearer token; a non-2xx answer throws with its body. */
export async function edgeApi<T>(
  base: string,
  method: 'GET' | 'POST',
  path: string,
  token: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}

/** PIN login on the edge; the session token. */
export async function edgeLogin(base: string, user: string, pin: string): Promise<string> {
  const res = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user, pin }),
  });
  const body = (await res.json()) as { token?: string };
  if (!body.token) throw new Error(`login as ${user} answered ${res.status}`);
  return body.token;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile; `locale` is what the display was last switched to. */
export async function openDisplay(
  url: string,
  viewport: { width: number; height: number },
  locale: 'en' | 'zh-CN',
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'galley-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  // Only the first time: a later switch on screen (or by the test) survives reloads.
  await context.addInitScript((l) => {
    if (!localStorage.getItem('galley.locale')) localStorage.setItem('galley.locale', l);
  }, locale);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url);
  return {
    context,
    page,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** `#pair=<ticket>` for a new display, as `galley display link` makes it on the box. */
export function pairingLink(db: Database, clock: Clock = systemClock): string {
  const { ticket } = new DisplayCredentials({ db, clock }).issueTicket('test display', 'test');
  return `#pair=${encodeURIComponent(ticket)}`;
}
