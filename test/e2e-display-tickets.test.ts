import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { PartDetail } from '../shared/api/parts';
import type { TicketView } from '../shared/api/tickets';
import { kitchenDisplayPerTest, SHOTS, TABLET } from './testing/display-kit';

/**
 * Repair tickets on the display as technicians use them, in real Chromium against a real
 * edge on the demo config: resolving through the form records how, with which parts,
 * and warns while the fault is still there; reporting offers what fits the machine.
 */

const kitchen = kitchenDisplayPerTest();

async function typePin(page: Page, user: string, pin: string): Promise<void> {
  await page.locator(`[data-user-id="${user}"]`).click();
  for (const digit of pin) await page.locator('.pin-key', { hasText: digit }).first().click();
}

/** The whole screen at once (a tablet scrolls it), then back to the tablet. */
async function tallShot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: TABLET.width, height: 1800 });
  await page.screenshot({ path: join(SHOTS, name) });
  await page.setViewportSize(TABLET);
}

/** Fryer 2's oil stuck above 200 °C until the edge opens its critical ticket (the rule holds 10 s). */
async function overheatedFryerTicket(): Promise<TicketView> {
  const token = await kitchen.edge.login('admin', '1234');
  const until = Date.now() + 30_000;
  for (;;) {
    await kitchen.edge.telemetry('fryer-2', { oil_temp_c: 212 });
    const [ticket] = await kitchen.edge.api<TicketView[]>(
      'GET',
      '/api/tickets?status=open&equipmentId=fryer-2',
      token,
    );
    if (ticket) return ticket;
    if (Date.now() > until) throw new Error('no ticket for the overheated fryer');
    await new Promise((r) => setTimeout(r, 1000));
  }
}

