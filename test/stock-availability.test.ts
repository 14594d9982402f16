import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import { AvailabilityChange, type ItemAvailability } from '../shared/api/menu';
import type { PosOrderSubmissionInput } from '../shared/api/orders';
import { silentLogger } from '../shared/server/runtime/logger';
import { demoConfig, eventually } from './testing/faults-kit';

const POS = `Basic ${Buffer.from('pos-demo:pos-demo-secret').toString('base64')}`;

/**
 * Stock linked to the kitchen, end to end on a real edge: POS orders deplete the buns
 * at intake, the last bun 86s what needs one (burgers and combos) with a stock reason
 * and tells the POS, a void gives a bun back, and a delivery brings them back on.
 */
describe('stock runs out: the menu follows', () => {
  const told: AvailabilityChange[] = [];
  const pos = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    req.on('end', () => {
      told.push(AvailabilityChange.parse(JSON.parse(text)));
      res.writeHead(204).end();
    });
  });
  let app: EdgeApp;
  let base: string;
  let manager: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-stock-'));

  beforeAll(async () => {
    await new Promise<void>((resolve) => pos.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(pos.address() as AddressInfo).port}/`;
    const config = demoConfig((c) => ({
      ...c,
      posConnectors: { ...c.posConnectors, availabilityWebhooks: [{ id: 'till', url }] },
      stock: {
        ...c.stock,
        ingredients: (c.stock?.ingredients ?? []).map((i) =>
          i.id === 'bun' ? { ...i, openingStock: 3 } : i,
        ),
      },
    }));
    app = new EdgeApp({
      config,
      dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
    });
    const { httpPort } = await app.start();
    base = `http://127.0.0.1:${httpPort}`;
    const login = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: 'mgr-li', pin: '2222' }),
    });
    manager = ((await login.json()) as { token: string }).token;
  });
  afterAll(async () => {
    await app?.stop();
    await new Promise<void>((resolve) => pos.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  const sell = async (externalId: string, qty: number, status: 'open' | 'voided' = 'open', version = 1) => {
    const body: PosOrderSubmissionInput = {
      source: 'till',
      eventId: `${externalId}-v${version}`,
      order: {
        externalId,
        version,
        channel: 'takeaway',
        placedAt: Date.now(),
        status,
        lines: [{ lineId: 'l1', item: 'burger', qty }],
      },
    };
    const res = await fetch(`${base}/api/pos/orders`, {
      method: 'POST',
      headers: { authorization: POS, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
  };
  const burger = async () =>
    (
      (await (
        await fetch(`${base}/api/menu/availability`, { headers: { authorization: `Bearer ${manager}` } })
      ).json()) as ItemAvailability[]
    ).find((i) => i.item === 'burger');

  it('the last bun sold 86s burgers and combos for stock, and the POS is told once each', async () => {
    await sell('S-1', 2);
    expect((await burger())?.available).toBe(true);
    await sell('S-2', 1);
    const off = await eventually(async () => {
      const b = await burger();
      return b && !b.available ? b : undefined;
    });
    expect(off.reasons).toEqual([expect.objectContaining({ kind: 'stock' })]);
    await eventually(() => (told.length >= 2 ? true : undefined));
    expect(told.map((t) => [t.item, t.available]).sort()).toEqual([
      ['burger', false],
      ['combo', false],
    ]);
  });

  it('a void gives its bun back; a delivery puts burgers back on for good', async () => {
    await sell('S-2', 1, 'voided', 2);
    await eventually(async () => ((await burger())?.available ? true : undefined));
    await sell('S-3', 1);
    await eventually(async () => ((await burger())?.available === false ? true : undefined));
    const delivered = await fetch(`${base}/api/stock/deliveries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ref: 'DN-1', lines: [{ ingredient: 'bun', packs: 1 }] }),
    });
    expect(delivered.status).toBeLessThan(300);
    await eventually(async () => ((await burger())?.available ? true : undefined));
    const history = told.filter((t) => t.item === 'burger').map((t) => t.available);
    expect(history).toEqual([false, true, false, true]);
  });
});
