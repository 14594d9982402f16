import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import type { CorrectiveActionView } from '../shared/api/food-safety';
import type { CheckRecordView } from '../shared/api/food-safety-checks';
import type { TimeBatchView } from '../shared/api/food-safety-time';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { silentLogger } from '../shared/server/runtime/logger';
import {
  type Browser,
  buildDisplay,
  DEMO_CONFIG,
  edgeApi,
  edgeLogin,
  openDisplay,
  PORTRAIT,
  pairingLink,
  SHOTS,
  TABLET,
  WALL,
} from './testing/display-kit';
import { JumpClock } from './testing/faults-clock';

const MIN = 60_000;
/** Tuesday 6 January 2026, 11:20 in Shanghai: the 11:30 hot-holding checks open at 11:15. */
const START = Date.UTC(2026, 0, 6, 3, 20);

let displayDir = '';
let dataDir = '';
let clock: JumpClock;
let app: EdgeApp;
let base = '';
const browsers: Browser[] = [];

async function open(size: { width: number; height: number }, locale: 'en' | 'zh-CN'): Promise<Page> {
  const opened = await openDisplay(`${base}/healthz`, size, locale);
  browsers.push(opened);
  await opened.page.clock.install({ time: clock.now() });
  await opened.page.goto(`${base}/${pairingLink(app.database, clock)}`);
  return opened.page;
}

async function enterPin(page: Page, user: string, pin: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.locator(`[data-user-id="${user}"]`).click();
  // The keypad of the PIN, not the one of the reading behind it; the fourth digit sends it.
  for (const digit of pin) await dialog.locator('.pin-key', { hasText: digit }).first().click();
}

beforeAll(async () => {
  displayDir = await buildDisplay();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(() => rmSync(displayDir, { recursive: true, force: true }));

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  clock = new JumpClock(START);
  app = new EdgeApp({
    config: loadStoreConfig(DEMO_CONFIG),
    dataDir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    clock,
    displayDir,
  });
  const ports = await app.start();
  base = `http://127.0.0.1:${ports.httpPort}`;
  clock.advance(5 * MIN);
});