describe('repair tickets on the display', () => {
  it('resolves through the form: code and parts reach the API, with a warning while the alarm is active', async () => {
    const opened = await overheatedFryerTicket();
    const tech = await kitchen.edge.login('tech-wang', '3333');
    await kitchen.edge.api('POST', `/api/tickets/${opened.id}/transitions`, tech, { to: 'acknowledged' });
    await kitchen.edge.api('POST', `/api/tickets/${opened.id}/transitions`, tech, { to: 'in_progress' });

    const browser = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'en');
    const { page } = browser;
    await page.getByRole('button', { name: /^Tickets/ }).click();
    await page.locator(`.ticket-row[data-ticket-id="${opened.id}"]`).click();
    await page.locator('[data-action="resolved"]').click();
    await typePin(page, 'tech-wang', '3333');

    const form = page.locator('.resolve-form');
    await form.waitFor({ timeout: 5000 });
    await form
      .locator('.resolve-warning', { hasText: 'The fault is still active — resolve anyway?' })
      .waitFor({ timeout: 5000 });
    // A fryer's repairs: its probe calibrated, never a refrigerant recharge.
    expect(await form.locator('[data-resolution-code="probe_calibrated"]').count()).toBe(1);
    expect(await form.locator('[data-resolution-code="refrigerant_recharged"]').count()).toBe(0);

    await form.locator('.parts-used select').selectOption('FRY-THERM-01');
    await form.locator('.parts-used select').selectOption('FRY-FILTER-PAD');
    await form.getByLabel('Quantity of Fryer filter pad').fill('2');
    await form.locator('[data-resolution-code="part_replaced"]').click();
    await form
      .getByLabel('Note (what was done)')
      .fill('probe read 212 °C in 180 °C oil; replaced, filter changed');
    await tallShot(page, 'ticket-resolve-form-1280x1800-en.png');
    await form.getByRole('button', { name: 'Resolve anyway' }).click();

    await form.waitFor({ state: 'detached', timeout: 5000 });
    await page.locator('.ticket-resolution[data-resolution-code="part_replaced"]').waitFor({ timeout: 5000 });
    await tallShot(page, 'ticket-resolved-1280x1800-en.png');

    const admin = await kitchen.edge.login('admin', '1234');
    const resolved = await kitchen.edge.api<TicketView>('GET', `/api/tickets/${opened.id}`, admin);
    expect({
      status: resolved.status,
      resolvedBy: resolved.resolvedBy,
      resolutionCode: resolved.resolutionCode,
      parts: resolved.parts,
      resolutionNotes: resolved.resolutionNotes,
    }).toEqual({
      status: 'resolved',
      resolvedBy: 'tech-wang',
      resolutionCode: 'part_replaced',
      parts: [
        { name: 'Fryer thermostat probe', partNumber: 'FRY-THERM-01', quantity: 1 },
        { name: 'Fryer filter pad', partNumber: 'FRY-FILTER-PAD', quantity: 2 },
      ],
      resolutionNotes: 'probe read 212 °C in 180 °C oil; replaced, filter changed',
    });
    // The parts left the store's stock with the repair (3 probes and 6 boxes of pads at the start).
    const probe = await kitchen.edge.api<PartDetail>('GET', '/api/parts/FRY-THERM-01', admin);
    const pads = await kitchen.edge.api<PartDetail>('GET', '/api/parts/FRY-FILTER-PAD', admin);
    expect([probe.onHand, pads.onHand]).toEqual([2, 4]);
  }, 90_000);

  it('a manager assigns a technician from the edge’s suggestions; a technician is not offered it', async () => {
    const staff = await kitchen.edge.login('staff-chen', '1111');
    const reported = await kitchen.edge.api<TicketView>('POST', '/api/tickets', staff, {
      equipmentId: 'dish-1',
      fault: 'not_draining',
      category: 'other',
    });
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'en');
    const { page } = browser;
    await page.getByRole('button', { name: /^Tickets/ }).click();
    const row = page.locator(`.ticket-row[data-ticket-id="${reported.id}"]`);
    expect(await row.locator('.ticket-title').textContent()).toBe('Not draining');
    await row.click();
    await page.locator('[data-action="assigned"]').click();
    await typePin(page, 'mgr-li', '2222');
    const suggested = page.locator('.assign-form [data-group="suggested"]');
    await suggested.waitFor({ timeout: 5000 });
    await tallShot(page, 'ticket-assign-1280x1800-en.png');
    await suggested.locator('[data-assignee="tech-wang"]').click();
    await page.locator('.ticket-assignee').waitFor({ timeout: 5000 });

    const admin = await kitchen.edge.login('admin', '1234');
    const assigned = await kitchen.edge.api<TicketView>('GET', `/api/tickets/${reported.id}`, admin);
    expect({ status: assigned.status, assignedTo: assigned.assignedTo }).toEqual({
      status: 'assigned',
      assignedTo: 'tech-wang',
    });
    // Signed in as a technician instead, the display no longer offers assigning.
    await page.getByRole('button', { name: /Log out/ }).click();
    await page.locator('[data-action="in_progress"]').click();
    await typePin(page, 'tech-wang', '3333');
    await page.locator('[data-action="resolved"]').waitFor({ timeout: 5000 });
    expect(await page.locator('[data-action="assigned"]').count()).toBe(0);
  }, 60_000);

  it('报修 offers heating faults for a fryer, grouped by station, and the ticket keeps the fault', async () => {
    const browser = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'zh-CN');
    const { page } = browser;
    await page.getByRole('button', { name: '报修', exact: true }).click();
    const fry = page.locator('.report .report-station[data-station="fry"]');
    expect(await fry.locator('h3').textContent()).toBe('炸区');
    expect(
      await fry.locator('[data-equipment-id]').evaluateAll((b) => b.map((e) => e.dataset.equipmentId)),
    ).toEqual(['rif-1', 'fryer-1', 'fryer-2', 'fryer-3', 'hood-1']);
    await fry.locator('[data-equipment-id="fryer-1"]').click();
    const faults = page.locator('.report [data-category]');
    expect(await faults.allTextContents()).not.toContain('不制冷');
    await page.locator('[data-category="overheating"]').click();
    await tallShot(page, 'report-fryer-1280x1800-zh-CN.png');
    await page.getByRole('button', { name: '发送报修' }).click();
    await typePin(page, 'staff-chen', '1111');
    await page.getByText(/已报修：炸炉 1 的报修单 #\d+/).waitFor({ timeout: 5000 });

    const token = await kitchen.edge.login('admin', '1234');
    const tickets = await kitchen.edge.api<TicketView[]>(
      'GET',
      '/api/tickets?status=open&equipmentId=fryer-1',
      token,
    );
    expect(tickets.map((t) => ({ fault: t.fault, category: t.category }))).toEqual([
      { fault: 'overheating', category: 'other' },
    ]);
  }, 60_000);
});
