import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseCsv } from '../shared/server/testing/parse-csv';
import type { SyncEvent } from '../shared/sync/sync-protocol';
import {
  alarmEvent,
  alarmView,
  type Browser,
  buildCentralWeb,
  openPage,
  ticketOpened,
  ticketView,
  WebCentral,
} from './testing/central-web-kit';

const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'central-web-screenshots');
const LAPTOP = { width: 1440, height: 900 };
const MIN = 60_000;

let webDir = '';
let central: WebCentral;
let browser: Browser | undefined;

/** The names a store's configuration gives its equipment, pushed from central. */
const OVERLAY = {
  equipmentTypes: {
    walk_in_cooler: { label: { en: 'Walk-in cooler', 'zh-CN': '步入式冷藏库' }, metrics: {} },
    fryer: { label: { en: 'Fryer', 'zh-CN': '炸炉' }, metrics: {} },
  },
  equipment: [
    {
      id: 'cooler-1',
      type: 'walk_in_cooler',
      station: 'cold',
      name: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' },
    },
    { id: 'fryer-1', type: 'fryer', station: 'fry', name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' } },
  ],
};

function rollup(seq: number, minuteTs: number, temp: number): SyncEvent {
  return {
    seq,
    ts: minuteTs + MIN,
    type: 'rollup.minute',
    entityId: 'cooler-1',
    payload: {
      equipmentId: 'cooler-1',
      minuteTs,
      metrics: { temp_c: { min: temp - 0.3, max: temp + 0.3, avg: temp, count: 6 } },
    },
  };
}

beforeAll(async () => {
  webDir = await buildCentralWeb();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(() => {
  rmSync(webDir, { recursive: true, force: true });
});

beforeEach(async () => {
  central = new WebCentral(webDir);
  await central.start();
  const { directory, users, configs } = central.service.central;
  await directory.addRegion('east', '华东区');
  const token = await central.addStore('sh-001', '上海人民广场店', 'east');
  await users.add({
    username: 'wang.li',
    password: 'east-region-pw',
    role: 'regional_manager',
    regionId: 'east',
  });
  await configs.push('sh-001', OVERLAY, 'admin');

  const now = Date.now();
  const minute = Math.floor(now / MIN) * MIN;
  const events: SyncEvent[] = [];
  let seq = 0;
  // The fryer drops off the network and comes back five times: ten changes of noise.
  for (let i = 0; i < 5; i++) {
    const raisedAt = now - (60 - i * 10) * MIN;
    const blip = alarmView(100 + i, raisedAt, {
      equipmentId: 'fryer-1',
      rule: 'offline',
      ruleKind: 'offline',
      severity: 'warning',
      title: { en: 'Fryer offline', 'zh-CN': '炸炉离线' },
    });
    events.push(alarmEvent(++seq, 'raised', blip));
    const over = {
      ...blip,
      state: 'cleared_unacked' as const,
      clearedAt: raisedAt + 2 * MIN,
      updatedAt: raisedAt + 2 * MIN,
    };
    events.push(alarmEvent(++seq, 'cleared', over));
  }
  // The cooler warming now, what the manager must not miss.
  events.push(alarmEvent(++seq, 'raised', alarmView(41, now - 4 * MIN)));
  events.push(ticketOpened(++seq, ticketView(7, now - 125 * MIN, [41])));
  const manual = {
    ...ticketView(8, now - 30 * MIN, []),
    equipmentId: 'fryer-1',
    source: 'manual' as const,
    fault: 'not_heating',
    category: 'not_heating' as const,
    title: { en: 'not_heating', 'zh-CN': 'not_heating' },
    severity: 'warning' as const,
  };
  events.push(ticketOpened(++seq, manual));
  for (let m = 30; m >= 1; m--) events.push(rollup(++seq, minute - m * MIN, m > 5 ? 3.2 : 14.2 - m * 0.1));
  await central.postBatch(token, { storeId: 'sh-001', sentAt: now, events });
});

afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await central.dispose();
});

async function logIn(): Promise<Browser> {
  const opened = await openPage(central.base, LAPTOP);
  await opened.page.getByLabel('用户名').fill('wang.li');
  await opened.page.getByLabel('密码').fill('east-region-pw');
  await opened.page.getByRole('button', { name: '登录' }).click();
  await opened.page.locator('tr[data-store-id="sh-001"]').waitFor({ timeout: 10_000 });
  return opened;
}

async function downloadCsv(page: Browser['page']): Promise<{ bytes: Buffer; rows: string[][] }> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 CSV' }).click(),
  ]);
  const path = await download.path();
  const bytes = readFileSync(path);
  return { bytes, rows: parseCsv(bytes.toString('utf8').replace(/^\uFEFF/, '')) };
}

