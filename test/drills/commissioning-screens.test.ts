import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeApp } from '../../edge/app/edge-app';
import type { StoreCommissioning } from '../../shared/central/commissioning-progress';
import type { StoreStateHistory } from '../../shared/central/store-lifecycle';
import { silentLogger } from '../../shared/server/runtime/logger';
import { until } from '../testing/central-sync-kit';
import { buildCentralWeb, openPage, WebCentral } from '../testing/central-web-kit';
import {
  type Browser,
  buildDisplay,
  openDisplay,
  PORTRAIT,
  pairingLink,
  SHOTS,
  TABLET,
  WALL,
} from '../testing/display-kit';
import { coolersOnlyStore } from '../testing/faults-kit';

const SIZES = [
  ['1920x1080', WALL],
  ['1280x800', TABLET],
  ['800x1280', PORTRAIT],
] as const;
const REASON = 'Walk-ins switched on tomorrow; opening with dry goods only';

let displayDir = '';
let webDir = '';
let dir = '';
let central: WebCentral;
let app: EdgeApp;
let edgeUrl = '';
let storeId = '';
const browsers: Browser[] = [];

beforeAll(async () => {
  [displayDir, webDir] = await Promise.all([buildDisplay(), buildCentralWeb()]);
  mkdirSync(SHOTS, { recursive: true });
  dir = mkdtempSync(join(tmpdir(), 'galley-commissioning-screens-'));
  central = new WebCentral(webDir);
  await central.start();
  // A two-cooler store being commissioned: nothing has reported yet.
  const config = coolersOnlyStore(2);
  storeId = config.store.id;
  await central.service.central.directory.addRegion('east', '华东区');
  await central.service.central.directory.addStore({
    id: storeId,
    name: '上海新天地店',
    regionId: 'east',
    state: 'commissioning',
  });
  const token = (await central.service.central.tokens.issue(storeId)).token;
  app = new EdgeApp({
    config,
    dataDir: join(dir, 'edge'),
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    central: { url: central.base, token },
    displayDir,
  });
  const { httpPort } = await app.start();
  edgeUrl = `http://127.0.0.1:${httpPort}`;
}, 240_000);

afterAll(async () => {
  for (const b of browsers.splice(0)) await b.close();
  await app?.stop();
  await central?.dispose();
  for (const d of [displayDir, webDir, dir]) if (d) rmSync(d, { recursive: true, force: true });
});

/** What central answers for the store, as the regional page reads it. */
async function atCentral(): Promise<StoreCommissioning> {
  const res = await fetch(`${central.base}/api/stores/${storeId}/commissioning`, {
    headers: { authorization: `Bearer ${await adminToken()}` },
  });
  return (await res.json()) as StoreCommissioning;
}

async function enterPin(page: Page, user: string, pin: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  // Where only one person may sign, the pad opens with them chosen.
  const pick = dialog.locator(`[data-user-id="${user}"]`);
  if ((await pick.count()) > 0) await pick.click();
  for (const digit of pin) await dialog.locator('.pin-key', { hasText: digit }).first().click();
}

/** Pictures at the wall, tablet and portrait sizes, from the top of the part shown. */
async function shoot(page: Page, name: string, top: string): Promise<void> {
  for (const [size, viewport] of SIZES) {
    await page.setViewportSize(viewport);
    await page
      .locator(top)
      .first()
      .evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SHOTS, `${name}-${size}.png`) });
  }
}

/**
 * Drill (npm run drills; > 15 s with two browsers, two builds and fifteen screenshots): the
 * commissioning screen on the kitchen display and the progress on the regional page, against
 * a real edge syncing with a real central, in en and zh-CN at 1920x1080, 1280x800 and
 * 800x1280 (under GALLEY_SCREENSHOTS or .tmp/display-screenshots). Prints how long the box
 * took to tell central its progress and central to open the store on the signature.
 */
