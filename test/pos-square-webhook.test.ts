import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import { SQUARE_WEBHOOK_URL } from '../edge/domains/orders/connectors/square-webhook-routes';
import { SIM_MENU, SIM_MODIFIERS } from '../firmware-sim/pos/menu';
import { PosSimulator } from '../firmware-sim/pos/pos-simulator';
import { stormScenario } from '../firmware-sim/pos/scenarios';
import { SquareApiServer } from '../firmware-sim/pos/square-api-server';
import { SquareOrderBook, signSquareNotification } from '../firmware-sim/pos/square-orders';
import { SquareWebhookTransport } from '../firmware-sim/pos/square-webhook-transport';
import { createRng } from '../firmware-sim/random';
import type { KdsTicketView } from '../shared/api/kds';
import type { IntakeCounts, IntakeStats } from '../shared/api/orders';
import { SQUARE_SIGNATURE_HEADER } from '../shared/api/pos-connectors';
import { SquareConnectorSettings } from '../shared/config/pos-connectors';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger } from '../shared/server/runtime/logger';

const KEY = 'demo-signature-key';

interface Rig {
  /** where the edge listens for Square */
  url: string;
  base: string;
  app: EdgeApp;
  book: SquareOrderBook;
  squareApi: SquareApiServer;
  /** what the edge counted for the Square feed */
  counts(): Promise<IntakeCounts | undefined>;
  /** the order's open lines as expo sees them: lineId → qty */
  expoLines(externalId: string): Promise<Record<string, number>>;
}

/** The URL registered with Square, which it signs; the box behind a proxy listens elsewhere. */
const NOTIFICATION_URL = 'https://store-0001.example/api/pos/square/webhook';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

