import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { centralMigrations } from '../cloud-sync/central/db/migrations';
import {
  alarmView,
  batchOf,
  event,
  http,
  login,
  postBatch,
} from '../cloud-sync/central/testing/central-test-kit';
import { startTestPostgres, type TestPostgres } from '../shared/server/testing/postgres';
import {
  type CentralProcess,
  CLUSTER_ADMIN_PASSWORD,
  centralCli,
  type LoadBalancer,
  startCentralProcess,
  startHaproxy,
} from './testing/central-cluster-kit';
import { startWebhookReceiver, syncStoresUntil } from './testing/central-cluster-traffic';

/**
 * Three `galley central` processes on one real PostgreSQL behind the shipped HAProxy
 * configuration: whichever process a request reaches, the answer is the same.
 */
describe('central: three processes on one PostgreSQL behind HAProxy', () => {
  let postgres: TestPostgres;
  let databaseUrl: string;
  let dataDir: string;
  let db: pg.Client;
  const processes: CentralProcess[] = [];
  let lb: LoadBalancer;
  let admin: string;

  const start = (port: number) =>
    startCentralProcess({
      databaseUrl,
      dataDir,
      port,
      // Short enough for the test to see a dead process's webhook claim taken over.
      env: { GALLEY_WEBHOOK_LEASE_MS: '2000', GALLEY_DRAIN_DELAY_MS: '400', GALLEY_TRUST_PROXY: '127.0.0.1' },
    });
  const at = (i: number) => {
    const p = processes[i];
    if (!p) throw new Error(`no process ${i}`);
    return p;
  };
  /** Stops process i with `signal` and starts it again on the same port (the LB's config is fixed). */
  const restart = async (i: number, signal: NodeJS.Signals) => {
    const old = at(i);
    const code = await old.kill(signal);
    processes[i] = await start(old.port);
    return code;
  };

  beforeAll(async () => {
    postgres = await startTestPostgres();
    databaseUrl = await postgres.createDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'galley-cluster-'));
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    // All three at the same moment on an empty database.
    processes.push(...(await Promise.all([start(0), start(0), start(0)])));
    lb = await startHaproxy([at(0).port, at(1).port, at(2).port]);
    admin = await login(lb.url, 'admin', CLUSTER_ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    await lb?.stop();
    await db?.end();
    await postgres?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  const addStore = async (id: string, regionId: string) => {
    const store = await http(`${lb.url}/api/admin/stores`, {
      token: admin,
      body: { id, name: id, regionId, state: 'open' },
    });
    expect(store.status).toBe(201);
  };
  const issueToken = async (via: string, storeId: string) => {
    const issued = await http<{ token: string; tokenId: string }>(
      `${via}/api/admin/stores/${storeId}/tokens`,
      {
        token: admin,
        method: 'POST',
      },
    );
    expect(issued.status).toBe(201);
    return issued.body;
  };

  it('started together on an empty database, ran each migration once, and all three are ready', async () => {
    const expected = Object.keys(await centralMigrations('postgres').getMigrations()).sort();
    const { rows } = await db.query<{ name: string }>('select name from central_migrations order by name');
    expect(rows.map((r) => r.name)).toEqual(expected);
    for (const p of processes) {
      const ready = await http<{ ready: boolean; database: string }>(`${p.url}/readyz`);
      expect(ready).toEqual({ status: 200, body: { ready: true, state: 'ready', database: 'ok' } });
    }
    // Every process logged its start; none failed on a table another had just created.
    for (const p of processes) expect(p.output()).not.toMatch(/migration .* failed/);
  });

  it('a token revoked through one process, or with the CLI, is refused by all three on the next request', async () => {
    await addStore('rv-1', 'east');
    let seq = 0;
    const probe = (url: string, token: string) =>
      postBatch(url, token, batchOf('rv-1', [event(++seq, 'probe.ping', 'p', {})]));

    const viaApi = await issueToken(at(0).url, 'rv-1');
    // Each process verifies (and caches) the token first.
    for (const p of processes) expect((await probe(p.url, viaApi.token)).status).toBe(200);
    const revoked = await http(`${at(0).url}/api/admin/tokens/${viaApi.tokenId}`, {
      token: admin,
      method: 'DELETE',
    });
    expect(revoked.status).toBe(200);
    for (const p of processes) expect((await probe(p.url, viaApi.token)).status).toBe(401);

    const viaCli = await issueToken(at(1).url, 'rv-1');
    for (const p of processes) expect((await probe(p.url, viaCli.token)).status).toBe(200);
    const printed = await centralCli(databaseUrl, dataDir, ['token', 'revoke', viaCli.tokenId]);
    expect(printed).toContain(viaCli.tokenId);
    for (const p of processes) expect((await probe(p.url, viaCli.token)).status).toBe(401);

    // A store's other token is untouched.
    const kept = await issueToken(at(2).url, 'rv-1');
    for (const p of processes) expect((await probe(p.url, kept.token)).status).toBe(200);
  });

  it('a session ended through one process is refused by the others on the next request', async () => {
    const session = await login(at(0).url, 'admin', CLUSTER_ADMIN_PASSWORD);
    for (const p of processes) expect((await http(`${p.url}/api/me`, { token: session })).status).toBe(200);
    expect((await http(`${at(1).url}/api/session`, { token: session, method: 'DELETE' })).status).toBe(200);
    for (const p of processes) expect((await http(`${p.url}/api/me`, { token: session })).status).toBe(401);
  });

  it('five wrong passwords from one address spread over the three processes are throttled as if on one', async () => {
    const from = '127.0.0.77';
    for (const i of [0, 1, 2, 0, 1]) expect((await attemptLogin(at(i).url, 'wrong', from)).status).toBe(401);
    // The right password, at a process that saw only one failure, is held back too.
    const held = await attemptLogin(at(2).url, CLUSTER_ADMIN_PASSWORD, from);
    expect(held.status).toBe(429);
    expect(Number(held.retryAfter)).toBeGreaterThan(0);
    // Through the load balancer too: its X-Forwarded-For names the address, not the balancer's own.
    expect((await attemptLogin(lb.url, CLUSTER_ADMIN_PASSWORD, from)).status).toBe(429);
    expect((await attemptLogin(lb.url, CLUSTER_ADMIN_PASSWORD, '127.0.0.79')).status).toBe(201);
    // The same user from another address is not.
    expect((await attemptLogin(at(2).url, CLUSTER_ADMIN_PASSWORD, '127.0.0.78')).status).toBe(201);
  });

  it('a critical alarm reaches the webhook once, with one idempotency key, though its sender is SIGKILLed mid-send', async () => {
    const receiver = await startWebhookReceiver({ holdFirst: true });
    try {
      await addStore('wh-1', 'webhook-region');
      const created = await http(`${lb.url}/api/admin/webhooks`, {
        token: admin,
        body: { regionId: 'webhook-region', flavour: 'slack', url: `${receiver.url}/hook` },
      });
      expect(created.status).toBe(201);
      const token = (await issueToken(lb.url, 'wh-1')).token;
      const posted = await postBatch(
        lb.url,
        token,
        batchOf('wh-1', [event(1, 'alarm.raised', 1, alarmView())]),
      );
      expect(posted.status).toBe(200);

      await receiver.waitFor(1, 'the first attempt');
      const { rows } = await db.query<{ claimed_by: string }>(
        `select d.claimed_by from webhook_deliveries d join webhooks w on w.id = d.webhook_id
         where w.region_id = 'webhook-region'`,
      );
      const sender = processes.findIndex((p) => rows[0]?.claimed_by.startsWith(`central-${p.pid}-`));
      expect(sender).toBeGreaterThanOrEqual(0);
      // Killed while the receiver still holds its request: it never learns the answer.
      expect(await restart(sender, 'SIGKILL')).toBeNull();

      await receiver.waitFor(2, 'the attempt of the process that took the claim over', 20_000);
      const delivered = await waitForRow(
        db,
        `select status, attempts from webhook_deliveries d
          join webhooks w on w.id = d.webhook_id where w.region_id = 'webhook-region' and status = 'delivered'`,
      );
      expect(delivered).toEqual({ status: 'delivered', attempts: 1 });
      const keys = new Set(receiver.received.map((r) => r.idempotencyKey));
      expect(keys.size).toBe(1);
      expect([...keys][0]).toMatch(/^galley-webhook-\d+-\d+$/);
      // Duplicates (the same key again, because a sender died mid-send), counted:
      expect(receiver.received.length - keys.size).toBe(1);
      expect(receiver.received.filter((r) => r.answered === 200)).toHaveLength(1);
    } finally {
      await receiver.close();
    }
  }, 60_000);

  it('stores syncing through the load balancer while each process is stopped and restarted lose and double nothing', async () => {
    const storeIds = Array.from({ length: 200 }, (_, i) => `sy-${String(i + 1).padStart(3, '0')}`);
    const tokens = new Map<string, string>();
    for (const id of storeIds) {
      await addStore(id, 'sync-region');
      tokens.set(id, (await issueToken(lb.url, id)).token);
    }
    // Each store's first event is a critical alarm: every one must reach the region's webhook.
    const receiver = await startWebhookReceiver({ holdFirst: false });
    const hook = await http(`${lb.url}/api/admin/webhooks`, {
      token: admin,
      body: { regionId: 'sync-region', flavour: 'wecom', url: `${receiver.url}/sync` },
    });
    expect(hook.status).toBe(201);
    const signals: NodeJS.Signals[] = ['SIGKILL', 'SIGTERM', 'SIGKILL'];
    const exitCodes: (number | null)[] = [];
    const outcome = await syncStoresUntil(lb.url, tokens, async () => {
      for (const [i, signal] of signals.entries()) {
        await new Promise((resolve) => setTimeout(resolve, 1200));
        exitCodes.push(await restart(i, signal));
      }
      await new Promise((resolve) => setTimeout(resolve, 1200));
    });
    // SIGKILL leaves no exit code; SIGTERM drains and exits 0.
    expect(exitCodes).toEqual([null, 0, null]);
    expect(outcome.acked.size).toBe(storeIds.length);
    let ackedEvents = 0;
    for (const id of storeIds) {
      const acked = outcome.acked.get(id) ?? [];
      ackedEvents += acked.length;
      const { rows } = await db.query<{ seq: string; n: string }>(
        'select seq, count(*) as n from sync_events where store_id = $1 group by seq order by seq',
        [id],
      );
      const stored = new Map(rows.map((r) => [Number(r.seq), Number(r.n)]));
      expect([...stored.values()].every((n) => n === 1)).toBe(true);
      expect(acked.filter((seq) => stored.get(seq) !== 1)).toEqual([]);
    }
    expect(ackedEvents).toBeGreaterThan(storeIds.length * 20);

    // Distinct idempotency keys = critical alarms; a repeat only when a sender died mid-send.
    const keys = () => new Set(receiver.received.map((r) => r.idempotencyKey));
    try {
      await receiver.waitFor(storeIds.length, 'a webhook per critical alarm', 20_000);
      const deadline = Date.now() + 20_000;
      while (keys().size < storeIds.length && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await receiver.close();
    }
    expect(keys().size).toBe(storeIds.length);
    expect(keys().has(undefined)).toBe(false);
    const duplicates = receiver.received.length - keys().size;
    console.info(
      `central-cluster sync: ${ackedEvents} events acknowledged over ${storeIds.length} stores, ` +
        `${outcome.failedPosts} posts refused or cut during restarts and resent, 0 lost, 0 doubled; ` +
        `${keys().size} critical alarms reached the webhook, ${duplicates} duplicate deliveries (sender died mid-send)`,
    );
  }, 90_000);
});

/** A login from a chosen loopback address (all of 127.0.0.0/8 routes to lo). */
function attemptLogin(url: string, password: string, from: string) {
  const payload = JSON.stringify({ username: 'admin', password });
  return new Promise<{ status: number; retryAfter: string | undefined }>((resolve, reject) => {
    const req = request(
      new URL('/api/session', url),
      { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: typeof retryAfter === 'string' ? retryAfter : undefined,
          });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

async function waitForRow(
  db: pg.Client,
  query: string,
  timeoutMs = 15_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await db.query(query);
    if (rows[0]) return rows[0] as Record<string, unknown>;
    if (Date.now() > deadline) throw new Error(`no row for: ${query}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
