import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, buildDisplay, DisplayEdge, openDisplay, TYPICAL } from './testing/display-kit';

/**
 * Issue 14: the paired display applies pushed telemetry to the board instead of
 * refetching the whole state for every reading. Twenty real MQTT devices publish to a
 * real edge while real Chromium shows the board; the page's API requests are counted.
 */

const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'display-screenshots');
const TABLET = { width: 1280, height: 800 };
/** each device's reading interval: 20 devices make 40 messages a second, the demo store 2–3 */
const EVERY_MS = 500;
const PUBLISH_MS = 10_000;
/** the display's safety-net poll while push is live, and the other screens' own polls (App.tsx) */
const BOARD_POLL_MS = 5000;
const SYNC_POLL_MS = 10_000;
const TASKS_POLL_MS = 15_000;

let displayDir = '';
let edge: DisplayEdge | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  displayDir = await buildDisplay();
  mkdirSync(SHOTS, { recursive: true });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await edge?.dispose();
  rmSync(displayDir, { recursive: true, force: true });
});

/** The board's text for a number: one decimal below 100, none above, a real minus sign (format.ts). */
function shown(value: number): string {
  return value.toFixed(Math.abs(value) >= 100 ? 0 : 1).replace(/^-/, '−');
}

/** A reading a little off the typical value, never near a rule's limit. */
function wobble(typical: number, tick: number, index: number): number {
  const step = Math.abs(typical) >= 100 ? 1 : 0.1;
  return Math.round((typical + Math.sin(tick + index) * 3 * step) / step) * step;
}

/** The last reading: further off than any wobble, so the board can only show it by having received it. */
function last(typical: number): number {
  return Math.abs(typical) >= 100 ? Math.round(typical) + 5 : Math.round((typical + 0.7) * 10) / 10;
}

describe('kitchen display under live telemetry', () => {
  it('makes no API request per telemetry message while 20 devices publish, and shows the latest readings', async () => {
    const kitchen = new DisplayEdge(displayDir);
    edge = kitchen;
    await kitchen.start();
    await kitchen.kitchenRunning();
    const devices = kitchen.config.equipment.flatMap((e, index) => {
      const metric = kitchen.config.equipmentTypes[e.type]?.keyMetric;
      const typical = metric ? TYPICAL[e.type]?.[metric] : undefined;
      return metric && typeof typical === 'number' ? [{ id: e.id, metric, typical, index }] : [];
    });
    expect(devices).toHaveLength(20);

    browser = await openDisplay(kitchen.pairedUrl(), TABLET, 'en');
    const { page } = browser;
    await page.locator('.tile[data-equipment-id="wif-1"] .tile-value').waitFor({ timeout: 10_000 });
    // Push live: from here on the board polls only as a safety net.
    await page.locator('.app[data-pushing="true"]').waitFor({ timeout: 5000 });
    for (const d of devices) await kitchen.device(d.id);

    const requests: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) requests.push(`${url.pathname}${url.search}`);
    });
    const startedAt = Date.now();
    let messages = 0;
    let shot = false;
    await Promise.all(
      devices.map(async (d) => {
        for (let tick = 0; Date.now() - startedAt < PUBLISH_MS; tick++) {
          const due = startedAt + tick * EVERY_MS;
          await sleep(Math.max(0, due - Date.now()));
          await kitchen.telemetry(d.id, { [d.metric]: wobble(d.typical, tick, d.index) });
          messages++;
          if (!shot && Date.now() - startedAt > PUBLISH_MS / 2) {
            shot = true;
            await page.screenshot({ path: join(SHOTS, 'board-live-push-1280x800-en.png') });
          }
        }
        await kitchen.telemetry(d.id, { [d.metric]: last(d.typical) });
        messages++;
      }),
    );
    const lastSentAt = Date.now();
    // Every tile shows its device's last reading (pushed: the board applies readings every 250 ms).
    for (const d of devices) {
      await page
        .locator(`.tile[data-equipment-id="${d.id}"] .tile-value`, { hasText: shown(last(d.typical)) })
        .waitFor({ timeout: 3000 });
    }
    const shownWithinMs = Date.now() - lastSentAt;
    await page.screenshot({ path: join(SHOTS, 'board-live-push-latest-1280x800-en.png') });
    const windowMs = Date.now() - startedAt;

    const sparklines = requests.filter((path) => path.includes('/readings?'));
    const board = requests.filter((path) => !path.includes('/readings?'));
    const polls = (every: number) => Math.floor(windowMs / every) + 1;
    // The poll floor: the board's three parts per safety-net poll, plus sync and tasks.
    const floor = 3 * polls(BOARD_POLL_MS) + polls(SYNC_POLL_MS) + polls(TASKS_POLL_MS);
    // Room for what the edge announces meanwhile, each refetched once: here the serial
    // rif-1 and fryer-3, whose ports this edge cannot open, are offline and still report.
    const ceiling = floor + 2 * 3;
    console.info(
      `live push: ${messages} telemetry messages from ${devices.length} devices in ${windowMs} ms; ` +
        `${board.length} API requests (poll floor ${floor}) + ${sparklines.length} sparkline requests; ` +
        `latest readings shown ${shownWithinMs} ms after the last was sent\n  ${board.join('\n  ')}`,
    );
    expect(messages).toBeGreaterThanOrEqual(devices.length * (PUBLISH_MS / EVERY_MS));
    expect(board.length).toBeLessThanOrEqual(ceiling);
    // Sparklines keep their own once-a-minute round, whatever the telemetry does.
    expect(sparklines.length).toBeLessThanOrEqual(devices.length * Math.ceil(windowMs / 60_000));
    expect(requests.length).toBeLessThan(messages / 10);
  }, 90_000);
});
