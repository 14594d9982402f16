import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
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

/** Where the page's screenshots land for people to look at. */
const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'central-web-screenshots');
const LAPTOP = { width: 1440, height: 900 };
const MIN = 60_000;

let webDir = '';
let central: WebCentral;
let browser: Browser | undefined;
let shanghaiToken = '';
let beijingToken = '';

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
  shanghaiToken = await central.addStore('sh-001', '上海人民广场店', 'east');
  await central.addStore('sh-002', '上海徐家汇店', 'east');
  beijingToken = await central.addStore('bj-001', '北京国贸店', 'north');
  await users.add({
    username: 'wang.li',
    password: 'east-region-pw',
    role: 'regional_manager',
    regionId: 'east',
  });

  const now = Date.now();
  const cooler = alarmView(41, now - 12 * MIN);
  await central.postBatch(shanghaiToken, {
    storeId: 'sh-001',
    sentAt: now,
    events: [alarmEvent(1, 'raised', cooler), ticketOpened(2, ticketView(7, now - 125 * MIN, [41]))],
  });
  await central.postBatch(beijingToken, {
    storeId: 'bj-001',
    sentAt: now,
    events: [alarmEvent(1, 'raised', alarmView(5, now - 3 * MIN, { equipmentId: 'fryer-9' }))],
  });
});

afterEach(async () => {
  await browser?.close();
  browser = undefined;
  await central.dispose();
});

async function logIn(username: string, password: string): Promise<Browser> {
  const opened = await openPage(central.base, LAPTOP);
  const { page } = opened;
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
  return opened;
}

describe('regional operations page in Chromium against the real central service', () => {
  it('a regional manager sees their stores, the alarm in the feed, and the ticket with its age', async () => {
    browser = await logIn('wang.li', 'east-region-pw');
    const { page } = browser;

    const shanghai = page.locator('tr[data-store-id="sh-001"]');
    await shanghai.waitFor({ timeout: 10_000 });
    // the region's name arrives with the region list, a moment after the stores (its id shows until then)
    await expect
      .poll(() => page.locator('.region-name').textContent(), { timeout: 5000 })
      .toContain('华东区');
    expect(await shanghai.textContent()).toContain('上海人民广场店');
    const heard = shanghai.locator('.last-heard');
    expect(await heard.textContent()).toBe('刚刚');
    expect(await heard.getAttribute('data-stale')).toBe('false');
    expect(await shanghai.locator('[data-severity="critical"]').textContent()).toContain('1');
    // A store that never synced is the first thing to chase: shown stale, in warning colour.
    const silent = page.locator('tr[data-store-id="sh-002"] .last-heard');
    expect(await silent.textContent()).toContain('从未上报');
    expect(await silent.getAttribute('data-stale')).toBe('true');
    // Another region's store is neither listed nor in the feed.
    expect(await page.locator('[data-store-id="bj-001"]').count()).toBe(0);
    expect(await page.locator('select').count()).toBe(0);

    const first = page.locator('.feed-entry[data-store-id="sh-001"]');
    await first.waitFor({ timeout: 10_000 });
    expect(await first.textContent()).toContain('冷库温度过高');
    expect(await first.getAttribute('class')).not.toContain('fresh');
    await page.screenshot({ path: join(SHOTS, 'stores-zh-CN-1440x900.png') });

    // A new critical alarm and an escalation arrive while the page is open: the poll brings them.
    const now = Date.now();
    const fryer = alarmView(42, now - 5000, {
      equipmentId: 'fryer-1',
      rule: 'fryer-oil-too-hot',
      title: { en: 'Fryer oil too hot', 'zh-CN': '炸炉油温过高' },
    });
    const escalated = alarmView(41, now - 12 * MIN, { escalation: 'central', updatedAt: now });
    await central.postBatch(shanghaiToken, {
      storeId: 'sh-001',
      sentAt: now,
      events: [alarmEvent(3, 'raised', fryer), alarmEvent(4, 'escalated', escalated)],
    });
    const fresh = page.locator('.feed-entry.fresh-critical[data-change="raised"]');
    await fresh.waitFor({ timeout: 10_000 });
    expect(await fresh.textContent()).toContain('炸炉油温过高');
    expect(await page.locator('.fresh-banner').textContent()).toContain('1 条新的严重告警');
    const escalation = page.locator('.feed-entry[data-change="escalated"]');
    expect(await escalation.locator('.tag.escalation').textContent()).toContain('已升级至区域运营');
    await page.screenshot({ path: join(SHOTS, 'feed-new-critical-zh-CN-1440x900.png') });
    await page.getByRole('button', { name: '标记已读' }).click();
    expect(await page.locator('.feed-entry.fresh-critical').count()).toBe(0);

    await page.getByRole('button', { name: /未完成报修单/ }).click();
    const ticket = page.locator('tr[data-ticket="sh-001/7"]');
    await ticket.waitFor({ timeout: 10_000 });
    expect(await ticket.locator('.age').textContent()).toBe('2 小时 5 分钟');
    expect(await ticket.textContent()).toContain('上海人民广场店');
    expect(await page.locator('tr[data-ticket]').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'tickets-zh-CN-1440x900.png') });

    // English is one click away; the session survives a reload (sessionStorage).
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.reload();
    await page.locator('tr[data-ticket="sh-001/7"]').waitFor({ timeout: 10_000 });
    expect(await page.locator('tr[data-ticket="sh-001/7"] .age').textContent()).toBe('2 h 5 min');

    await page.getByRole('button', { name: 'Stores', exact: true }).click();
    await page.getByRole('button', { name: 'Open 上海人民广场店' }).click();
    const detail = page.locator('.store-detail[data-store-id="sh-001"]');
    await detail.waitFor({ timeout: 10_000 });
    expect(await detail.locator('[data-alarm-id]').count()).toBe(2);
    expect(await detail.locator('[data-equipment-id="cooler-1"]').count()).toBe(1);
    expect(await detail.textContent()).toContain('Walk-in cooler too warm');
    await page.screenshot({ path: join(SHOTS, 'store-detail-en-1440x900.png') });
  });

  it('a wrong password is refused; another region’s store cannot be opened by its address', async () => {
    browser = await logIn('wang.li', 'not-the-password');
    const { page } = browser;
    await page.getByRole('alert').waitFor({ timeout: 10_000 });
    expect(await page.getByRole('alert').textContent()).toBe('用户名或密码错误');

    await page.getByLabel('密码').fill('east-region-pw');
    await page.getByRole('button', { name: '登录' }).click();
    await page.locator('tr[data-store-id="sh-001"]').waitFor({ timeout: 10_000 });
    await page.goto(`${central.base}/#/stores/bj-001`);
    await page.getByText('该门店不存在或不在您的区域内。').waitFor({ timeout: 10_000 });
    expect(await page.locator('.store-detail[data-store-id="bj-001"]').count()).toBe(0);

    await page.getByRole('button', { name: '退出' }).click();
    await page.getByLabel('用户名').waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });
});
