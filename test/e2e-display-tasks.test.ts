import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import { DeviceCredentials } from '../edge/store/credentials-store';
import type { WorkOrderView } from '../shared/api/maintenance';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { silentLogger } from '../shared/server/runtime/logger';
import { connectClient, within } from '../shared/server/testing/mqtt-clients';
import type { SyncHealth } from '../shared/sync/sync-protocol';
import { topics } from '../shared/topics';
import {
  type Browser,
  buildDisplay,
  DEMO_CONFIG,
  edgeApi,
  edgeLogin,
  openDisplay,
  pairingLink,
  TYPICAL,
} from './testing/display-kit';
import { JumpClock } from './testing/faults-clock';

const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'display-screenshots');
const WALL = { width: 1920, height: 1080 };
const TABLET = { width: 1280, height: 800 };
const MIN = 60_000;
/** Tuesday 6 January 2026, 09:59 in Shanghai: a minute before the walk-in probe log is due. */
const START = Date.UTC(2026, 0, 6, 1, 59);

// The fryers' oil life too, for the oil-life maintenance condition.
const READINGS: typeof TYPICAL = { ...TYPICAL, fryer: { ...TYPICAL.fryer, oil_life_pct: 80 } };

let displayDir = '';
let dataDir = '';
let clock: JumpClock;
let app: EdgeApp;
let base = '';
let browser: Browser | undefined;
let central: Awaited<ReturnType<typeof deadCentral>>;
const devices: MqttClient[] = [];

