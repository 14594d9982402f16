import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  dailyMetrics,
  metricsGroup,
  workOrderView,
} from '../cloud-sync/central/testing/maintenance-fixtures';
import type { PurchaseRequestView } from '../shared/api/parts';
import type { SyncEvent } from '../shared/sync/sync-protocol';
import { type Browser, buildCentralWeb, openPage, WebCentral } from './testing/central-web-kit';

const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'central-web-screenshots');
const LAPTOP = { width: 1440, height: 900 };
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let webDir = '';
let central: WebCentral;
let browser: Browser | undefined;

const at = (
  seq: number,
  type: string,
  entityId: string | number,
  payload: object,
  ts: number,
): SyncEvent => ({
  seq,
  ts,
  type,
  entityId: String(entityId),
  payload: payload as Record<string, unknown>,
});

/** A finished store day `daysAgo` back, so its end is always in the past. */
function dayEvent(seq: number, daysAgo: number, overrides: Parameters<typeof metricsGroup>[0]) {
  const day = new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 10);
  return at(
    seq,
    'metrics.daily',
    day,
    dailyMetrics(day, metricsGroup(overrides)),
    Date.parse(`${day}T16:00:00Z`),
  );
}

function purchase(id: number, requestedAt: number): PurchaseRequestView {
  return {
    id,
    partNumber: 'GSK-1',
    quantity: 6,
    status: 'requested',
    reason: 'reorder_point',
    requestedAt,
    requestedBy: 'system',
    decidedAt: null,
    decidedBy: null,
    receivedAt: null,
    receivedBy: null,
    receivedQuantity: null,
    updatedAt: requestedAt,
    history: [{ from: null, to: 'requested', at: requestedAt, by: 'system', note: null }],
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
  const { directory, users } = central.service.central;
  await directory.addRegion('east', '华东区');
  await directory.addRegion('north', '华北区');
  const shanghai = await central.addStore('sh-001', '上海人民广场店', 'east');
  const xujiahui = await central.addStore('sh-002', '上海徐家汇店', 'east');
  const beijing = await central.addStore('bj-001', '北京国贸店', 'north');
  await users.add({
    username: 'wang.li',
    password: 'east-region-pw',
    role: 'regional_manager',
    regionId: 'east',
  });

  const now = Date.now();
  await central.postBatch(shanghai, {
    storeId: 'sh-001',
    sentAt: now,
    events: [
      dayEvent(1, 3, {}),
      dayEvent(2, 2, {
        repairs: 1,
        mttrAvgS: 3 * 3600,
        pm: { due: 2, onTime: 2, onTimeRate: 1, backlog: 2, overdue: 1 },
      }),
      at(
        3,
        'pm.opened',
        11,
        workOrderView({ id: 11, dueAt: now - 3 * DAY, graceUntil: now - 2 * DAY }),
        now - 3 * DAY,
      ),
      at(
        4,
        'pm.opened',
        12,
        workOrderView({
          id: 12,
          planId: 'coil-clean',
          equipmentId: 'walkin-1',
          title: { en: 'Clean condenser coil', 'zh-CN': '清洁冷凝器盘管' },
          dueAt: now + DAY,
          graceUntil: now + 2 * DAY,
        }),
        now,
      ),
      at(5, 'purchase.requested', 3, purchase(3, now - 5 * HOUR), now - 5 * HOUR),
    ],
  });
  await central.postBatch(xujiahui, {
    storeId: 'sh-002',
    sentAt: now,
    events: [dayEvent(1, 2, { key: 'sh-002', repairs: 0, mttrAvgS: null, partsConsumed: [] })],
  });
  await central.postBatch(beijing, {
    storeId: 'bj-001',
    sentAt: now,
    events: [
      at(1, 'pm.opened', 9, workOrderView({ id: 9, dueAt: now - 9 * DAY, graceUntil: now - 8 * DAY }), now),
    ],
  });
});

afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await central.dispose();
});

describe('the 维保 / Maintenance tab in Chromium against the real central service', () => {
  it('shows a regional manager per-store metrics with the region roll-up, overdue PM first, purchases waiting', async () => {
    browser = await openPage(central.base, LAPTOP);
    const { page } = browser;
    await page.getByLabel('用户名').fill('wang.li');
    await page.getByLabel('密码').fill('east-region-pw');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '维保' }).click();

    const sh1 = page.locator('.maintenance-metrics tr[data-store="sh-001"]');
    await sh1.waitFor({ timeout: 10_000 });
    expect(await sh1.textContent()).toContain('上海人民广场店');
    // PM on time over the two days: (3 + 2) / (4 + 2)
    expect(await sh1.locator('td').nth(2).textContent()).toBe('83%');
    expect(await sh1.locator('td').nth(3).textContent()).toContain('1 项逾期');
    const region = page.locator('.maintenance-metrics tr[data-region="east"]');
    expect(await region.textContent()).toContain('区域 华东区（2 家门店）');
    expect(await region.textContent()).toContain('3 店日');
    expect(await page.locator('[data-store="bj-001"], [data-work-order^="bj-001"]').count()).toBe(0);

    const orders = page.locator('.pm-orders tbody tr');
    await orders.first().waitFor({ timeout: 10_000 });
    expect(await orders.count()).toBe(2);
    expect(await orders.first().getAttribute('data-work-order')).toBe('sh-001/11');
    expect(await orders.first().getAttribute('class')).toContain('row-warning');
    expect(await orders.nth(1).textContent()).toContain('未到期');

    const waiting = page.locator('.purchases tr[data-purchase="sh-001/3"]');
    await waiting.waitFor({ timeout: 10_000 });
    expect(await waiting.textContent()).toContain('GSK-1');
    expect(await waiting.textContent()).toContain('库存低于再订货点');
    await page.screenshot({ path: join(SHOTS, 'maintenance-zh-CN-1440x900.png') });
  });
});
