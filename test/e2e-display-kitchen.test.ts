import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AlarmView } from '../shared/api/alarms';
import { kitchenDisplayPerTest, PORTRAIT, SHOTS, TABLET, WALL } from './testing/display-kit';

/**
 * The kitchen display as a kitchen lives with it, in real Chromium against a real edge
 * on the demo config: several criticals at once, acknowledging on purpose, and a board
 * that fills every screen it is hung on.
 */

const kitchen = kitchenDisplayPerTest();

const HAZARD_RANK = { people: 0, food: 1, equipment: 2 } as const;

/** The order the kitchen should read criticals in, written out from what the alarms say. */
function expectedOrder(alarms: readonly AlarmView[]): number[] {
  return alarms
    .filter((a) => a.severity === 'critical' && a.state.endsWith('_unacked'))
    .sort(
      (a, b) =>
        HAZARD_RANK[a.hazard] - HAZARD_RANK[b.hazard] ||
        Number(b.worsening) - Number(a.worsening) ||
        b.conditionSince - a.conditionSince ||
        a.id - b.id,
    )
    .map((a) => a.id);
}

async function activeAlarms(): Promise<AlarmView[]> {
  const token = await kitchen.edge.login('admin', '1234');
  return kitchen.edge.api<AlarmView[]>('GET', '/api/alarms?state=open', token);
}

