import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DAY,
  H,
  invoice,
  order as orderView,
  receipt,
  T,
} from '../cloud-sync/central/testing/purchasing-fixtures';
import type { SyncEvent } from '../shared/sync/sync-protocol';
import { type Browser, buildCentralWeb, openPage, WebCentral } from './testing/central-web-kit';

/**
 * The regional page's 采购 tab in Chromium, over the real central service: spend, open
 * purchase orders and invoices needing finance, as a regional manager sees the east, in
 * zh-CN and en, screenshot at 1280×800 and 800×1280.
 */
const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'central-web-screenshots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
];

const synced = (seq: number, type: string, doc: { id: number }, ts: number): SyncEvent => ({
  seq,
  ts,
  type,
  entityId: String(doc.id),
  payload: doc as unknown as Record<string, unknown>,
});

describe('the regional purchasing panel in Chromium', () => {
  let webDir = '';
  let central: WebCentral;
  let browser: Browser | undefined;

  beforeAll(async () => {
    webDir = await buildCentralWeb();
    mkdirSync(SHOTS, { recursive: true });
    central = new WebCentral(webDir);
    await central.start();
    const { directory, users } = central.service.central;
    await directory.addRegion('east', '华东区');
    await directory.addRegion('north', '华北区');
    const square = await central.addStore('sh-001', '上海人民广场店', 'east');
    const jingan = await central.addStore('sh-002', '上海静安店', 'east');
    const guomao = await central.addStore('bj-001', '北京国贸店', 'north');
    await users.add({
      username: 'wang.li',
      password: 'east-region-pw',
      role: 'regional_manager',
      regionId: 'east',
    });
    // Everything a few days ago, so it is inside the panel's 30 days whenever the test runs.
    const at = Date.now() - 5 * DAY;
    const shift = (ts: number) => ts - T + at;
    const r1 = { ...receipt(1, 1, '4', shift(T + 2 * H)) };
    const r2 = { ...receipt(2, 2, '9.5', shift(T + 3 * H)) };
    const open1 = orderView(1, 'partially_received', '4', [r1], {
      placedAt: shift(T + H),
      createdAt: shift(T),
    });
    const full2 = orderView(2, 'received', '10', [r2], { placedAt: shift(T + H), createdAt: shift(T) });
    const day = new Date(at).toISOString().slice(0, 10);
    const exception = invoice(1, {
      orderId: 2,
      invoiceDate: day,
      status: 'exception',
      payable: null,
      suggestedPayable: '849.11',
      match: [{ line: 1, item: 'beef', within: false, reasons: ['quantity'] }],
    });
    await central.postBatch(square, {
      storeId: 'sh-001',
      sentAt: Date.now(),
      events: [
        synced(1, 'purchasing.order', open1, shift(T + 2 * H)),
        synced(2, 'purchasing.receipt', r1, shift(T + 2 * H)),
        synced(3, 'purchasing.order', full2, shift(T + 3 * H)),
        synced(4, 'purchasing.receipt', r2, shift(T + 3 * H)),
        synced(5, 'purchasing.invoice', exception, shift(T + 4 * H)),
      ],
    });
    const placed = orderView(1, 'placed', '0', [], { placedAt: shift(T), createdAt: shift(T) });
    const unpaid = invoice(2, {
      orderId: 7,
      invoiceDate: day,
      totals: { net: '1234.50', vat: '111.11', gross: '1345.61' },
      payable: '1345.61',
      paid: '0.00',
    });
    await central.postBatch(jingan, {
      storeId: 'sh-002',
      sentAt: Date.now(),
      events: [
        synced(1, 'purchasing.order', placed, shift(T)),
        synced(2, 'purchasing.invoice', unpaid, shift(T)),
      ],
    });
    await central.postBatch(guomao, {
      storeId: 'bj-001',
      sentAt: Date.now(),
      events: [synced(1, 'purchasing.order', placed, shift(T))],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await central?.dispose();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('shows the east’s spend, open orders and invoices needing finance, in zh-CN and en, on a laptop and a tablet', async () => {
    browser = await openPage(central.base, SIZES[0] ?? { width: 1280, height: 800 });
    const { page } = browser;
    await page.getByLabel('用户名').fill('wang.li');
    await page.getByLabel('密码').fill('east-region-pw');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('button', { name: '采购' }).click();
    const spend = page.getByTestId('purchasing-spend');
    await spend.locator('tbody tr').first().waitFor();
    // The north's store is not the east manager's; sums are exact decimals.
    expect(await page.getByTestId('spend-bj-001-fresh-meat').count()).toBe(0);
    const square = await page.getByTestId('spend-sh-001-fresh-meat').textContent();
    expect(square).toContain('鲜肉供应公司');
    expect(square).toContain('¥1,744.00');
    expect(square).toContain('¥1,177.20');
    expect(await page.getByTestId('spend-total-CNY').textContent()).toContain('¥2,616.00');
    const orders = page.getByTestId('purchasing-orders');
    expect(await orders.locator('tbody tr').count()).toBe(2);
    expect(await page.getByTestId('order-sh-001-1').textContent()).toContain('部分到货');
    const blocked = await page.getByTestId('invoice-sh-001-1').textContent();
    expect(blocked).toContain('匹配异常');
    expect(blocked).toContain('第 1 行（beef）：数量');
    expect(await page.getByTestId('invoice-sh-002-2').textContent()).toContain('¥1,345.61');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({
        path: join(SHOTS, `purchasing-regional-zh-CN-${size.width}x${size.height}.png`),
        fullPage: true,
      });
    }

    await page.getByRole('button', { name: '切换语言' }).click();
    await spend.getByText('Spend, last 30 days').waitFor();
    expect(await page.getByTestId('order-sh-001-1').textContent()).toContain('Partly received');
    expect(await page.getByTestId('invoice-sh-001-1').textContent()).toContain('line 1 (beef): quantity');
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({
        path: join(SHOTS, `purchasing-regional-en-${size.width}x${size.height}.png`),
        fullPage: true,
      });
    }
  }, 60_000);
});
