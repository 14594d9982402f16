import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreCommands } from '../cloud-sync/central/commands/store-commands';
import { EdgeApp } from '../edge/app/edge-app';
import { verifyChain } from '../edge/domains/food-safety/record-chain';
import { purchasingRig } from '../edge/domains/purchasing/testing/purchasing-rig';
import type { CheckRecordView } from '../shared/api/food-safety-checks';
import type { PurchaseOrderView } from '../shared/api/purchasing';
import { PURCHASING_ROUTES, type RegionalOrders } from '../shared/central/purchasing-api';
import type { ApprovalStepEvent } from '../shared/purchasing/approval-events';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger } from '../shared/server/runtime/logger';
import { CENTRAL_ADMIN_PASSWORD, RealCentral, until } from './testing/central-sync-kit';
import { ApiClient, demoConfig } from './testing/faults-kit';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/**
 * A relay in front of central that delivers every sync batch three times, one after the
 * other, and answers the edge with the last answer: a network that repeats itself.
 * Central stays the real service; anything else passes once.
 */
class TripleDelivery {
  /** batches central answered, each after its three deliveries */
  batches = 0;
  deliveries = 0;
  readonly #sockets = new Set<Socket>();
  readonly #server: Server;
  #port = 0;

  constructor(readonly targetUrl: string) {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        const path = req.url ?? '/';
        const times = req.method === 'POST' && path.startsWith('/api/sync/batches') ? 3 : 1;
        this.#forward(path, req.method ?? 'GET', req.headers, body, times).then(
          (answer) => {
            res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
          },
          // Central down: the edge sees a connection that fails, as without the relay.
          () => res.destroy(),
        );
      });
    });
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
  }

  get url(): string {
    return `http://127.0.0.1:${this.#port}`;
  }

  async #forward(
    path: string,
    method: string,
    headers: IncomingHttpHeaders,
    body: Buffer,
    times: number,
  ): Promise<{ status: number; type: string; body: Buffer }> {
    const sent: Record<string, string> = {};
    for (const [name, value] of Object.entries(headers))
      if (typeof value === 'string' && !['host', 'content-length', 'connection'].includes(name))
        sent[name] = value;
    let answer: { status: number; type: string; body: Buffer } | undefined;
    for (let i = 0; i < times; i++) {
      const res = await fetch(new URL(path, this.targetUrl), {
        method,
        headers: sent,
        ...(body.length > 0 ? { body: new Uint8Array(body) } : {}),
      });
      answer = {
        status: res.status,
        type: res.headers.get('content-type') ?? 'application/json',
        body: Buffer.from(await res.arrayBuffer()),
      };
      if (times === 3) this.deliveries++;
    }
    if (!answer) throw new Error('nothing forwarded');
    if (times === 3) this.batches++;
    return answer;
  }

  async listen(): Promise<void> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    const address = this.#server.address();
    if (address && typeof address === 'object') this.#port = address.port;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }
}

interface ReceivingRecord {
  check_id: string;
  value_cc: number;
  in_limit: number;
  pack: string;
  clause: string;
  by: string;
  note: string;
}