afterEach(async () => {
  for (const b of browsers.splice(0)) await b.close();
  await app.stop();
  clock.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('manual food-safety checks on the kitchen display, in Chromium against a real edge', () => {
  it('a due check rides on the board, is entered on the food-safety screen with a PIN, out of limit opens its action, and a slot nobody filled shows missed', async () => {
    const page = await open(TABLET, 'en');
    const strip = page.getByTestId('today-tasks');
    await strip.locator('[data-check="fries-hold"]').waitFor({ timeout: 10_000 });
    expect(await strip.locator('[data-check="fries-hold"]').textContent()).toContain(
      '11:30 Fries in holding cabinet 1',
    );
    await page.screenshot({ path: join(SHOTS, 'checks-board-1280x800-en.png') });

    await strip.locator('[data-check="fries-hold"] button').click();
    const panel = page.getByTestId('fs-checks');
    await panel.waitFor({ timeout: 10_000 });
    const fries = panel.locator('[data-check="fries-hold"]').first();
    expect(await fries.getAttribute('data-state')).toBe('due');
    expect(await panel.locator('[data-check="probe-thermometer"]').getAttribute('data-state')).toBe(
      'not_kept',
    );
    await fries.getByRole('button', { name: 'Enter reading' }).click();
    await fries.getByText('Probe the product in its thickest part').waitFor();
    await fries.getByRole('textbox').fill('58');
    await fries.getByRole('button', { name: '✓ Record' }).click();
    await enterPin(page, 'staff-chen', '1111');
    await page.getByText('is out of limit. Recorded, and a corrective action is open above.').waitFor({
      timeout: 5000,
    });
    await panel.locator('[data-check="fries-hold"][data-state="done"]').first().waitFor({ timeout: 5000 });
    expect(await fries.textContent()).toContain('58.0 °C OUT OF LIMIT, by');
    await page.getByText('Corrective action: Fries in holding cabinet 1 at 11:30 read 58 °C').waitFor({
      timeout: 5000,
    });
    await fries.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'checks-food-safety-1280x800-en.png') });

    const admin = await edgeLogin(base, 'admin', '1234');
    const actions = await edgeApi<CorrectiveActionView[]>(
      base,
      'GET',
      '/api/food-safety/corrective-actions',
      admin,
    );
    expect(actions.map((a) => [a.controlPointId, a.equipmentId, a.state])).toEqual([['check', '', 'open']]);

    // Nobody probes the nuggets: at 12:31 the slot is a missed-check record, on the board in red.
    clock.advance(66 * MIN);
    const records = await edgeApi<CheckRecordView[]>(
      base,
      'GET',
      `/api/food-safety/check-records?from=${START - 12 * 60 * MIN}&to=${START + 12 * 60 * MIN}`,
      admin,
    );
    expect(records.map((r) => [r.checkId, r.status, r.valueC, r.inLimit, r.by])).toEqual([
      ['fries-hold', 'done', 58, false, 'staff-chen'],
      ['nuggets-hold', 'missed', null, null, 'system'],
    ]);

    for (const [size, name] of [
      [WALL, '1920x1080'],
      [PORTRAIT, '800x1280'],
    ] as const) {
      const zh = await open(size, 'zh-CN');
      const chip = zh.getByTestId('today-tasks').locator('[data-check="nuggets-hold"]');
      await chip.waitFor({ timeout: 10_000 });
      expect(await chip.textContent()).toContain('漏检');
      await zh.screenshot({ path: join(SHOTS, `checks-board-${name}-zh-CN.png`) });
      await chip.locator('button').click();
      const missed = zh.getByTestId('fs-checks').locator('[data-check="nuggets-hold"][data-state="missed"]');
      await missed.waitFor({ timeout: 10_000 });
      expect(await missed.textContent()).toContain('漏检');
      await missed.scrollIntoViewIfNeeded();
      await zh.screenshot({ path: join(SHOTS, `checks-food-safety-${name}-zh-CN.png`) });
    }
  }, 90_000);

  it('a batch taken out of temperature control on the display is held to its hours, warned about, and expires into a corrective action', async () => {
    const page = await open(WALL, 'en');
    await page.getByRole('button', { name: 'Food safety' }).click();
    const panel = page.getByTestId('fs-time');
    await panel.waitFor({ timeout: 10_000 });
    await panel.getByLabel('Product').fill('Potato salad');
    await panel.getByLabel('Probed °C').fill('12');
    await panel.getByRole('button', { name: 'Take out of temperature control' }).click();
    // 12 °C may not leave temperature control: the refusal says why, in the screen's language.
    await panel
      .getByText('food at 12 °C may not leave temperature control under 3-501.19(B)')
      .waitFor({ timeout: 5000 });
    await panel.getByLabel('Probed °C').fill('4');
    await panel.getByRole('button', { name: 'Take out of temperature control' }).click();
    const batch = panel.getByTestId('fs-time-batch');
    await batch.waitFor({ timeout: 5000 });
    expect(await batch.textContent()).toContain('serve or discard by 15:25');
    await batch.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'time-control-1920x1080-en.png') });

    const admin = await edgeLogin(base, 'admin', '1234');
    clock.advance(3 * 60 * MIN + 40 * MIN);
    const [warned] = await edgeApi<TimeBatchView[]>(
      base,
      'GET',
      '/api/food-safety/time-batches?state=all',
      admin,
    );
    expect(warned).toMatchObject({ product: 'Potato salad', state: 'holding', change: 'warned' });
    const amber = await open(TABLET, 'zh-CN');
    await amber.getByRole('button', { name: '食品安全' }).click();
    const warnedCard = amber.locator('[data-testid="fs-time-batch"].fs-time-warn');
    await warnedCard.waitFor({ timeout: 10_000 });
    await warnedCard.scrollIntoViewIfNeeded();
    await amber.screenshot({ path: join(SHOTS, 'time-control-warned-1280x800-zh-CN.png') });

    clock.advance(22 * MIN);
    const [expired] = await edgeApi<TimeBatchView[]>(
      base,
      'GET',
      '/api/food-safety/time-batches?state=all',
      admin,
    );
    expect(expired).toMatchObject({ state: 'expired' });
    const actions = await edgeApi<CorrectiveActionView[]>(
      base,
      'GET',
      '/api/food-safety/corrective-actions',
      admin,
    );
    expect(actions.map((a) => [a.controlPointId, a.timeBatchId])).toEqual([['time_control', expired?.id]]);
  }, 90_000);
});
