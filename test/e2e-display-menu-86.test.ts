import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ItemAvailability } from '../shared/api/menu';
import { kitchenDisplayPerTest, PORTRAIT, SHOTS, TABLET, WALL } from './testing/display-kit';

/**
 * Menu availability as the kitchen sees it, in real Chromium against a real edge on the
 * demo config (three fryers): every fryer reported out of service 86s what needs one, on
 * the order screens' strip and on the 86 board, and a verified repair brings it back.
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

/** What is off once it has settled: tickets are looked at every second, so within 5 s. */
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
  it('all three fryers out: fries, nuggets and combo 86d on the order screen and the 86 board; back after a verified repair', async () => {
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
    tickets.push(await reportOutOfService(token, 'fryer-3'));
    expect(await unavailableWithin5s(token, ['combo', 'fries', 'nuggets'])).toEqual([
      'combo',
      'fries',
      'nuggets',
    ]);

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
    expect(fries).toContain(`#${tickets[2]}`);
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
    expect((await page.getByTestId('menu-item-fries').textContent()) ?? '').toContain('炸炉 1');
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
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="menu-item-fries"]')?.textContent?.includes('炸炉 2'),
      undefined,
      { timeout: 5_000 },
    );
    expect(await unavailableWithin5s(token, [])).toEqual([]);
  });
});
