import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURE_STORE,
  fixtureSource,
  local,
} from '../edge/domains/food-safety/report/testing/report-fixture';
import { ReportArchiveJob } from '../edge/domains/food-safety/report-archive/report-archive-job';
import { openDatabase } from '../edge/store/database';
import { FakeClock } from '../shared/server/runtime/fake-clock';
import { silentLogger } from '../shared/server/runtime/logger';
import { type Browser, buildCentralWeb, openPage, WebCentral } from './testing/central-web-kit';

let webDir = '';
let central: WebCentral | undefined;
let browser: Browser | undefined;
let edgeDir = '';
/** Where the page's screenshots land for people to look at. */
const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'central-web-screenshots');

beforeAll(async () => {
  webDir = await buildCentralWeb();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(() => {
  rmSync(webDir, { recursive: true, force: true });
});

afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await central?.dispose();
  if (edgeDir) rmSync(edgeDir, { recursive: true, force: true });
});

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe('the regional page’s archive of the store’s monthly reports', () => {
  it('lists the month the box archived and downloads its PDF as the box made it, in zh-CN and en', async () => {
    central = new WebCentral(webDir);
    await central.start();
    const { directory, users } = central.service.central;
    await directory.addRegion('east', '华东区');
    const token = await central.addStore(FIXTURE_STORE.id, '测试厨房 徐汇', 'east');
    await users.add({
      username: 'wang.li',
      password: 'east-region-pw',
      role: 'regional_manager',
      regionId: 'east',
    });

    // The box archives November once it has closed in Shanghai.
    edgeDir = mkdtempSync(join(tmpdir(), 'galley-archive-web-'));
    const db = openDatabase(edgeDir);
    const clock = new FakeClock();
    clock.advanceTo(local('2026-12-01 02:00'));
    const job = new ReportArchiveJob({
      db,
      clock,
      logger: silentLogger(),
      source: fixtureSource(),
      central: { url: central.base, token },
      monthsBack: 1,
    });
    expect(await job.runOnce()).toEqual({ uploaded: 4, alreadyHeld: 0, deferred: false });
    db.close();

    browser = await openPage(central.base, { width: 1280, height: 800 });
    const { page } = browser;
    await page.getByLabel('用户名').fill('wang.li');
    await page.getByLabel('密码').fill('east-region-pw');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '食品安全', exact: true }).click();
    const row = page.locator('[data-testid="report-month-2026-11"]');
    await row.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="food-safety-report-archive"] h3').textContent()).toBe(
      '门店月度报告',
    );
    expect(await row.locator('button').allTextContents()).toEqual(['中文', 'English', '中文', 'English']);

    for (const [index, lang, expected] of [
      [0, 'zh-CN', '测试厨房 徐汇 (test-sh-009)'],
      [1, 'en', 'Test Kitchen Xuhui (test-sh-009)'],
    ] as const) {
      const button = row.locator('button').nth(index);
      const [download] = await Promise.all([
        page.waitForEvent('download', { timeout: 15_000 }),
        button.click(),
      ]);
      expect(download.suggestedFilename()).toBe(`food-safety_test-sh-009_2026-11_${lang}.pdf`);
      const file = await download.path();
      expect(sha256(readFileSync(file))).toBe(await button.getAttribute('data-sha256'));
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text).toContain(expected);
    }

    // The same list in English.
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.reload();
    await page
      .getByRole('button', { name: /Food safety/ })
      .first()
      .click();
    await row.waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="food-safety-report-archive"] h3').textContent()).toBe(
      'Monthly reports from the store',
    );
    expect(await row.locator('button').allTextContents()).toEqual(['中文', 'English', '中文', 'English']);
    await row.evaluate((el) => el.scrollIntoView());
    await page.screenshot({ path: join(SHOTS, 'food-safety-report-archive-en.png') });
  }, 120_000);
});