/** Central "down" for the whole test: every connection is cut at once. */
async function deadCentral(): Promise<{ port: number; close: () => Promise<void> }> {
  const server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const api = <T>(method: 'GET' | 'POST', path: string, token: string) => edgeApi<T>(base, method, path, token);
const login = (user: string, pin: string) => edgeLogin(base, user, pin);

/** Every piece of equipment reports once, at store time, so the board looks like a working kitchen. */
async function kitchenRunning(mqttPort: number): Promise<void> {
  const config = app.config;
  for (const e of config.equipment) {
    const readings = READINGS[e.type];
    if (!readings || e.protocol !== 'mqtt') continue;
    const secret = new DeviceCredentials({ db: app.database, clock }).add(e.id);
    const client = await connectClient(mqttPort, { username: e.id, password: secret });
    devices.push(client);
    await within(
      client.publishAsync(
        topics.telemetry(config.store.id, e.id),
        JSON.stringify({ ts: clock.now(), readings }),
        { qos: 1 },
      ),
      5000,
      `PUBACK for ${e.id}`,
    );
  }
}

/** The browser's clock set to the edge's store time, so "overdue 3 h" reads the same on both. */
async function openAtStoreTime(size: { width: number; height: number }, locale: 'en' | 'zh-CN') {
  const opened = await openDisplay(`${base}/healthz`, size, locale);
  await opened.page.clock.install({ time: clock.now() });
  await opened.page.goto(`${base}/${pairingLink(app.database, clock)}`);
  return opened;
}

async function enterPin(page: Page, user: string, pin: string): Promise<void> {
  await page.locator(`[data-user-id="${user}"]`).click();
  // The fourth digit sends the PIN by itself.
  for (const digit of pin) await page.locator('.pin-key', { hasText: digit }).first().click();
}

beforeAll(async () => {
  displayDir = await buildDisplay();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(() => {
  rmSync(displayDir, { recursive: true, force: true });
});

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  clock = new JumpClock(START);
  central = await deadCentral();
  app = new EdgeApp({
    config: loadStoreConfig(DEMO_CONFIG),
    dataDir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    clock,
    displayDir,
    central: { url: `http://127.0.0.1:${central.port}`, token: 'gst_demo-sh-001.not-reachable' },
  });
  const ports = await app.start();
  base = `http://127.0.0.1:${ports.httpPort}`;
  // 10:01: the walk-in probe log is due; 22:31: the three fryer filters too, and the probe
  // log is overdue (4 h grace) but still today's.
  clock.advance(2 * MIN);
  clock.advance(12.5 * 60 * MIN);
  // A jump fires each interval once, at its first due time: two more minutes for a check after 22:30.
  clock.advance(MIN);
  clock.advance(MIN);
  await kitchenRunning(ports.mqttPort);
});

afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await Promise.all(devices.splice(0).map((c) => c.endAsync(true).catch(() => undefined)));
  await app.stop();
  await central.close();
  clock.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("today's tasks and sync health on the kitchen display, in Chromium against a real edge", () => {
  it('signs off a task with a PIN and a measured task with its value; both show ticked and are done in the API', async () => {
    const admin = await login('admin', '1234');
    const before = await api<WorkOrderView[]>('GET', '/api/tasks/today', admin);
    const filter = before.find((t) => t.planId === 'fryer-filter-daily' && t.equipmentId === 'fryer-1');
    const probe = before.find((t) => t.planId === 'cooler-probe-log');
    if (!filter || !probe) throw new Error(`tasks missing: ${before.map((t) => t.planId).join(', ')}`);
    expect(probe.overdue).toBe(true);
    expect(filter.overdue).toBe(false);

    browser = await openAtStoreTime(TABLET, 'en');
    const { page } = browser;
    const strip = page.getByTestId('today-tasks');
    await strip.waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'tasks-board-1280x800-en.png') });
    const filterChip = strip.locator(`[data-task-id="${filter.id}"]`);
    expect(await filterChip.getAttribute('data-done')).toBe('false');
    expect(await strip.locator(`[data-task-id="${probe.id}"]`).textContent()).toContain('Overdue');

    await filterChip.locator('button').click();
    await enterPin(page, 'staff-chen', '1111');
    await strip.locator(`[data-task-id="${filter.id}"][data-done="true"]`).waitFor({ timeout: 5000 });
    expect(await strip.locator(`[data-task-id="${filter.id}"]`).textContent()).toContain('✓');

    // Chen is still logged in: the value, then signed without a second PIN.
    await strip.locator(`[data-task-id="${probe.id}"] button`).click();
    const input = page.getByRole('textbox');
    await input.fill('7.5');
    await page.getByText('Out of range (0 – 4 °C)').waitFor({ timeout: 2000 });
    expect(await page.getByRole('button', { name: '✓ Sign off' }).isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'task-measure-out-of-range-1280x800-en.png') });
    await input.fill('');
    for (const key of ['3', 'Decimal point', '2'])
      await page.getByRole('button', { name: key, exact: true }).click();
    await page.getByRole('button', { name: '✓ Sign off' }).click();
    await strip.locator(`[data-task-id="${probe.id}"][data-done="true"]`).waitFor({ timeout: 5000 });

    const after = await api<WorkOrderView[]>('GET', '/api/tasks/today', admin);
    const signed = (id: number) => after.find((t) => t.id === id);
    expect(signed(filter.id)).toMatchObject({ status: 'verified', resolvedBy: 'staff-chen' });
    expect(signed(probe.id)?.status).toBe('verified');
    expect(signed(probe.id)?.checklist.map((s) => [s.stepId, s.value, s.inRange, s.signedBy])).toEqual([
      ['probe', 3.2, true, 'staff-chen'],
    ]);
  }, 60_000);

  it('shows a calm sync indicator that turns to a warning only after a long outage, with the last error on a tap', async () => {
    const admin = await login('admin', '1234');
    // The first push fails as soon as the connection is refused.
    const until = Date.now() + 10_000;
    let health = await api<SyncHealth>('GET', '/api/sync', admin);
    while (health.lastError === null && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 200));
      health = await api<SyncHealth>('GET', '/api/sync', admin);
    }
    expect(health.lastError).not.toBeNull();
    browser = await openAtStoreTime(WALL, 'zh-CN');
    const { page } = browser;
    const indicator = page.getByTestId('sync-indicator');
    await indicator.waitFor({ timeout: 10_000 });
    // Central has been out of reach since the edge started, 12.5 h of store time ago.
    expect(await indicator.getAttribute('data-sync')).toBe('unreachable');
    expect(await indicator.textContent()).toContain('未连上总部');
    await indicator.click();
    const error = page.getByTestId('sync-last-error');
    await error.waitFor({ timeout: 2000 });
    expect(await error.textContent()).toContain('上次错误');
    await page.screenshot({ path: join(SHOTS, 'sync-details-1920x1080-zh-CN.png') });
  }, 60_000);

  it('fits the tasks under the board at both sizes, lists due and overdue maintenance, and opens a work order', async () => {
    browser = await openAtStoreTime(WALL, 'en');
    const { page } = browser;
    for (const size of [WALL, TABLET]) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const name = `${size.width}x${size.height}-${locale}`;
        await page.setViewportSize(size);
        await page.evaluate((l) => localStorage.setItem('galley.locale', l), locale);
        await page.reload();
        await page.getByTestId('today-tasks').waitFor({ timeout: 10_000 });
        await page.locator('[data-equipment-id="oven-1"]').waitFor({ timeout: 10_000 });
        await page.screenshot({ path: join(SHOTS, `tasks-board-${name}.png`) });
        const hidden = await page.evaluate(() => {
          const screen = document.querySelector('.screen');
          return screen ? screen.scrollHeight - screen.clientHeight : -1;
        });
        expect(hidden, `board with tasks scrolls at ${name}`).toBeLessThanOrEqual(0);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
        expect(overflow, `horizontal scrolling at ${name}`).toBe(false);
        const tiny = await page.evaluate(() =>
          [...document.querySelectorAll('button')]
            .filter((b) => b.offsetParent !== null)
            .filter((b) => {
              const r = b.getBoundingClientRect();
              return r.height < 48 || r.width < 48;
            })
            .map((b) => b.textContent),
        );
        expect(tiny, `touch targets under 48 px at ${name}`).toEqual([]);
      }
    }
    // English at the tablet size (the longer strings): the tasks screen and a work order.
    await page.evaluate(() => localStorage.setItem('galley.locale', 'en'));
    await page.reload();
    await page.getByRole('button', { name: /^Tasks/ }).click();
    const overdueRow = page.locator('.work-order-row[data-overdue="true"]').first();
    await overdueRow.waitFor({ timeout: 5000 });
    expect(await overdueRow.textContent()).toMatch(/⚠\s*Overdue \d+ h/);
    await page.screenshot({ path: join(SHOTS, 'tasks-screen-1280x800-en.png') });
    await page.setViewportSize(WALL);
    await page.screenshot({ path: join(SHOTS, 'tasks-screen-1920x1080-en.png') });
    await page.locator('.work-order-row').first().click();
    await page.locator('.work-order .checklist').waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'work-order-1920x1080-en.png') });
  }, 90_000);
});