describe('the regional page names, groups, filters and exports (Chromium, real central)', () => {
  it('shows equipment by name, folds cleared noise, filters, and exports CSV Excel can read', async () => {
    browser = await logIn();
    const { page } = browser;

    // The live feed: names, not ids; each cleared blip is one row, not two.
    const cooler = page.locator('.feed-entry[data-store-id="sh-001"] [data-equipment-id="cooler-1"]');
    await cooler.first().waitFor({ timeout: 10_000 });
    expect(await cooler.first().textContent()).toContain('冷藏库');
    expect(await page.locator('.feed-entry').count()).toBe(6);
    expect(await page.locator('.feed-entry', { hasText: '2 次变化' }).count()).toBe(5);

    await page.getByRole('button', { name: '告警', exact: true }).click();
    const groups = page.locator('.episode-group');
    await groups.first().waitFor({ timeout: 10_000 });
    expect(await groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-group')))).toEqual([
      'sh-001/cooler-1',
      'sh-001/fryer-1',
    ]);
    const fryer = page.locator('.episode-group[data-group="sh-001/fryer-1"]');
    expect(await fryer.locator('.equipment-name').textContent()).toBe('炸炉 1');
    expect(await fryer.locator('summary').textContent()).toBe('展开 5 条已恢复的告警');
    expect(await fryer.locator('.episode').first().isVisible()).toBe(false);
    await page.screenshot({ path: join(SHOTS, 'alarms-grouped-zh-CN-1440x900.png') });

    await page.getByLabel('状态').selectOption('active');
    await expect.poll(() => groups.count(), { timeout: 10_000 }).toBe(1);
    expect(await groups.first().getAttribute('data-group')).toBe('sh-001/cooler-1');
    await page.getByLabel('状态').selectOption('all');
    await page.getByLabel('搜索').fill('炸炉');
    await expect
      .poll(() => groups.evaluateAll((els) => els.map((e) => e.getAttribute('data-group'))), {
        timeout: 10_000,
      })
      .toEqual(['sh-001/fryer-1']);

    const alarms = await downloadCsv(page);
    expect([...alarms.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(alarms.rows[0]?.slice(0, 4)).toEqual(['门店', '门店编号', '区域', '设备']);
    expect(alarms.rows.slice(1).map((r) => r.slice(0, 8))).toEqual(
      Array.from({ length: 5 }, () => [
        '上海人民广场店',
        'sh-001',
        '华东区',
        '炸炉 1',
        'fryer-1',
        '炸炉',
        '警告',
        '炸炉离线',
      ]),
    );

    // The tickets keep the same filters; cleared, they list both, the manual one by its category.
    await page.getByRole('button', { name: /未完成报修单/ }).click();
    await page.locator('tr[data-ticket="sh-001/8"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('tr[data-ticket]').count()).toBe(1);
    expect(await page.locator('tr[data-ticket="sh-001/8"] .ticket-title').textContent()).toContain('不加热');
    await page.getByRole('button', { name: '清除筛选' }).click();
    await expect.poll(() => page.locator('tr[data-ticket]').count(), { timeout: 10_000 }).toBe(2);
    const cooled = page.locator('tr[data-ticket="sh-001/7"]');
    expect(await cooled.locator('.equipment-cell').textContent()).toContain('冷藏库');
    const tickets = await downloadCsv(page);
    expect(tickets.rows.slice(1).map((r) => [r[0], r[4], r[7], r[8]])).toEqual([
      ['7', '冷藏库', '冷库温度过高', '自动报修'],
      ['8', '炸炉 1', '不加热', '员工报修'],
    ]);

    // Acting from the region: queued for the store with who did it.
    await cooled.locator('summary').click();
    await cooled.getByLabel('维修技师').fill('tech-wang');
    await cooled.getByRole('button', { name: '指派' }).click();
    await cooled.getByRole('status').waitFor({ timeout: 10_000 });
    expect(await cooled.getByRole('status').textContent()).toContain('已发送至门店');
    const queued = await central.service.central.database.db
      .selectFrom('store_commands')
      .select(['kind', 'target_id', 'issued_by', 'status'])
      .execute();
    expect(queued).toEqual([
      { kind: 'ticket.assign', target_id: 7, issued_by: 'wang.li', status: 'pending' },
    ]);

    // On paper: the list without the controls and the live feed.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('.feed').isVisible()).toBe(false);
    expect(await page.locator('.filter-bar').isVisible()).toBe(false);
    expect(await cooled.isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'tickets-print-zh-CN.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });
  });

  it('shows each equipment’s latest synced values and charts its last hours', async () => {
    browser = await logIn();
    const { page } = browser;
    await page.getByRole('button', { name: '打开 上海人民广场店' }).click();
    const cooler = page.locator('.equipment-list li[data-equipment-id="cooler-1"]');
    await cooler.waitFor({ timeout: 10_000 });
    expect(await cooler.locator('.equipment-name').textContent()).toBe('冷藏库');
    expect(await cooler.locator('.reading[data-metric="temp_c"]').textContent()).toBe('温度 14.1 °C');
    expect(
      await page.locator('.equipment-list li[data-equipment-id="fryer-1"] .latest-readings').textContent(),
    ).toBe('尚未同步读数');
    await cooler.getByRole('button', { name: '曲线' }).click();
    const chart = page.locator('.readings-chart[data-chart-for="cooler-1"] [data-metric="temp_c"]');
    await chart.waitFor({ timeout: 10_000 });
    const points = await chart.locator('polyline').getAttribute('points');
    expect(points?.trim().split(' ')).toHaveLength(30);
    expect(await chart.locator('.metric-chart-head').textContent()).toContain('最高 14.4 °C');
    await page.screenshot({ path: join(SHOTS, 'store-readings-zh-CN-1440x900.png') });

    // No store day has closed yet: 维保 still shows today's figures as they stand.
    await page.getByRole('button', { name: '维保', exact: true }).click();
    const today = page.locator('table.running-day tr[data-store="sh-001"]');
    await today.waitFor({ timeout: 10_000 });
    const cells = await today.locator('td').allTextContents();
    expect(cells[2]).toBe('2');
    expect(cells[6]).toBe('2');
  });
});