describe('drill: commissioning on the kitchen display and the regional page', () => {
  it('shows the checklist on the box and its progress at central, signs over it, and central opens the store', async () => {
    // The box tells central its progress as it starts.
    const startedAt = Date.now();
    await until(async () => (await atCentral()).progress !== null, 'progress at central');
    const progressMs = Date.now() - startedAt;
    const first = await atCentral();
    expect(first.progress?.items.find((i) => i.id === 'reporting')?.waiting).toEqual(['wic-1', 'wic-2']);

    const display = await openDisplay(`${edgeUrl}/healthz`, WALL, 'en');
    browsers.push(display);
    const { page } = display;
    await page.goto(`${edgeUrl}/${pairingLink(app.database)}`);
    // The screen is in the top bar for those who may read it: the installer signs in first
    // (here on the stock screen), as for purchasing and the predictions.
    await page.getByRole('button', { name: 'Stock' }).click();
    await page.getByRole('button', { name: 'Log in to see stock' }).click();
    await enterPin(page, 'admin', '1234');
    await page.getByRole('button', { name: 'Commissioning' }).click();
    const headline = page.getByTestId('cm-headline');
    await expect
      .poll(() => headline.textContent(), { timeout: 10_000 })
      .toBe('0 of 2 reporting, 2 waiting: Walk-in 1, Walk-in 2');
    expect(await page.locator('[data-item="users"]').textContent()).toContain('Store admin');
    await shoot(page, 'commissioning-display-en', '[data-testid="cm-screen"]');
    await page.getByRole('button', { name: 'Switch language' }).click();
    await expect.poll(() => headline.textContent()).toBe('2 台中 0 台在报数，2 台待完成：冷藏库 1、冷藏库 2');
    await shoot(page, 'commissioning-display-zh-CN', '[data-testid="cm-screen"]');

    const regional = await openPage(central.base, TABLET);
    browsers.push(regional);
    const web = regional.page;
    await web.getByLabel('用户名').fill('admin');
    await web.getByLabel('密码').fill('admin-password-1');
    await web.getByRole('button', { name: '登录' }).click();
    const listed = web.locator(`.commissioning-stores li[data-store-id="${storeId}"]`);
    await listed.waitFor();
    expect(await listed.textContent()).toContain('交接：尚未签字');
    await shoot(web, 'commissioning-regional-list-zh-CN', '.commissioning-stores');

    // Signed over the open checks by the admin, with the reason, on the display (zh-CN).
    await page.setViewportSize(WALL);
    await page.getByLabel('未完成检查仍签字的原因').fill(REASON);
    await page.getByRole('button', { name: /签署交接/ }).click();
    await enterPin(page, 'admin', '1234');
    await page.locator('.cm-signed').waitFor();
    expect(await page.locator('.cm-signed').textContent()).toContain(`原因：${REASON}`);
    await shoot(page, 'commissioning-display-signed-zh-CN', '[data-testid="cm-handover"]');

    // Central opens the store on the signature, and shows who signed over what.
    const signedAt = Date.now();
    await until(async () => (await atCentral()).lifecycle.state === 'open', 'store open at central');
    const openedMs = Date.now() - signedAt;
    console.log(
      `commissioning progress_at_central_ms=${progressMs} signed_to_open_ms=${openedMs} shots=${SHOTS}`,
    );
    const after = await atCentral();
    expect(after.handover).toMatchObject({ signedBy: 'admin', complete: false, overrideReason: REASON });
    await web.locator(`.store-link`, { hasText: '上海新天地店' }).first().click();
    const panel = web.locator('.commissioning-panel');
    await panel.waitFor();
    await expect
      .poll(() => panel.locator('.commissioning-handover').getAttribute('data-signed'))
      .toBe('true');
    expect(await panel.textContent()).toContain(REASON);
    await web.getByRole('button', { name: '切换语言' }).click();
    await expect.poll(() => panel.textContent()).toContain('Signed by Store admin (Administrator)');
    await shoot(web, 'commissioning-regional-store-en', '.commissioning-panel');
    const history = await fetch(`${central.base}/api/stores/${storeId}/state-history`, {
      headers: { authorization: `Bearer ${await adminToken()}` },
    });
    const h = (await history.json()) as StoreStateHistory;
    expect(h.changes.at(-1)).toMatchObject({ from: 'commissioning', to: 'open', by: 'admin' });
  }, 120_000);
});

async function adminToken(): Promise<string> {
  const session = await fetch(`${central.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin-password-1' }),
  });
  return ((await session.json()) as { token: string }).token;
}