describe('purchasing offline: receipts with the WAN down, then synced', () => {
  it('three receipts with central unreachable, one chilled line rejected at 7.5 °C with a food-safety record; each batch delivered three times, central has three receipts', async () => {
    const config = demoConfig((c) => ({
      ...c,
      sync: { pushIntervalS: 0.1, configPollS: 60, commandPollS: 1, retryMaxS: 0.4 },
    }));
    const storeId = config.store.id;
    const central = await RealCentral.start([storeId]);
    cleanups.push(() => central.close());
    const relay = new TripleDelivery(central.url);
    await relay.listen();
    cleanups.push(() => relay.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const app = new EdgeApp({
      config,
      dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      central: { url: relay.url, token: central.tokenOf(storeId) },
    });
    const { httpPort } = await app.start();
    cleanups.push(() => app.stop());
    const base = `http://127.0.0.1:${httpPort}`;
    const manager = await ApiClient.login(base, 'mgr-li', '2222');
    const buyer = await ApiClient.login(base, 'buyer-zhao', '5555');
    const receiver = await ApiClient.login(base, 'recv-sun', '4444');

    // Beef and cheese counted low; the buyer reorders, the manager approves, the buyer orders.
    await manager.ok('POST', '/api/stock/counts', {
      lines: [
        { ingredient: 'beef-patty', qty: 3_000 },
        { ingredient: 'cheese-slice', qty: 10 },
      ],
    });
    const reorder = await buyer.ok<{ created: { id: number; ingredient: string }[] }>(
      'POST',
      '/api/stock/reorder',
    );
    const requests = reorder.created.filter((r) => ['beef-patty', 'cheese-slice'].includes(r.ingredient));
    expect(requests).toHaveLength(2);
    // The manager's step on the box; the region's steps (a new supplier and new items) at central,
    // coming down as store commands.
    const commands = new StoreCommands({ db: central.service.central.database.db, clock: systemClock });
    for (const r of requests) {
      await manager.ok('POST', `/api/stock/purchase-requests/${r.id}/transitions`, { to: 'approved' });
      const steps = await manager.ok<ApprovalStepEvent[]>(
        'GET',
        `/api/purchase-approvals/ingredient/${r.id}`,
      );
      for (const step of steps.filter((s) => s.status === 'pending'))
        await commands.issue(
          storeId,
          {
            kind: 'purchase.approval',
            requestKind: 'ingredient',
            requestId: r.id,
            step: step.step,
            level: step.level,
            outcome: 'approved',
            reason: null,
          },
          'region-buyer',
        );
    }
    await until(async () => {
      const listed = await buyer.ok<{ id: number; status: string }[]>('GET', '/api/stock/purchase-requests');
      return requests.every((r) => listed.find((l) => l.id === r.id)?.status === 'approved');
    }, 'both requests approved at every level');
    const draft = await buyer.ok<PurchaseOrderView>('POST', '/api/purchase-orders', {
      supplier: 'fresh-meat',
      requests: requests.map((r) => ({ kind: 'ingredient', id: r.id })),
    });
    const order = await buyer.ok<PurchaseOrderView>('POST', `/api/purchase-orders/${draft.id}/transitions`, {
      to: 'placed',
    });
    const beef = order.lines.find((l) => l.item === 'beef-patty');
    const cheese = order.lines.find((l) => l.item === 'cheese-slice');
    if (!beef || !cheese) throw new Error('the order lacks beef or cheese');
    expect(beef.chilled && cheese.chilled).toBe(true);
    const receipts = `/api/purchase-orders/${order.id}/receipts`;

    // The WAN goes down: nothing below waits for central.
    await until(() => app.sync.health().backlog.high === 0, 'the order synced before the outage');
    await central.down();
    const deliveredBefore = relay.deliveries;

    // 1: 4 kg of beef at 3 °C.
    await receiver.ok('POST', receipts, {
      ref: 'DN-1',
      lines: [{ line: beef.line, qty: '4', deliveryTempC: 3 }],
    });
    // 2: the cheese at 7.5 °C. Taking it in is refused, naming the limit; rejected whole, it is recorded.
    const refused = await receiver.request<{ message?: string }>('POST', receipts, {
      ref: 'DN-2',
      lines: [{ line: cheese.line, qty: cheese.qty, deliveryTempC: 7.5 }],
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('5 °C');
    await receiver.ok('POST', receipts, {
      ref: 'DN-2',
      lines: [
        {
          line: cheese.line,
          qty: '0',
          rejectedQty: cheese.qty,
          rejectReason: 'delivered at 7.5 °C, above the cold-holding limit',
          deliveryTempC: 7.5,
        },
      ],
    });
    // 3: the rest of the beef at 2.5 °C.
    const rest = (Number(beef.qty) - 4).toString();
    const after = await receiver.ok<PurchaseOrderView>('POST', receipts, {
      ref: 'DN-3',
      lines: [{ line: beef.line, qty: rest, deliveryTempC: 2.5 }],
    });
    expect(after.receipts).toHaveLength(3);
    expect(after.state).toBe('partially_received');
    expect(after.lines.find((l) => l.line === cheese.line)).toMatchObject({
      receivedQty: '0',
      rejectedQty: cheese.qty,
    });

    // The food-safety record of the rejected line, in the chain: temperature, limit, clause, who, order.
    const records = app.database
      .prepare("SELECT * FROM food_safety_checks WHERE check_id LIKE 'receiving/%'")
      .all() as ReceivingRecord[];
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      check_id: `receiving/po-${order.id}/line-${cheese.line}`,
      value_cc: 750,
      in_limit: 0,
      pack: 'galley-company-standard',
      by: 'recv-sun',
    });
    expect(records[0]?.note).toContain(`purchase order #${order.id}`);
    expect(records[0]?.note).toContain('supplier fresh-meat');
    expect(records[0]?.note).toContain('DN-2');
    expect(verifyChain(app.database).ok).toBe(true);

    // Nothing reached central yet: every receipt waits in the outbox.
    await until(() => app.sync.health().consecutiveFailures >= 2, 'pushes failing while central is down');
    const waiting = app.database
      .prepare("SELECT count(*) AS n FROM outbox WHERE type = 'purchasing.receipt'")
      .get() as { n: number };
    expect(waiting.n).toBe(3);
    expect(relay.deliveries).toBe(deliveredBefore);

    // Reconnect: every batch goes to central three times.
    await central.up();
    await until(
      () => app.sync.health().backlog.high === 0 && app.sync.health().consecutiveFailures === 0,
      'backlog drained',
      30_000,
    );
    await until(async () => {
      const events = await central.events(storeId);
      return events.some(
        (e) => e.type === 'purchasing.receipt' && e.entityId === String(after.receipts[2]?.id),
      );
    }, 'the last receipt at central');
    expect(relay.batches).toBeGreaterThan(0);
    expect(relay.deliveries).toBe(3 * relay.batches);
    expect(central.service.central.ingest.stats.duplicates).toBeGreaterThan(0);

    const db = central.service.central.database.db.withTables<{
      purchasing_receipts: { store_id: string; receipt_id: number; order_id: number };
      food_safety_checks: { store_id: string; check_id: string; out_of_limit: number };
    }>();
    const held = await db
      .selectFrom('purchasing_receipts')
      .select(['receipt_id', 'order_id'])
      .where('store_id', '=', storeId)
      .orderBy('receipt_id')
      .execute();
    expect(held.map((r) => [Number(r.receipt_id), Number(r.order_id)])).toEqual(
      after.receipts.map((r) => [r.id, order.id]),
    );
    const events = await central.events(storeId);
    expect(events.filter((e) => e.type === 'purchasing.receipt')).toHaveLength(3);
    const checks = await db
      .selectFrom('food_safety_checks')
      .select(['check_id', 'out_of_limit'])
      .where('store_id', '=', storeId)
      .where('check_id', 'like', 'receiving/%')
      .execute();
    expect(checks).toEqual([{ check_id: `receiving/po-${order.id}/line-${cheese.line}`, out_of_limit: 1 }]);

    // The regional page's open orders: this order, waiting on the cheese.
    const session = await fetch(`${central.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: CENTRAL_ADMIN_PASSWORD }),
    });
    const { token } = (await session.json()) as { token: string };
    const open = await fetch(`${central.url}${PURCHASING_ROUTES.orders}?status=open`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await open.json()) as RegionalOrders;
    expect(body.orders).toMatchObject([
      { storeId, orderId: order.id, state: 'partially_received', linesOutstanding: 1, receipts: 3 },
    ]);
  }, 60_000);
});

describe('the food-safety record of a chilled line sent back', () => {
  it('only a line refused for its temperature is recorded: in the chain, with its outbox events', async () => {
    const rig = await purchasingRig();
    cleanups.push(() => rig.close());
    const manager = await rig.as('manager');
    const purchaser = await rig.as('purchaser');
    const receiver = await rig.as('receiver');
    await rig.post('/api/stock/counts', manager, { lines: [{ ingredient: 'beef', qty: 3_000 }] });
    const request = (await rig.post('/api/stock/reorder', purchaser)).json().created[0] as { id: number };
    await rig.post(`/api/stock/purchase-requests/${request.id}/transitions`, manager, { to: 'approved' });
    const draft = (
      await rig.post('/api/purchase-orders', purchaser, {
        supplier: 'fresh-meat',
        requests: [{ kind: 'ingredient', id: request.id }],
      })
    ).json() as PurchaseOrderView;
    await rig.post(`/api/purchase-orders/${draft.id}/transitions`, purchaser, { to: 'placed' });
    const url = `/api/purchase-orders/${draft.id}/receipts`;
    const reject = (ref: string, qty: string, tempC: number, reason: string) =>
      rig.post(url, receiver, {
        ref,
        lines: [{ line: 1, qty: '0', rejectedQty: qty, rejectReason: reason, deliveryTempC: tempC }],
      });
    const records = () =>
      rig.kit.db.prepare("SELECT * FROM food_safety_checks WHERE check_id LIKE 'receiving/%'").all() as {
        value_cc: number;
        clause: string;
        by: string;
      }[];

    // Cold enough but the packaging torn: sent back, and no food-safety record.
    expect((await reject('DN-7', '1', 4, 'packaging torn')).statusCode).toBe(201);
    expect(records()).toHaveLength(0);
    expect(rig.outbox('food_safety.check')).toHaveLength(0);

    // At 8 °C: sent back and recorded against the pack's cold-holding limit and clause.
    expect((await reject('DN-8', '2', 8, 'delivered at 8 °C')).statusCode).toBe(201);
    expect(records()).toMatchObject([{ value_cc: 800, clause: 'GCS-1', by: 'receiver-1' }]);
    const [sent] = rig.outbox('food_safety.check');
    const view = sent?.payload as CheckRecordView;
    expect(view).toMatchObject({
      status: 'done',
      valueC: 8,
      inLimit: false,
      measure: { kind: 'temperature', bound: 'at_most', tempC: 5 },
      actionId: null,
    });
    expect(view.title.en).toContain('fresh-meat');
    expect(rig.outbox('food_safety.chain_head').at(-1)?.payload).toMatchObject({ seq: view.id });
    expect(verifyChain(rig.kit.db).ok).toBe(true);
  });
});
