import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, buildDisplay, DisplayEdge, openDisplay } from './testing/display-kit';

/**
 * The equipment detail's day chart in real Chromium against a real edge on the demo
 * config: the minutes of an excursion that five-minute rollups have not reached yet are
 * on the chart, and a reading received while it is open is drawn at once.
 */

const SHOTS =
  process.env.GALLEY_SCREENSHOTS ?? join(import.meta.dirname, '..', '.tmp', 'display-screenshots');
const TABLET = { width: 1280, height: 800 };
const MINUTE = 60_000;

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

/** The walk-in cooler's temperature: steady for hours, then warming fast over the last ten minutes. */
function coolerTemp(minutesAgo: number): number {
  const steady = 3 + Math.sin(minutesAgo / 40) * 0.6;
  return minutesAgo >= 10
    ? Math.round(steady * 10) / 10
    : Math.round((steady + (10 - minutesAgo) * 0.45) * 10) / 10;
}

describe('equipment detail chart', () => {
  it('draws the day from rollups and the last hour reading by reading, up to the latest, and stays live', async () => {
    const kitchen = new DisplayEdge(displayDir);
    edge = kitchen;
    await kitchen.start();
    const now = Date.now();
    // Three hours before the raw hour, one reading every five minutes: rollups only.
    let history = 0;
    for (let m = 240; m > 60; m -= 5, history++) {
      await kitchen.telemetryAt('wic-1', now - m * MINUTE, { temp_c: coolerTemp(m) });
    }
    // The last hour, every 30 s, the newest just now: what rollups alone would leave off.
    let lastTs = 0;
    let raw = 0;
    for (let s = 60 * 60; s >= 0; s -= 30, raw++) {
      lastTs = now - s * 1000;
      await kitchen.telemetryAt('wic-1', lastTs, { temp_c: coolerTemp(s / 60) });
    }
    const token = await kitchen.login('admin', '1234');
    // The older hours reach the rollups with the rollup job's next run (every 10 s).
    for (const until = Date.now() + 30_000; ; ) {
      const buckets = await kitchen.api<unknown[]>(
        'GET',
        `/api/equipment/wic-1/readings?metric=temp_c&from=${now - 5 * 60 * MINUTE}&to=${now - 65 * MINUTE}&step=300000`,
        token,
      );
      if (buckets.length >= history - 1 || Date.now() > until) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    browser = await openDisplay(kitchen.pairedUrl(), TABLET, 'en');
    const { page } = browser;
    await page.locator('.tile[data-equipment-id="wic-1"]').click();
    const chart = page.locator('.equipment-detail .time-chart[data-limits="5:critical"]');
    // The newest reading, seconds old, is the chart's last point.
    await page.locator(`.equipment-detail .time-chart[data-last="${lastTs}"]`).waitFor({ timeout: 10_000 });
    expect(await chart.getAttribute('data-unit')).toBe('°C');
    // Every raw reading of the last hour, and a bucket for each older one (the last may still be rolling up).
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(history - 1 + raw);
    await page.locator('.app[data-pushing="true"]').waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'equipment-chart-1280x800-en.png') });

    // A reading published now is on the chart within seconds, no query window to wait for.
    const liveTs = Date.now();
    await kitchen.telemetryAt('wic-1', liveTs, { temp_c: 8.4 });
    await page.locator(`.equipment-detail .time-chart[data-last="${liveTs}"]`).waitFor({ timeout: 5000 });

    // Switched on screen, the chart is drawn again in Chinese, the live reading still on it.
    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.locator('.app[lang="zh-CN"]').waitFor({ timeout: 5000 });
    // The header names the store in Chinese too, as the config gives it.
    expect(await page.locator('.store-name').textContent()).toBe(
      kitchen.config.store.localizedName?.['zh-CN'],
    );
    await page.locator(`.equipment-detail .time-chart[data-last="${liveTs}"]`).waitFor({ timeout: 10_000 });
    await page.screenshot({ path: join(SHOTS, 'equipment-chart-1280x800-zh-CN.png') });
  }, 90_000);
});
