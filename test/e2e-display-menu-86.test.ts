import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ItemAvailability } from '../shared/api/menu';
import { kitchenDisplayPerTest, PORTRAIT, SHOTS, TABLET, WALL } from './testing/display-kit';

/**
 * Menu availability as the kitchen sees it, in real Chromium against a real edge on the
 * demo config (three fryers): fryers 1 and 2 reported out of service and fryer 3 faulting
 * over MQTT (oil above 200 °C, a critical alarm) 86 what needs a fryer, on the order
 * screens' strip and on the 86 board, and a verified repair brings it back.
 */
const kitchen = kitchenDisplayPerTest();

async function reportOutOfService(token: string, equipmentId: string): Promise<number> {
  const ticket = await kitchen.edge.api<{ id: number }>('POST', '/api/tickets', token, {
    equipmentId,
    fault: 'not heating',
    category: 'not_heating',
    outOfService: true,
  });
  return ticket.id;
}

/**
 * A fryer's oil above 200 °C for longer than the rule's 10 s, reported every 2.5 s in real
 * time (the rules judge readings in order, after the reading the kitchen just sent).
 */
async function overheat(fryer: string): Promise<void> {
  const until = Date.now() + 11_000;
  for (;;) {
    await kitchen.edge.telemetry(fryer, { oil_temp_c: 236, heating_on: false });
    if (Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 2_500));
  }
}

/** What is off once it has settled: within 5 s. */
async function unavailableWithin5s(token: string, expected: string[]): Promise<string[]> {
  const until = Date.now() + 5_000;
  for (;;) {
    const off = await unavailable(token);
    if (JSON.stringify(off) === JSON.stringify(expected) || Date.now() > until) return off;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function unavailable(token: string): Promise<string[]> {
  const items = await kitchen.edge.api<ItemAvailability[]>('GET', '/api/menu/availability', token);
  return items
    .filter((i) => !i.available)
    .map((i) => i.item)
    .sort();
}

describe('86 on the display', () => {
  it('fryers 1 and 2 out of service, fryer 3 faulting over MQTT: fries, nuggets and combo 86d on the order screen and the 86 board; back after a verified repair', async () => {
    const token = await kitchen.edge.login('mgr-li', '2222');
    const { page } = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'en');
    await page.evaluate(() => {
      localStorage.setItem('galley.kds.mode', 'kds');
      localStorage.setItem('galley.kds.stations', JSON.stringify(['fry']));
    });
    await page.reload();
    await page.getByTestId('kds-bump').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('kds-86-strip').count()).toBe(0);

    const tickets = [];
    for (const fryer of ['fryer-1', 'fryer-2']) tickets.push(await reportOutOfService(token, fryer));
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await unavailable(token)).toEqual([]);
    await overheat('fryer-3');
    expect(await unavailableWithin5s(token, ['combo', 'fries', 'nuggets'])).toEqual([
      'combo',
      'fries',
      'nuggets',
    ]);
    const alarms = await kitchen.edge.api<{ equipmentId: string; severity: string }[]>(
      'GET',
      '/api/alarms?state=active',
      token,
    );
    expect(alarms.filter((a) => a.severity === 'critical').map((a) => a.equipmentId)).toEqual(['fryer-3']);

    const strip = page.getByTestId('kds-86-strip');
    await strip.waitFor({ timeout: 5_000 });
    const text = (await strip.textContent()) ?? '';
    for (const item of ['Fries', 'Nuggets', 'combo'])
      expect(text.toLowerCase()).toContain(item.toLowerCase());
    expect(text.toLowerCase()).not.toContain('salad');
    await page.screenshot({ path: join(SHOTS, 'kds-86-strip-1280x800-en.png') });

    await page.getByRole('button', { name: '86', exact: true }).click();
    await page.getByTestId('menu-board').waitFor();
    const fries = (await page.getByTestId('menu-item-fries').textContent()) ?? '';
    expect(fries).toContain('Fryer 1');
    expect(fries).toContain(`#${tickets[1]}`);
    expect(fries).toContain('Fryer 3');
    expect(fries).toContain('above 200');
    expect(await page.getByTestId('menu-back-fries').count()).toBe(0);
    for (const [size, name] of [
      [WALL, '1920x1080'],
      [TABLET, '1280x800'],
      [PORTRAIT, '800x1280'],
    ] as const) {
      await page.setViewportSize(size);
      await page.screenshot({ path: join(SHOTS, `menu-86-board-${name}-en.png`) });
    }
    await page.evaluate(() => localStorage.setItem('galley.locale', 'zh-CN'));
    await page.reload();
    await page.getByRole('button', { name: '估清', exact: true }).click();
    await page.getByTestId('menu-board').waitFor();
    const friesZh = (await page.getByTestId('menu-item-fries').textContent()) ?? '';
    expect(friesZh).toContain('炸炉 1');
    expect(friesZh).toContain('高于 200');
    await page.screenshot({ path: join(SHOTS, 'menu-86-board-800x1280-zh-CN.png') });

    const repaired = tickets[1];
    for (const step of [
      { to: 'acknowledged' },
      { to: 'in_progress' },
      { to: 'resolved', resolutionCode: 'thermostat replaced' },
      { to: 'verified' },
    ]) {
      await kitchen.edge.api('POST', `/api/tickets/${repaired}/transitions`, token, step);
    }
    await page.waitForSelector('[data-testid="menu-item-fries"][data-available="true"]', { timeout: 5_000 });
    expect(await unavailableWithin5s(token, [])).toEqual([]);
  });
});
