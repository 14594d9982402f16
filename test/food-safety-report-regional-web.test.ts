import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  coolingBatch,
  correctiveAction,
  day,
  excursion,
  passedBatch,
  signedOff,
} from '../cloud-sync/central/food-safety/testing/food-safety-events';
import { parseCsv, section } from '../shared/server/testing/parse-csv';
import type { SyncEvent } from '../shared/sync/sync-protocol';
import { type Browser, buildCentralWeb, openPage, WebCentral } from './testing/central-web-kit';

/** Where the page's screenshots land for people to look at. */
const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'central-web-screenshots');
const SIZES = [
  { width: 1920, height: 1080 },
  { width: 1280, height: 800 },
];
const H = 3_600_000;

let webDir = '';
let central: WebCentral;
let browser: Browser | undefined;

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
});

/** The store day `daysAgo` before today in the machine's zone, as YYYY-MM-DD. */
function dayBefore(now: number, daysAgo: number): string {
  const d = new Date(now - daysAgo * 24 * H);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * 上海人民广场店 these last days: a failed day at the walk-in, an excursion still going with
 * its action overdue, and two cooling batches — one that missed stage 1 (reheated, signed
 * off by the manager) and a newer one that passed.
 */
function squareHistory(now: number): SyncEvent[] {
  // Both yesterday, whatever the hour: the figures count store days before today's midnight.
  const midnight = new Date(now).setHours(0, 0, 0, 0);
  const failedT0 = midnight - 20 * H;
  const passedT0 = midnight - 10 * H;
  return [
    day(1, dayBefore(now, 3)),
    day(2, dayBefore(now, 2), { out: 60, excursions: 1, pass: false }),
    day(3, dayBefore(now, 1), { noData: 30 }),
    excursion(4, { startedAt: now - 5 * H }),
    correctiveAction(5, { openedAt: now - 4 * H }),
    coolingBatch(6, { t0: failedT0, startedAt: failedT0, product: '鸡汤 Chicken stock' }),
    signedOff(7, {
      id: 61,
      seq: 66,
      amends: 61,
      controlPointId: 'cooling',
      equipmentId: 'ric-1',
      excursionId: 60,
      coolingBatchId: 60,
      alarmId: null,
      title: {
        en: 'Cooling 鸡汤 Chicken stock missed stage 1',
        'zh-CN': '冷却 鸡汤 Chicken stock 未达第 1 阶段',
      },
      openedAt: failedT0 + 2 * H,
      whatDone: 'Reheated to 74 °C and cooled again in an ice bath',
      disposition: 'reheat_recool',
      quantity: { amount: 12, unit: 'l' },
      movedTo: null,
      by: 'mgr-li',
      at: failedT0 + 3 * H,
    }),
    passedBatch(8, {
      t0: passedT0,
      startedAt: passedT0,
      product: '红烧肉 Braised pork',
      at: passedT0 + 350 * 60_000,
    }),
  ];
}

describe('the regional page’s food-safety tab: cooling batches and the records download', () => {
  it('shows each store’s cooling batches, missed stages first, and downloads central’s CSV, in zh-CN and en', async () => {
    central = new WebCentral(webDir);
    await central.start();
    const { directory, users } = central.service.central;
    await directory.addRegion('east', '华东区');
    const square = await central.addStore('sh-001', '上海人民广场店', 'east');
    await central.addStore('sh-002', '上海徐家汇店', 'east');
    await users.add({
      username: 'wang.li',
      password: 'east-region-pw',
      role: 'regional_manager',
      regionId: 'east',
    });
    const now = Date.now();
    await central.postBatch(square, { storeId: 'sh-001', sentAt: now, events: squareHistory(now) });

    browser = await openPage(central.base, SIZES[0] ?? { width: 1920, height: 1080 });
    const { page } = browser;
    await page.getByLabel('用户名').fill('wang.li');
    await page.getByLabel('密码').fill('east-region-pw');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '食品安全', exact: true }).click();

    // The worst store is chosen first: its cooling batches, the one that missed a stage on top.
    const rows = page.locator('[data-testid="food-safety-cooling"] tbody tr');
    await rows.first().waitFor({ timeout: 15_000 });
    expect(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-testid')))).toEqual([
      'cooling-60',
      'cooling-70',
    ]);
    expect(await page.locator('[data-testid="cooling-60"]').textContent()).toContain('不合格');
    expect(await page.locator('[data-testid="cooling-figures-sh-001"]').textContent()).toBe('21 批未达标');
    expect(await page.locator('[data-testid="food-safety-detail"] h2').textContent()).toContain('冷却');
    expect(await page.locator('[data-testid="action-61"]').textContent()).toContain('产品已重新加热并冷却');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await shoot(browser, `food-safety-zh-CN-${size.width}x${size.height}`);
    }

    const zh = await downloadCsv(browser, '下载记录（CSV）');
    expect(zh[0]).toEqual(['总部留存的食品安全记录']);
    expect(section(zh, '冷却批次').rows.map((r) => [r[0], r[1]])).toEqual([
      ['60', '鸡汤 Chicken stock'],
      ['70', '红烧肉 Braised pork'],
    ]);
    expect(section(zh, '每日合规').rows).toHaveLength(3);

    await page.getByRole('button', { name: '切换语言' }).click();
    await page.reload();
    await page
      .getByRole('button', { name: /Food safety/ })
      .first()
      .click();
    await page.locator('[data-testid="cooling-60"]').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="cooling-60"]').textContent()).toContain('Failed');
    expect(await page.locator('[data-testid="cooling-70"]').textContent()).toContain('Passed');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await shoot(browser, `food-safety-en-${size.width}x${size.height}`);
    }
    const en = await downloadCsv(browser, 'Download records (CSV)');
    const cooling = section(en, 'Cooling batches');
    expect(cooling.rows[0]?.[cooling.header.indexOf('Stage 1 Result')]).toBe('FAIL');
    expect(section(en, 'Corrective actions').rows.map((r) => r[0])).toEqual(['61', '41']);
  }, 120_000);
});

/** The tab from its top, then scrolled to the chosen store's lists (cooling at the bottom). */
async function shoot(opened: Browser, name: string): Promise<void> {
  await opened.page.evaluate(() => window.scrollTo(0, 0));
  await opened.page.screenshot({ path: join(SHOTS, `${name}.png`) });
  await opened.page.locator('[data-testid="food-safety-detail"] h2').evaluate((el) => el.scrollIntoView());
  await opened.page.screenshot({ path: join(SHOTS, `${name}-store.png`) });
}

/** Clicks the download button and reads the file Chromium saved, byte-order mark checked. */
async function downloadCsv(opened: Browser, label: string): Promise<string[][]> {
  const [download] = await Promise.all([
    opened.page.waitForEvent('download', { timeout: 15_000 }),
    opened.page.getByRole('button', { name: label }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^food-safety-central_sh-001_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/,
  );
  const file = await download.path();
  const bytes = readFileSync(file);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.subarray(3).toString('utf8'));
}
