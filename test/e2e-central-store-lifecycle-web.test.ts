import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoreStateHistory } from '../shared/central/store-lifecycle';
import { alarmEvent, alarmView, buildCentralWeb, openPage, WebCentral } from './testing/central-web-kit';

const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'store-lifecycle-screenshots');
const LANDSCAPE = { width: 1280, height: 800 };
const PORTRAIT = { width: 800, height: 1280 };
const MIN = 60_000;

let webDir = '';
let central: WebCentral;
const tokenOf = new Map<string, string>();

/** Stores of one region in several states, each but the planned one with a critical alarm synced. */
async function seed(): Promise<void> {
  const { directory, tokens } = central.service.central;
  await directory.addRegion('east', '华东区');
  const stores = [
    ['sh-001', '上海人民广场店', 'open'],
    ['sh-002', '上海前滩店', 'commissioning'],
    ['sh-003', '上海虹桥店', 'planned'],
    ['sh-004', '上海静安店', 'temporarily_closed'],
    ['sh-005', '上海徐汇店', 'closing'],
  ] as const;
  const now = Date.now();
  for (const [i, [id, name, state]] of stores.entries()) {
    await directory.addStore({ id, name, regionId: 'east', state });
    if (state === 'planned') continue;
    const token = (await tokens.issue(id)).token;
    tokenOf.set(id, token);
    const alarm = alarmView(1, now - (i + 2) * MIN, { severity: 'critical' });
    await central.postBatch(token, { storeId: id, sentAt: now, events: [alarmEvent(1, 'raised', alarm)] });
  }
}

beforeAll(async () => {
  webDir = await buildCentralWeb();
  central = new WebCentral(webDir);
  await central.start();
  await seed();
  rmSync(SHOTS, { recursive: true, force: true });
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await central?.dispose();
  if (webDir) rmSync(webDir, { recursive: true, force: true });
});

