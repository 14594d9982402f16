import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlarmView } from '../shared/api/alarms';
import type { StockPurchaseView } from '../shared/api/stock';
import type { TicketView } from '../shared/api/tickets';
import { kitchenDisplayPerTest, SHOTS, TABLET, WALL } from './testing/display-kit';

const kitchen = kitchenDisplayPerTest();

describe('kitchen display in Chromium against a real edge', () => {
  it('a fault turns the tile critical and shows the banner within 2 s; acknowledged after a confirmation and a PIN', async () => {
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), WALL, 'en');
    const { page } = browser;
    const oven = page.locator('[data-equipment-id="oven-1"]');
    await oven.waitFor({ timeout: 10_000 });
    expect(await oven.getAttribute('data-state')).toBe('ok');

    const faultAt = Date.now();
    await kitchen.edge.event('oven-1', 'E10');
    await page.locator('.tile[data-equipment-id="oven-1"][data-state="critical"]').waitFor({ timeout: 2000 });
    const banner = page.getByRole('alert');
    await banner.waitFor({ timeout: 2000 - (Date.now() - faultAt) });
    expect(Date.now() - faultAt).toBeLessThan(2000);
    expect(await banner.textContent()).toContain('Cavity temperature sensor fault');
    expect(await banner.textContent()).toContain('Stop cooking in this oven and call the technician.');

    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByRole('button', { name: 'Yes, acknowledge' }).click();
    // The PIN pad lists who works here: a tap on the name, then the keypad; the fourth digit sends.
    await page.locator('[data-user-id="staff-chen"]').click();
    for (const digit of '1111') await page.locator('.pin-key', { hasText: digit }).first().click();
    await banner.waitFor({ state: 'detached', timeout: 3000 });

    const token = await kitchen.edge.login('admin', '1234');
    const alarms = await kitchen.edge.api<AlarmView[]>(
      'GET',
      '/api/alarms?state=all&equipmentId=oven-1',
      token,
    );
    expect(alarms.map((a) => ({ state: a.state, ackedBy: a.ackedBy }))).toEqual([
      { state: 'active_acked', ackedBy: 'staff-chen' },
    ]);
    // Still critical on the board: acknowledged is not repaired.
    expect(await oven.getAttribute('data-state')).toBe('critical');
  });

  it('reports a problem in three taps (and a PIN); the ticket is in the API', async () => {
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'zh-CN');
    const { page } = browser;
    await page.getByRole('button', { name: '报修', exact: true }).click();
    await page.locator('.report [data-equipment-id="fryer-2"]').click();
    await page.locator('[data-category="not_heating"]').click();
    await page.getByRole('button', { name: '发送报修' }).click();
    await page.locator('[data-user-id="staff-chen"]').click();
    for (const digit of '1111') await page.locator('.pin-key', { hasText: digit }).first().click();
    await page.getByText(/已报修：炸炉 2 的报修单 #\d+/).waitFor({ timeout: 5000 });

    const token = await kitchen.edge.login('admin', '1234');
    const tickets = await kitchen.edge.api<TicketView[]>(
      'GET',
      '/api/tickets?status=open&equipmentId=fryer-2',
      token,
    );
    expect(tickets.map((t) => ({ source: t.source, category: t.category, openedBy: t.openedBy }))).toEqual([
      { source: 'manual', category: 'not_heating', openedBy: 'staff-chen' },
    ]);
  });

  it('shows the store by name, times in its zone, and a new reading within 1 s by push', async () => {
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'en');
    const { page } = browser;
    const freezer = page.locator('[data-equipment-id="wif-1"] .tile-value');
    await freezer.waitFor({ timeout: 10_000 });
    await page.locator('.store-name', { hasText: kitchen.edge.config.store.name }).waitFor({ timeout: 5000 });
    const shanghai = new Intl.DateTimeFormat('en', {
      timeZone: kitchen.edge.config.store.timezone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const clock = (await page.locator('.clock').textContent()) ?? '';
    const before = shanghai.format(Date.now() - 60_000);
    const after = shanghai.format(Date.now() + 60_000);
    expect([before, shanghai.format(Date.now()), after]).toContain(clock);
    // Push must be live: the poll falls back to every 5 s while it is, so only push can be this quick.
    await page.waitForFunction(
      () => document.querySelector('.app')?.getAttribute('data-pushing') === 'true',
      {
        timeout: 5000,
      },
    );
    for (const value of [-20.3, -20.7]) {
      const sent = Date.now();
      await kitchen.edge.telemetry('wif-1', { temp_c: value, door_open: false, compressor_on: true });
      await page
        .locator('[data-equipment-id="wif-1"] .tile-value', { hasText: `−${Math.abs(value)}` })
        .waitFor({ timeout: 1000 });
      expect(Date.now() - sent).toBeLessThan(1000);
    }
  });

  it('draws real history: sparklines, the 24 h chart with its limits, and the chart around a fault', async () => {
    await kitchen.edge.kitchenHistory(45);
    const token = await kitchen.edge.login('staff-chen', '1111');
    const ticket = await kitchen.edge.api<TicketView>('POST', '/api/tickets', token, {
      equipmentId: 'wic-1',
      fault: 'not_cooling',
      category: 'not_cooling',
    });
    // Back-dated history reaches the rollups with the rollup job's next run (every 10 s).
    const until = Date.now() + 30_000;
    for (;;) {
      const points = await kitchen.edge.api<unknown[]>(
        'GET',
        `/api/equipment/wic-1/readings?metric=temp_c&from=${Date.now() - 3_600_000}&to=${Date.now()}&step=60000`,
        token,
      );
      if (points.length >= 40 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), WALL, 'en');
    const { page } = browser;
    const spark = page.locator('.tile[data-equipment-id="wic-1"] .sparkline path');
    await spark.waitFor({ timeout: 10_000 });
    // One point a minute for the last 45 minutes, plus the live reading.
    const segments = ((await spark.getAttribute('d')) ?? '').split('L').length;
    expect(segments).toBeGreaterThanOrEqual(40);
    await page.screenshot({ path: join(SHOTS, 'board-history-1920x1080-en.png') });
    await page.setViewportSize(TABLET);

    await page.locator('.tile[data-equipment-id="wic-1"]').click();
    const dayChart = page.locator('.equipment-detail .time-chart[data-limits="5:critical"]');
    await dayChart.waitFor({ timeout: 5000 });
    expect(Number(await dayChart.getAttribute('data-points'))).toBeGreaterThanOrEqual(9);
    expect(await dayChart.locator('canvas').count()).toBe(1);
    await page.screenshot({ path: join(SHOTS, 'equipment-history-1280x800-en.png') });

    await page.getByRole('button', { name: /^Tickets/ }).click();
    await page.locator(`.ticket-row[data-ticket-id="${ticket.id}"]`).click();
    const faultChart = page.locator('.ticket-detail .time-chart[data-limits="5:critical"]');
    await faultChart.waitFor({ timeout: 5000 });
    expect(Number(await faultChart.getAttribute('data-points'))).toBeGreaterThanOrEqual(40);
    await page.screenshot({ path: join(SHOTS, 'ticket-history-1280x800-en.png') });
  }, 60_000);

  it('shows stale while the edge is down and recovers by itself when it is back', async () => {
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), WALL, 'zh-CN');
    const { page } = browser;
    const freezer = page.locator('[data-equipment-id="wif-1"] .tile-value');
    await freezer.waitFor({ timeout: 10_000 });
    expect(await freezer.textContent()).toBe('−19.6');

    await kitchen.edge.stop();
    const stale = page.getByTestId('stale-bar');
    await stale.waitFor({ timeout: 6000 });
    expect(await stale.textContent()).toContain('连接中断');
    await page.screenshot({ path: join(SHOTS, 'stale-1920x1080-zh-CN.png') });

    await kitchen.edge.start();
    await kitchen.edge.telemetry('wif-1', { temp_c: -21.4, door_open: false, compressor_on: true });
    await stale.waitFor({ state: 'detached', timeout: 10_000 });
    await page
      .locator('[data-equipment-id="wif-1"] .tile-value', { hasText: '−21.4' })
      .waitFor({ timeout: 3000 });
  });

  it('the kiosk offline page is bilingual and counts down to the next try, at both sizes', async () => {
    const page = join(import.meta.dirname, '..', 'display', 'electron', 'offline.html');
    const browser = await kitchen.open(
      `file://${page}?retryS=5&edge=${encodeURIComponent(kitchen.edge.base)}`,
      WALL,
      'en',
    );
    for (const size of [WALL, TABLET]) {
      await browser.page.setViewportSize(size);
      const text = (await browser.page.locator('main').textContent()) ?? '';
      expect(text).toContain('无法连接门店边缘服务器');
      expect(text).toContain('Cannot reach the store edge');
      expect(text).toMatch(/Retrying in [1-5] s/);
      const overflow = await browser.page.evaluate(
        () => document.documentElement.scrollHeight > window.innerHeight,
      );
      expect(overflow, `offline page scrolls at ${size.width}x${size.height}`).toBe(false);
      await browser.page.screenshot({ path: join(SHOTS, `kiosk-offline-${size.width}x${size.height}.png`) });
    }
  });

  it('a manager approves an ingredient purchase request on the stock screen; the edge has it approved', async () => {
    const manager = await kitchen.edge.login('mgr-li', '2222');
    // The purchaser raises it: whoever requested may not approve (segregation of duties).
    const purchaser = await kitchen.edge.login('buyer-zhao', '5555');
    // Beef counted below its minimum: the reorder asks for it, waiting for approval.
    await kitchen.edge.api('POST', '/api/stock/counts', manager, {
      lines: [{ ingredient: 'beef-patty', qty: 3000 }],
    });
    const { created } = await kitchen.edge.api<{ created: StockPurchaseView[] }>(
      'POST',
      '/api/stock/reorder',
      purchaser,
    );
    const beef = created.find((p) => p.ingredient === 'beef-patty');
    if (!beef) throw new Error(`no request for beef: ${JSON.stringify(created)}`);

    const { page } = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'en');
    await page.getByRole('button', { name: 'Stock', exact: true }).click();
    await page.getByRole('button', { name: 'Log in to see stock' }).click();
    await page.locator('[data-user-id="mgr-li"]').click();
    for (const digit of '2222') await page.locator('.pin-key', { hasText: digit }).first().click();
    await page.getByRole('button', { name: 'Purchase requests' }).click();
    const card = page.getByTestId(`stock-purchase-${beef.id}`);
    await card.waitFor({ timeout: 5000 });
    expect(await card.textContent()).toContain('Waiting for approval');
    expect(await card.textContent()).toContain('4 × box-5kg (20,000 g)');
    await card.getByRole('button', { name: 'Approve' }).click();
    await card.getByRole('button', { name: 'Yes, approve' }).click();
    await page.getByText(`Request #${beef.id} approved by 李经理 Manager Li.`).waitFor({ timeout: 5000 });
    await card.getByRole('button', { name: 'Receive goods' }).waitFor({ timeout: 5000 });

    const requests = await kitchen.edge.api<StockPurchaseView[]>(
      'GET',
      '/api/stock/purchase-requests?status=all',
      manager,
    );
    expect(requests.find((p) => p.id === beef.id)).toMatchObject({ status: 'approved', decidedBy: 'mgr-li' });
  });

  it('writes screenshots of the board, normal and with a critical alarm, at both sizes in both languages', async () => {
    await kitchen.edge.kitchenHistory(20);
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), WALL, 'en');
    const { page } = browser;
    const views = (['en', 'zh-CN'] as const).flatMap((locale) =>
      [WALL, TABLET].map((size) => ({ locale, size })),
    );
    const show = async (locale: string, size: { width: number; height: number }) => {
      await page.setViewportSize(size);
      await page.evaluate((l) => localStorage.setItem('galley.locale', l), locale);
      await page.reload();
      await page.locator('[data-equipment-id="oven-1"]').waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
    };
    for (const { locale, size } of views) {
      const name = `${size.width}x${size.height}-${locale}`;
      await show(locale, size);
      await page.screenshot({ path: join(SHOTS, `board-${name}.png`) });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
      expect(overflow, `horizontal scrolling at ${name}`).toBe(false);
      const smallest = await page.evaluate(() =>
        Math.min(
          ...[...document.querySelectorAll('.tile-value')].map((e) =>
            Number.parseFloat(getComputedStyle(e).fontSize),
          ),
        ),
      );
      expect(smallest).toBeGreaterThanOrEqual(32);
      const tinyTargets = await page.evaluate(() =>
        [...document.querySelectorAll('button')]
          .filter((b) => b.offsetParent !== null)
          .filter((b) => {
            const r = b.getBoundingClientRect();
            return r.height < 48 || r.width < 48;
          })
          .map((b) => b.textContent),
      );
      expect(tinyTargets, `touch targets under 48 px at ${name}`).toEqual([]);
    }
    await kitchen.edge.event('oven-1', 'E34');
    for (const { locale, size } of views) {
      await show(locale, size);
      await page.getByRole('alert').waitFor({ timeout: 5000 });
      await page.screenshot({ path: join(SHOTS, `alarm-${size.width}x${size.height}-${locale}.png`) });
      // All 20 tiles in view under the banner: nothing to scroll to on the wall or the tablet.
      const hidden = await page.evaluate(() => {
        const screen = document.querySelector('.screen');
        return screen ? screen.scrollHeight - screen.clientHeight : -1;
      });
      expect(
        hidden,
        `board scrolls under the alarm at ${size.width}x${size.height} ${locale}`,
      ).toBeLessThanOrEqual(0);
    }
    // The other screens, for people to look at (tablet, English: the longer strings).
    await show('en', TABLET);
    await page.getByRole('button', { name: /^Tickets/ }).click();
    await page.locator('.ticket-row').first().waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'tickets-1280x800-en.png') });
    await page.locator('.ticket-row').first().click();
    await page.locator('.ticket-detail').waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'ticket-detail-1280x800-en.png') });
    await page.getByRole('button', { name: /Back/ }).click();
    await page.locator('.tile[data-equipment-id="wic-1"]').click();
    await page.locator('.equipment-detail').waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'equipment-detail-1280x800-en.png') });
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByRole('dialog').waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'ack-confirm-1280x800-en.png') });
    await page.getByRole('button', { name: 'Yes, acknowledge' }).click();
    await page.getByRole('dialog', { name: 'Enter your PIN' }).waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'pin-1280x800-en.png') });
  }, 90_000);
});