async function waitForAlarm(equipmentId: string): Promise<AlarmView | undefined> {
  const until = Date.now() + 10_000;
  for (;;) {
    const alarm = (await activeAlarms()).find((a) => a.equipmentId === equipmentId);
    if (alarm || Date.now() > until) return alarm;
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Back-dated history reaches the rollups the sparklines read with the rollup job's next run (every 10 s). */
async function historyRolledUp(): Promise<void> {
  const token = await kitchen.edge.login('admin', '1234');
  const until = Date.now() + 30_000;
  for (;;) {
    const points = await kitchen.edge.api<unknown[]>(
      'GET',
      `/api/equipment/wic-1/readings?metric=temp_c&from=${Date.now() - 3_600_000}&to=${Date.now()}&step=60000`,
      token,
    );
    if (points.length >= 15 || Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function typePin(page: Page, user: string, pin: string): Promise<void> {
  await page.locator(`[data-user-id="${user}"]`).click();
  for (const digit of pin) await page.locator('.pin-key', { hasText: digit }).first().click();
}

/** Elements reaching past the viewport's sides that nothing clips: what makes a page scroll sideways. */
function elementsWiderThanViewport(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const clipped = (e: Element): boolean => {
      for (let p = e.parentElement; p; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (style.overflowX !== 'visible') {
          const r = p.getBoundingClientRect();
          if (r.right <= width + 1 && r.left >= -1) return true;
        }
      }
      return false;
    };
    return [...document.querySelectorAll('body *')]
      .filter((e) => {
        const r = e.getBoundingClientRect();
        return r.width > 0 && (r.right > width + 1 || r.left < -1) && !clipped(e);
      })
      .map(
        (e) => `${e.tagName.toLowerCase()}.${e.className} (${Math.round(e.getBoundingClientRect().right)})`,
      );
  });
}

describe('kitchen display: alarms and the board as the kitchen lives with them', () => {
  it('pages through every critical most urgent first, and acknowledges only after a confirmation naming the fault', async () => {
    // Fryer oil over 200 °C (the rule holds 10 s before it raises), then two oven faults.
    await kitchen.edge.telemetryAt('fryer-1', Date.now() - 30_000, { oil_temp_c: 212 });
    await kitchen.edge.event('oven-1', 'E10');
    await new Promise((r) => setTimeout(r, 50));
    await kitchen.edge.event('oven-1', 'E34');
    let alarms: AlarmView[] = [];
    for (const until = Date.now() + 20_000; Date.now() < until; ) {
      await kitchen.edge.telemetry('fryer-1', { oil_temp_c: 214 });
      alarms = await activeAlarms();
      if (expectedOrder(alarms).length === 3) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const order = expectedOrder(alarms);
    expect(order).toHaveLength(3);
    const fryerAlarm = alarms.find((a) => a.equipmentId === 'fryer-1');
    expect(fryerAlarm?.conditionSince).toBeLessThan(fryerAlarm?.raisedAt ?? 0);

    const browser = await kitchen.open(kitchen.edge.pairedUrl(), WALL, 'en');
    const { page } = browser;
    const banner = page.locator('.alarm-banner');
    await page.waitForFunction(
      (ids) => document.querySelector('.alarm-banner')?.getAttribute('data-alarm-order') === ids,
      order.join(','),
      { timeout: 10_000 },
    );
    const byId = new Map(alarms.map((a) => [a.id, a]));
    const clock = new Intl.DateTimeFormat('en', {
      timeZone: kitchen.edge.config.store.timezone,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    // Every critical readable in turn, each with when its condition began.
    for (const [index, id] of order.entries()) {
      const alarm = byId.get(id);
      expect(await banner.getAttribute('data-alarm-id')).toBe(String(id));
      const text = (await banner.textContent()) ?? '';
      expect(text).toContain(alarm?.title.en);
      expect(text).toContain(`since ${clock.format(alarm?.conditionSince ?? 0)}`);
      expect(await page.getByTestId('alarm-position').textContent()).toBe(`${index + 1} of 3`);
      await page.screenshot({ path: join(SHOTS, `kitchen-banner-${index + 1}-of-3-1920x1080-en.png`) });
      await page.getByRole('button', { name: 'Next critical alarm' }).click();
    }
    expect(await banner.getAttribute('data-alarm-id')).toBe(String(order[0]));
    // Under the banner, the wall and the tablet still show every tile without scrolling;
    // upright, the page may scroll down but never sideways.
    for (const size of [WALL, TABLET, PORTRAIT]) {
      const name = `${size.width}x${size.height}`;
      await page.setViewportSize(size);
      await page.screenshot({ path: join(SHOTS, `kitchen-banner-${name}-en.png`) });
      expect(await elementsWiderThanViewport(page), `wider than the screen at ${name}`).toEqual([]);
      if (size === PORTRAIT) continue;
      const hidden = await page.evaluate(() => {
        const screen = document.querySelector('.screen');
        return screen ? screen.scrollHeight - screen.clientHeight : -1;
      });
      expect(hidden, `board scrolls under the banner at ${name}`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize(WALL);

    // The second in line, acknowledged: a confirmation names it first, and Cancel changes nothing.
    await page.getByRole('button', { name: 'Next critical alarm' }).click();
    const second = byId.get(order[1] ?? -1);
    const secondName = second?.equipmentId === 'fryer-1' ? 'Fryer 1' : 'Combi oven';
    await page.locator('.alarm-ack').click();
    const confirm = page.getByRole('dialog', { name: 'Acknowledge this alarm?' });
    await confirm.waitFor({ timeout: 3000 });
    expect(await confirm.textContent()).toContain(secondName);
    expect(await confirm.textContent()).toContain(second?.title.en);
    await page.screenshot({ path: join(SHOTS, 'kitchen-ack-confirm-1920x1080-en.png') });
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect((await activeAlarms()).every((a) => a.state.endsWith('_unacked'))).toBe(true);

    await page.locator('.alarm-ack').click();
    await confirm.getByRole('button', { name: 'Yes, acknowledge' }).click();
    // The PIN goes by itself with its fourth digit: no OK to reach for.
    await typePin(page, 'staff-chen', '1111');
    await page.waitForFunction(
      (ids) => document.querySelector('.alarm-banner')?.getAttribute('data-alarm-order') === ids,
      [order[0], order[2]].join(','),
      { timeout: 5000 },
    );
    expect(await page.getByTestId('alarm-position').textContent()).toBe('1 of 2');
    const afterFirst = await activeAlarms();
    expect(afterFirst.find((a) => a.id === second?.id)?.ackedBy).toBe('staff-chen');
    expect(afterFirst.filter((a) => a.ackedBy !== null)).toHaveLength(1);

    // Signed in already, the next acknowledgement still asks to confirm, then needs no PIN.
    await page.locator('.alarm-ack').click();
    await confirm.waitFor({ timeout: 3000 });
    await confirm.getByRole('button', { name: 'Yes, acknowledge' }).click();
    await page.waitForFunction(
      (id) => document.querySelector('.alarm-banner')?.getAttribute('data-alarm-order') === id,
      String(order[2]),
      { timeout: 5000 },
    );
    expect(await page.getByRole('dialog').count()).toBe(0);

    // Acknowledged is not repaired: the tile still names the fault and its age.
    const fault = page.locator(`.tile .tile-fault[data-alarm-id="${order[0]}"]`);
    await fault.waitFor({ timeout: 3000 });
    expect(await fault.getAttribute('data-acked')).toBe('true');
    expect(await fault.textContent()).toMatch(/\d+ min · acknowledged/);
    await page.screenshot({ path: join(SHOTS, 'kitchen-after-ack-1920x1080-en.png') });
    // Signed in, the header's extra button still fits on the screen.
    expect(await elementsWiderThanViewport(page)).toEqual([]);
  }, 60_000);

  it('acknowledges a warning from the equipment detail, with the same confirmation', async () => {
    await kitchen.edge.event('oven-1', 'E24');
    const warning = await waitForAlarm('oven-1');
    expect(warning?.severity).toBe('warning');
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'zh-CN');
    const { page } = browser;
    const tile = page.locator('.tile[data-equipment-id="oven-1"]');
    await tile.locator('.tile-fault', { hasText: '蒸汽发生器缺水' }).waitFor({ timeout: 10_000 });
    expect(await page.locator('.alarm-banner').count()).toBe(0);
    await tile.click();
    await page.locator(`.alarm-row[data-alarm-id="${warning?.id}"] button`).waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'kitchen-detail-warning-1280x800-zh-CN.png') });
    await page.locator(`.alarm-row[data-alarm-id="${warning?.id}"] button`).click();
    const confirm = page.getByRole('dialog', { name: '确认此告警？' });
    expect(await confirm.textContent()).toContain('万能蒸烤箱');
    expect(await confirm.textContent()).toContain('蒸汽发生器缺水');
    await confirm.getByRole('button', { name: '是，确认告警' }).click();
    await typePin(page, 'staff-chen', '1111');
    await page.locator(`.alarm-row[data-alarm-id="${warning?.id}"] button`).waitFor({ state: 'detached' });
    const acked = (await activeAlarms()).find((a) => a.id === warning?.id);
    expect({ state: acked?.state, by: acked?.ackedBy }).toEqual({ state: 'active_acked', by: 'staff-chen' });
  }, 40_000);

  it('fills the screen at 1920×1080, 1280×800 and 800×1280 in both languages, nothing wider than the screen', async () => {
    await kitchen.edge.kitchenHistory(20);
    await historyRolledUp();
    await kitchen.edge.event('oven-1', 'E24');
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), WALL, 'en');
    const { page } = browser;
    for (const locale of ['en', 'zh-CN'] as const) {
      for (const size of [WALL, TABLET, PORTRAIT]) {
        const name = `${size.width}x${size.height}-${locale}`;
        await page.setViewportSize(size);
        await page.evaluate((l) => localStorage.setItem('galley.locale', l), locale);
        await page.reload();
        await page.locator('.tile[data-equipment-id="oven-1"] .tile-fault').waitFor({ timeout: 10_000 });
        expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
        await page.screenshot({ path: join(SHOTS, `kitchen-board-${name}.png`) });
        expect(await elementsWiderThanViewport(page), `wider than the screen at ${name}`).toEqual([]);
        const names = await page.evaluate(() =>
          [...document.querySelectorAll<HTMLElement>('.tile-name')]
            .filter(
              (e) => e.scrollWidth > e.clientWidth + 1 || getComputedStyle(e).textOverflow === 'ellipsis',
            )
            .map((e) => e.textContent),
        );
        expect(names, `cut-off equipment names at ${name}`).toEqual([]);
        if (size === WALL) {
          // The tiles reach the screen's right edge and its last quarter.
          const fill = await page.evaluate(() => {
            const screen = document.querySelector('.screen')?.getBoundingClientRect();
            const tiles = [...document.querySelectorAll('.tile')].map((t) => t.getBoundingClientRect());
            if (!screen || tiles.length === 0) return { right: 0, bottom: 0 };
            return {
              right: (Math.max(...tiles.map((t) => t.right)) - screen.left) / screen.width,
              bottom: (Math.max(...tiles.map((t) => t.bottom)) - screen.top) / screen.height,
            };
          });
          expect(fill.right, `tiles across the wall at ${name}`).toBeGreaterThan(0.95);
          expect(fill.bottom, `tiles down the wall at ${name}`).toBeGreaterThan(0.8);
        }
      }
    }
  }, 90_000);
});