describe('store lifecycle on the regional page', () => {
  it('marks each store’s state, counts only the open store’s critical alarm, and lets the admin move a store with a reason', async () => {
    const browser = await openPage(central.base, LANDSCAPE);
    const { page } = browser;
    try {
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill('admin-password-1');
      await page.getByRole('button', { name: '登录' }).click();
      const row = (id: string) => page.locator(`tr[data-store-id="${id}"]`);
      await row('sh-002').locator('.state-chip').waitFor();
      expect(await row('sh-001').locator('.state-chip').textContent()).toBe('营业中');
      expect(await row('sh-002').locator('.state-chip').textContent()).toBe('调试中');
      expect(await row('sh-003').locator('.state-chip').textContent()).toBe('计划中');
      expect(await row('sh-004').locator('.state-chip').textContent()).toBe('暂停营业');
      // Five stores raised a critical alarm; only the open one needs someone.
      const critical = page.locator('.figure', { hasText: '严重告警' }).locator('.figure-value');
      expect(await critical.textContent()).toBe('1');
      expect(await row('sh-001').getAttribute('class')).toContain('row-critical');
      expect((await row('sh-002').getAttribute('class')) ?? '').not.toContain('row-critical');
      await page.screenshot({ path: join(SHOTS, 'stores-zh-1280x800.png'), fullPage: true });

      await row('sh-004').locator('.store-link').click();
      const panel = page.locator('.state-panel');
      await panel.waitFor();
      const submit = panel.getByRole('button', { name: '变更状态' });
      // Reopening is allowed without a reason, but closing for good is not.
      await panel.getByLabel('新状态').selectOption('closing');
      expect(await submit.isDisabled()).toBe(true);
      await panel.getByRole('textbox', { name: '原因' }).fill('租约到期 lease ends');
      await page.screenshot({ path: join(SHOTS, 'detail-zh-1280x800.png'), fullPage: true });
      await submit.click();
      await panel.getByRole('status').waitFor();
      expect(await panel.getByRole('status').textContent()).toBe('已变更为闭店中');
      expect(await panel.locator('.state-history li').first().textContent()).toContain('租约到期 lease ends');

      const history = await central.service.central.database.db
        .selectFrom('store_state_changes')
        .select(['from_state', 'to_state', 'reason', 'changed_by'])
        .where('store_id', '=', 'sh-004')
        .execute();
      expect(history).toEqual([
        {
          from_state: 'temporarily_closed',
          to_state: 'closing',
          reason: '租约到期 lease ends',
          changed_by: 'admin',
        },
      ]);

      await page.getByRole('button', { name: '切换语言' }).click();
      await panel.getByRole('button', { name: 'Change state' }).waitFor();
      await page.screenshot({ path: join(SHOTS, 'detail-en-1280x800.png'), fullPage: true });
      await page
        .getByRole('button', { name: /Stores|门店/ })
        .first()
        .click();
      await row('sh-002').locator('.state-chip').waitFor();
      expect(await row('sh-002').locator('.state-chip').textContent()).toBe('Commissioning');
      await page.screenshot({ path: join(SHOTS, 'stores-en-1280x800.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('reads well on a portrait screen in both languages', async () => {
    const browser = await openPage(central.base, PORTRAIT);
    const { page } = browser;
    try {
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill('admin-password-1');
      await page.getByRole('button', { name: '登录' }).click();
      const row = (id: string) => page.locator(`tr[data-store-id="${id}"]`);
      await row('sh-002').locator('.state-chip').waitFor();
      await page.screenshot({ path: join(SHOTS, 'stores-zh-800x1280.png'), fullPage: true });
      await row('sh-002').locator('.store-link').click();
      await page.locator('.state-panel').waitFor();
      await page.locator('.state-panel h4').waitFor();
      await page.screenshot({ path: join(SHOTS, 'detail-zh-800x1280.png'), fullPage: true });
      await page.getByRole('button', { name: '切换语言' }).click();
      await page.locator('.state-panel').getByRole('button', { name: 'Change state' }).waitFor();
      await page.screenshot({ path: join(SHOTS, 'detail-en-800x1280.png'), fullPage: true });
      const h = await fetch(`${central.base}/api/stores/sh-004/state-history`, {
        headers: { authorization: `Bearer ${await adminToken()}` },
      });
      expect(((await h.json()) as StoreStateHistory).current.state).toBe('closing');
    } finally {
      await browser.close();
    }
  }, 90_000);

  it('raises the live feed’s new-critical banner for an open store’s alarm, not for a commissioning store’s', async () => {
    const browser = await openPage(central.base, LANDSCAPE);
    const { page } = browser;
    try {
      await page.getByLabel('用户名').fill('admin');
      await page.getByLabel('密码').fill('admin-password-1');
      await page.getByRole('button', { name: '登录' }).click();
      await page.locator('li.feed-entry').first().waitFor();
      const now = Date.now();
      const post = (storeId: string, alarmId: number) =>
        central.postBatch(tokenOf.get(storeId) ?? '', {
          storeId,
          sentAt: now,
          events: [alarmEvent(10 + alarmId, 'raised', alarmView(alarmId, now, { severity: 'critical' }))],
        });

      await post('sh-002', 7);
      const quiet = page.locator('li.feed-entry.fresh[data-store-id="sh-002"]');
      await quiet.waitFor();
      expect(await quiet.getAttribute('class')).not.toContain('fresh-critical');
      expect(await page.locator('.fresh-banner').count()).toBe(0);

      await post('sh-001', 8);
      await page.locator('li.feed-entry.fresh-critical[data-store-id="sh-001"]').waitFor();
      expect(await page.locator('.fresh-banner').textContent()).toContain('1');
    } finally {
      await browser.close();
    }
  }, 90_000);
});

async function adminToken(): Promise<string> {
  const res = await fetch(`${central.base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'admin-password-1' }),
  });
  return ((await res.json()) as { token: string }).token;
}
