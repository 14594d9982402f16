import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import { DeviceCredentials } from '../edge/store/credentials-store';
import { TlsSettings } from '../shared/config/tls';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger } from '../shared/server/runtime/logger';
import { connectClient, within } from '../shared/server/testing/mqtt-clients';
import { topics } from '../shared/topics';
import { buildDisplay, DEMO_CONFIG, pairingLink } from './testing/display-kit';

let displayDir = '';
let dataDir = '';
let app: EdgeApp;
let httpsPort = 0;
let mqttsPort = 0;

beforeAll(async () => {
  displayDir = await buildDisplay();
  dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  const config = loadStoreConfig(DEMO_CONFIG);
  app = new EdgeApp({
    // TLS only: the display must work with the plain ports off.
    config: { ...config, tls: TlsSettings.parse({ plainHttp: false, plainMqtt: false }) },
    dataDir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    clock: systemClock,
    displayDir,
  });
  const ports = await app.start();
  httpsPort = ports.httpsPort ?? 0;
  mqttsPort = ports.mqttsPort ?? 0;
}, 120_000);

afterAll(async () => {
  await app?.stop();
  rmSync(displayDir, { recursive: true, force: true });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('kitchen display over HTTPS and WSS', () => {
  it('renders the board in Chromium trusting the box by its SPKI hash, and live updates arrive over wss', async () => {
    const tls = app.tls;
    if (!tls) throw new Error('TLS off');
    const profile = mkdtempSync(join(tmpdir(), 'galley-chromium-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: '/usr/bin/chromium',
      headless: true,
      viewport: { width: 1280, height: 800 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        // What a kiosk does once it has pinned the box's key; tablets install the root instead.
        `--ignore-certificate-errors-spki-list=${tls.server.spkiSha256}`,
      ],
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));
      const response = await page.goto(`https://127.0.0.1:${httpsPort}/${pairingLink(app.database)}`);
      expect(response?.status()).toBe(200);
      expect(page.url()).toMatch(/^https:/);
      const oven = page.locator('[data-equipment-id="oven-1"]');
      await oven.waitFor({ timeout: 10_000 });

      // A fault reported over mqtts reaches the board: the push channel is wss://…/mqtt.
      const secret = new DeviceCredentials({ db: app.database, clock: systemClock }).add('oven-1');
      const device = await connectClient(mqttsPort, {
        protocol: 'mqtts',
        ca: tls.root.pem,
        username: 'oven-1',
        password: secret,
      });
      await within(
        device.publishAsync(
          topics.event(app.config.store.id, 'oven-1'),
          JSON.stringify({ ts: Date.now(), code: 'E10' }),
          { qos: 1 },
        ),
        5000,
        'PUBACK',
      );
      await page
        .locator('.tile[data-equipment-id="oven-1"][data-state="critical"]')
        .waitFor({ timeout: 5000 });
      expect(sockets).toContain(`wss://127.0.0.1:${httpsPort}/mqtt`);
      await device.endAsync();
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 60_000);
});