/** A real edge (SQLite in a temp dir, its orders room) with the Square connector, and the simulated Square. */
async function rig(options: { retrieveBaseUrl?: string; unmapFries?: boolean } = {}): Promise<Rig> {
  const book = new SquareOrderBook();
  const squareApi = new SquareApiServer(book);
  const api = await squareApi.listen(0);
  open.push(squareApi);
  const items = Object.fromEntries(
    SIM_MENU.filter((m) => !(options.unmapFries && m.id === 'fries')).map((m) => [m.squareId, m.id]),
  );
  const square = SquareConnectorSettings.parse({
    integrationClient: 'pos-demo',
    signatureKeyEnv: 'GALLEY_TEST_SQUARE_KEY',
    notificationUrl: NOTIFICATION_URL,
    retrieveBaseUrl: options.retrieveBaseUrl ?? api.url,
    retrieveTimeoutMs: 1_000,
    catalog: { items, modifiers: Object.fromEntries(SIM_MODIFIERS.map((m) => [m.squareId, m.id])) },
  });
  process.env.GALLEY_TEST_SQUARE_KEY = KEY;
  const demo = loadStoreConfig(join(import.meta.dirname, '..', 'config', 'demo-store.yaml'));
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-square-'));
  const app = new EdgeApp({
    config: { ...demo, posConnectors: { square, availabilityWebhooks: [] } },
    dataDir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
  });
  const { httpPort } = await app.start();
  open.push({
    close: async () => {
      await app.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
  const base = `http://127.0.0.1:${httpPort}`;
  const login = await fetch(`${base}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user: 'mgr-li', pin: '2222' }),
  });
  const headers = { authorization: `Bearer ${((await login.json()) as { token: string }).token}` };
  return {
    url: `${base}${SQUARE_WEBHOOK_URL}`,
    base,
    app,
    book,
    squareApi,
    async counts() {
      const stats = (await (await fetch(`${base}/api/pos/intake`, { headers })).json()) as IntakeStats;
      return stats.bySource.find((s) => s.client === 'pos-demo' && s.source === 'square');
    },
    async expoLines(externalId) {
      const tickets = (await (
        await fetch(`${base}/api/kds/tickets?station=expo`, { headers })
      ).json()) as KdsTicketView[];
      const qty: Record<string, number> = {};
      for (const ticket of tickets.filter((t) => t.orderExternalId === externalId)) {
        for (const line of ticket.lines) qty[line.lineId] = (qty[line.lineId] ?? 0) + line.qty;
      }
      return qty;
    },
  };
}

describe('Square webhook → order intake', () => {
  it('turns the 9-delivery storm into one order at version 6, acknowledged only after the intake stored it', async () => {
    const r = await rig();
    const transport = new SquareWebhookTransport({
      book: r.book,
      signatureKey: KEY,
      notificationUrl: NOTIFICATION_URL,
      targetUrl: r.url,
      clock: systemClock,
      rng: createRng(1),
      logger: silentLogger(),
      backoff: { initialMs: 10, maxMs: 50 },
    });
    const sim = new PosSimulator({
      clock: systemClock,
      seed: 1,
      logger: silentLogger(),
      transports: [transport],
      squareBook: r.book,
    });
    open.push({ close: () => sim.stop() });
    const storm = stormScenario({ seed: 3 });
    sim.deliver(storm);
    await sim.idle();

    expect(transport.stats()).toMatchObject({ delivered: 9, refused: 0, queued: 0 });
    // Every notification retrieves the order as it is now (version 6): one applied, eight duplicates.
    expect(await r.counts()).toMatchObject({ received: 9, applied: 1, duplicates: 8, refused: 0 });
    const latest = storm.find((s) => s.order.version === 6)?.order;
    if (!latest) throw new Error('the storm has no version 6');
    expect(await r.expoLines(latest.externalId)).toEqual(
      Object.fromEntries(latest.lines.map((l) => [l.lineId, l.qty])),
    );
    expect(r.squareApi.retrievals).toBe(9);
  });

  it('refuses a bad, tampered or missing signature with 401, counts it and stores nothing', async () => {
    const r = await rig();
    const body = JSON.stringify({ type: 'order.updated', event_id: 'e1', data: { id: 'x' } });
    const post = (headers: Record<string, string>, payload = body) =>
      fetch(r.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: payload,
      });
    const good = signSquareNotification(KEY, NOTIFICATION_URL, body);
    expect(
      (await post({ [SQUARE_SIGNATURE_HEADER]: signSquareNotification('wrong', NOTIFICATION_URL, body) }))
        .status,
    ).toBe(401);
    expect((await post({ [SQUARE_SIGNATURE_HEADER]: good }, body.replace('e1', 'e2'))).status).toBe(401);
    expect((await post({})).status).toBe(401);
    // Same JSON, other whitespace: the signature covers bytes, not meaning.
    expect(
      (await post({ [SQUARE_SIGNATURE_HEADER]: good }, JSON.stringify(JSON.parse(body), null, 1))).status,
    ).toBe(401);
    expect(await r.counts()).toBeUndefined();
    expect(r.app.metrics.render()).toMatch(/galley_pos_square_webhooks_total\{outcome="bad_signature"\} 4/);
  });

  it('answers 422 for an order with an unmapped item (refused, counted) and 502 when Square is unreachable', async () => {
    const unmapped = await rig({ unmapFries: true });
    const order = stormScenario({ seed: 3 }).find((s) => s.order.lines.some((l) => l.item === 'fries'))!;
    unmapped.book.record(order, Date.now());
    const body = JSON.stringify(unmapped.book.notification(order, Date.now()));
    const send = (r: Rig, payload: string) =>
      fetch(r.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SQUARE_SIGNATURE_HEADER]: signSquareNotification(KEY, NOTIFICATION_URL, payload),
        },
        body: payload,
      });
    const refused = await send(unmapped, body);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('J7TFRIESQ2ZC6M4WXK3NB5LP');
    expect(await unmapped.counts()).toMatchObject({ received: 0, refused: 1 });

    const offline = await rig({ retrieveBaseUrl: 'http://127.0.0.1:9' });
    const down = await send(offline, body);
    expect(down.status).toBe(502);
    expect(await offline.counts()).toBeUndefined();

    const ignored = await send(offline, JSON.stringify({ type: 'customer.created', event_id: 'c1' }));
    expect(ignored.status).toBe(200);
    expect(await ignored.json()).toEqual({ received: true, outcome: 'ignored' });
  });
});
