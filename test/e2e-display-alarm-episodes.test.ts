import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AlarmView } from '../shared/api/alarms';
import { within } from '../shared/server/testing/mqtt-clients';
import { topics } from '../shared/topics';
import { kitchenDisplayPerTest, SHOTS, TABLET } from './testing/display-kit';

/**
 * Alarm episodes as the kitchen sees them, in real Chromium against a real edge on the
 * demo config, the equipment played by real MQTT clients: a fault that comes back after
 * it was acknowledged and cleared alerts again, an acknowledged critical that gets worse
 * by its re-alert step alerts again, and a fault code nobody configured still reaches
 * its equipment's tile.
 */

const kitchen = kitchenDisplayPerTest();

async function alarmsOf(equipmentId: string): Promise<AlarmView[]> {
  const token = await kitchen.edge.login('admin', '1234');
  return kitchen.edge.api<AlarmView[]>('GET', `/api/alarms?state=all&equipmentId=${equipmentId}`, token);
}

/** Asks the edge until one of the equipment's alarms matches, or gives up after 15 s. */
async function alarmWhere(equipmentId: string, match: (a: AlarmView) => boolean): Promise<AlarmView> {
  for (const until = Date.now() + 15_000; ; ) {
    const found = (await alarmsOf(equipmentId)).find(match);
    if (found) return found;
    if (Date.now() > until) throw new Error(`no alarm of ${equipmentId} as expected`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function bannerShows(page: Page, alarmId: number): Promise<unknown> {
  return page.locator(`.alarm-banner[data-alarm-id="${alarmId}"]`).waitFor({ timeout: 10_000 });
}

/** Acknowledges the critical on the banner as staff do: confirm, then the PIN. */
async function acknowledgeOnBanner(page: Page): Promise<void> {
  await page.locator('.alarm-ack').click();
  const confirm = page.getByRole('dialog', { name: 'Acknowledge this alarm?' });
  await confirm.getByRole('button', { name: 'Yes, acknowledge' }).click();
  await page.locator('[data-user-id="staff-chen"]').click();
  for (const digit of '1111') await page.locator('.pin-key', { hasText: digit }).first().click();
  await page.locator('.alarm-banner').waitFor({ state: 'detached', timeout: 10_000 });
}

describe('alarm episodes on the kitchen display', () => {
  it('a fault back after it was acknowledged and cleared is on the critical banner again', async () => {
    await kitchen.edge.event('oven-1', 'E34');
    const first = await alarmWhere('oven-1', (a) => a.rule.endsWith(':E34'));
    expect(first.severity).toBe('critical');
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'en');
    const { page } = browser;
    await bannerShows(page, first.id);

    await acknowledgeOnBanner(page);
    await kitchen.edge.event('oven-1', 'E00');
    await alarmWhere('oven-1', (a) => a.id === first.id && a.state === 'cleared_acked');
    const tileFault = page.locator('.tile[data-equipment-id="oven-1"] .tile-fault');
    await tileFault.waitFor({ state: 'detached', timeout: 10_000 });
    expect(await page.locator('.alarm-banner').count()).toBe(0);

    // The oven reports it again: a new episode (the same alarm row within the flap window,
    // counted again), unacknowledged, on the banner by its name.
    await kitchen.edge.event('oven-1', 'E34');
    const again = await alarmWhere('oven-1', (a) => a.rule.endsWith(':E34') && a.state === 'active_unacked');
    expect(again).toMatchObject({ ackedBy: null, clearedAt: null, raiseCount: first.raiseCount + 1 });
    expect(again.conditionSince).toBeGreaterThan(first.conditionSince);
    await bannerShows(page, again.id);
    expect(await page.locator('.alarm-banner').textContent()).toContain('Steam generator overheated');
    await page.screenshot({ path: join(SHOTS, 'episodes-reraised-1280x800-en.png') });
  }, 60_000);

  it('an acknowledged critical 3 °C worse than when acknowledged is on the banner again, a smaller rise is not', async () => {
    await kitchen.edge.telemetryAt('fryer-1', Date.now() - 30_000, { oil_temp_c: 212 });
    let raised: AlarmView | undefined;
    for (const until = Date.now() + 20_000; !raised && Date.now() < until; ) {
      await kitchen.edge.telemetry('fryer-1', { oil_temp_c: 212 });
      raised = (await alarmsOf('fryer-1')).find((a) => a.rule === 'oil_overheat');
      if (!raised) await new Promise((r) => setTimeout(r, 1000));
    }
    if (!raised) throw new Error('oil above 200 °C raised nothing');
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'en');
    const { page } = browser;
    await bannerShows(page, raised.id);
    await acknowledgeOnBanner(page);
    await alarmWhere('fryer-1', (a) => a.id === raised.id && a.state === 'active_acked');

    // 2 °C hotter than at the acknowledgement: noted, not alerted again.
    await kitchen.edge.telemetry('fryer-1', { oil_temp_c: 214 });
    const noted = await alarmWhere('fryer-1', (a) => a.id === raised.id && a.lastValue === 214);
    expect(noted.state).toBe('active_acked');
    expect(await page.locator('.alarm-banner').count()).toBe(0);

    // 4 °C hotter: past the re-alert step, the kitchen is told again.
    await kitchen.edge.telemetry('fryer-1', { oil_temp_c: 216 });
    const worse = await alarmWhere('fryer-1', (a) => a.id === raised.id && a.state === 'active_unacked');
    expect(worse).toMatchObject({ lastValue: 216, worsening: true, ackedBy: null });
    await bannerShows(page, raised.id);
    expect(await page.locator('.alarm-banner').textContent()).toContain('Fryer oil above 200 °C');
    await page.screenshot({ path: join(SHOTS, 'episodes-worsened-1280x800-en.png') });
  }, 60_000);

  it('a fault code no rule maps shows on its fryer’s tile as a warning naming the code', async () => {
    const fryer = await kitchen.edge.device('fryer-2');
    await within(
      fryer.publishAsync(
        topics.event(kitchen.edge.config.store.id, 'fryer-2'),
        JSON.stringify({ ts: Date.now(), code: 'X99', message: 'oil pump pressure low' }),
        { qos: 1 },
      ),
      5000,
      'PUBACK for the fryer event',
    );
    const alarm = await alarmWhere('fryer-2', (a) => a.rule === 'unknown_fault_code:X99');
    expect(alarm.severity).toBe('warning');

    const browser = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'zh-CN');
    const { page } = browser;
    const tile = page.locator('.tile[data-equipment-id="fryer-2"]');
    const fault = tile.locator(`.tile-fault.severity-warning[data-alarm-id="${alarm.id}"]`);
    await fault.waitFor({ timeout: 10_000 });
    expect(await tile.getAttribute('data-state')).toBe('warning');
    expect(await fault.textContent()).toContain('设备故障代码 X99');
    // A warning is for the tile, not the critical banner.
    expect(await page.locator('.alarm-banner').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'episodes-unknown-code-1280x800-zh-CN.png') });

    await page.getByRole('button', { name: '切换语言' }).click();
    await fault.filter({ hasText: 'Equipment fault code X99' }).waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'episodes-unknown-code-1280x800-en.png') });
  }, 60_000);
});
