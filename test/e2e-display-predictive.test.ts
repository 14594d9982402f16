import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import { predictiveRig } from '../edge/domains/predictive/testing/predictive-rig';
import { ColdBoxSim } from '../firmware-sim/degradation/cold-box-sim';
import type { StoreConfig } from '../shared/config/store-config';
import { PredictiveConfig } from '../shared/predictive/predictive-config';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { silentLogger } from '../shared/server/runtime/logger';
import {
  type Browser,
  buildDisplay,
  DEMO_CONFIG,
  openDisplay,
  PORTRAIT,
  pairingLink,
  SHOTS,
  TABLET,
  WALL,
} from './testing/display-kit';
import { JumpClock } from './testing/faults-clock';

const DAY = 86_400_000;
/** Midnight in Shanghai, Monday 5 January 2026: the walk-in's first reading. */
const START = Date.UTC(2026, 0, 4, 16);
/** 33 days on: learned 14 days, fouling from day 30, found before the box runs warm. */
const NOW = START + 33 * DAY;

/** The demo store watching its walk-in, with its asset register and a tariff: repair-or-replace has figures. */
function demoWithAssetRegister(): StoreConfig {
  const config = loadStoreConfig(DEMO_CONFIG);
  return {
    ...config,
    equipment: config.equipment.map((e) =>
      e.id === 'wic-1'
        ? {
            ...e,
            asset: {
              installDate: '2017-01-05',
              expectedLifeYears: 12,
              replacementPrice: '42000.00',
              ratedPowerKw: 1.2,
            },
          }
        : e,
    ),
    predictive: PredictiveConfig.parse({ tariffPerKwh: '1.4' }),
  };
}

let displayDir = '';
let dataDir = '';
let app: EdgeApp;
let base = '';
const browsers: Browser[] = [];

beforeAll(async () => {
  displayDir = await buildDisplay();
  mkdirSync(SHOTS, { recursive: true });
  const config = demoWithAssetRegister();
  // A real finding from the simulator's fouling condenser, on the SQLite file the edge then opens.
  const rig = predictiveRig(config, START);
  await rig.predictive.start();
  const sim = new ColdBoxSim({
    seed: 3,
    startMs: START,
    utcOffsetH: 8,
    degradations: [{ kind: 'condenser_fouling', startsAtH: 30 * 24, rampH: 240, severity: 0.58 }],
  });
  rig.play('wic-1', sim, NOW - 4 * DAY);
  // The last days also stored raw, as the ingest keeps them: the evidence chart and the restart read them.
  rig.play('wic-1', sim, NOW, { store: true });
  expect(rig.predictiveTickets()).toHaveLength(1);
  dataDir = dirname(rig.db.name);
  rig.predictive.stop();
  rig.tickets.stop();
  rig.db.close();

  app = new EdgeApp({
    config,
    dataDir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    clock: new JumpClock(NOW + 60_000),
    displayDir,
  });
  const ports = await app.start();
  base = `http://127.0.0.1:${ports.httpPort}`;
}, 240_000);

afterAll(async () => {
  for (const b of browsers.splice(0)) await b.close();
  await app?.stop();
  rmSync(displayDir, { recursive: true, force: true });
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function enterPin(page: Page, user: string, pin: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.locator(`[data-user-id="${user}"]`).click();
  for (const digit of pin) await dialog.locator('.pin-key', { hasText: digit }).first().click();
}

async function shoot(page: Page, name: string, locale: string): Promise<void> {
  for (const [size, viewport] of [
    ['1920x1080', WALL],
    ['1280x800', TABLET],
    ['800x1280', PORTRAIT],
  ] as const) {
    await page.setViewportSize(viewport);
    // The chart takes the window's width on the next render (the clock renders every second).
    await page.waitForFunction((w) => {
      const canvas = document.querySelector('[data-testid="pm-evidence-chart"] canvas');
      // EvidencePanel's width: beside the list when wide, under it when narrow.
      const expected = Math.max(300, Math.min(1400, w > 1000 ? w - 440 : w - 110));
      return canvas !== null && Math.abs(canvas.getBoundingClientRect().width - expected) < 2;
    }, viewport.width);
    // From the top of the screen: the header, the list and the finding.
    await page.getByTestId('pm-screen').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SHOTS, `predictive-${name}-${size}-${locale}.png`) });
    if (viewport === WALL) continue;
    // Smaller screens scroll: the chart and repair-or-replace below the fold get a picture of their own.
    await page.getByTestId('pm-rr').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, `predictive-${name}-${size}-${locale}-below.png`) });
  }
}

describe('predictive maintenance on the kitchen display', () => {
  it('shows the walk-in’s finding, forecast, evidence chart and repair-or-replace, in en and zh-CN', async () => {
    const opened = await openDisplay(`${base}/healthz`, WALL, 'en');
    browsers.push(opened);
    const { page } = opened;
    await page.goto(`${base}/${pairingLink(app.database)}`);

    // From the equipment's detail, after a PIN of someone who may read it.
    await page.locator('[data-equipment-id="wic-1"]').first().click();
    await page.getByTestId('pm-link').click();
    await page.getByRole('button', { name: 'Log in to see the predictions' }).click();
    await enterPin(page, 'admin', '1234');

    const detail = page.getByTestId('pm-detail');
    await expect.poll(() => detail.getAttribute('data-state'), { timeout: 15_000 }).toBe('finding');
    await expect(detail.locator('h2').textContent()).resolves.toContain('Walk-in cooler');
    await expect(detail.locator('.pm-cause').getAttribute('data-cause')).resolves.toBe('condenser_fouling');
    const forecast = await page.getByTestId('pm-forecast').textContent();
    expect(forecast).toMatch(/crosses 5 °C sustained in about \d+(\.\d)? h \(\d+(\.\d)?–\d+(\.\d)? h\)/);
    const chart = page.getByTestId('pm-evidence-chart');
    await chart.waitFor({ timeout: 15_000 });
    expect(Number(await chart.getAttribute('data-points'))).toBeGreaterThan(48);
    const rr = page.getByTestId('pm-rr');
    await expect(rr.locator('[data-verdict]').getAttribute('data-verdict')).resolves.toBe('watch');
    const figures = await rr.textContent();
    expect(figures).toContain('¥42\u2009000.00');
    expect(figures).toMatch(/Life used7\d %/);
    // The freezer is still learning its own baseline, with its days left in the list.
    await expect(page.locator('.pm-item[data-equipment-id="wif-1"]').textContent()).resolves.toContain(
      'Learning · 14 d',
    );
    await shoot(page, 'finding', 'en');

    await page.getByRole('button', { name: 'Switch language' }).click();
    await page.getByText('冷凝器脏堵').first().waitFor();
    const zhForecast = await page.getByTestId('pm-forecast').textContent();
    expect(zhForecast).toMatch(/按当前趋势，约 \d+(\.\d)? 小时后（.+小时）将持续高于 5 °C。/);
    await expect(page.getByRole('button', { name: '预测维护' }).count()).resolves.toBeGreaterThan(0);
    await shoot(page, 'finding', 'zh-CN');
  }, 120_000);
});
