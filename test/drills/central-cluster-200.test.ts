import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { http, login } from '../../cloud-sync/central/testing/central-test-kit';
import { startTestPostgres, type TestPostgres } from '../../shared/server/testing/postgres';
import { AlertFeedWatcher, percentile } from '../testing/central-alert-feed';
import {
  type CentralProcess,
  CLUSTER_ADMIN_PASSWORD,
  type LoadBalancer,
  startCentralProcess,
  startHaproxy,
} from '../testing/central-cluster-kit';
import { EVENTS_PER_BATCH, startWebhookReceiver, syncStoresUntil } from '../testing/central-cluster-traffic';

const STORES = 200;
/** Each store syncs one batch every 5 s, as the edge's outbox does when it is caught up. */
const SYNC_INTERVAL_MS = 5_000;
/** Every second batch of a store raises a further critical alarm: about 20 a second in all. */
const ALARM_EVERY_BATCHES = 2;
/** Traffic before the first kill, between kills, and after the last restart. */
const SETTLE_MS = 8_000;
const ALERT_P99_GOAL_MS = 2_000;
const REGION = 'drill-region';

/**
 * The acceptance of the central cluster at full size: 200 stores sync through the shipped
 * HAProxy configuration while each of the three processes in turn is SIGKILLed and
 * restarted; the regional page's live feed is polled through the balancer all along.
 */
describe('drill: 200 stores through HAProxy while each of three central processes is killed', () => {
  let postgres: TestPostgres;
  let databaseUrl: string;
  let dataDir: string;
  let db: pg.Client;
  const processes: CentralProcess[] = [];
  let lb: LoadBalancer;

  const start = (port: number) =>
    startCentralProcess({
      databaseUrl,
      dataDir,
      port,
      env: { GALLEY_WEBHOOK_LEASE_MS: '2000', GALLEY_DRAIN_DELAY_MS: '400', GALLEY_TRUST_PROXY: '127.0.0.1' },
    });

  beforeAll(async () => {
    postgres = await startTestPostgres();
    databaseUrl = await postgres.createDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'galley-cluster-drill-'));
    db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    processes.push(...(await Promise.all([start(0), start(0), start(0)])));
    const ports = processes.map((p) => p.port);
    // A check every second: a SIGKILLed process refuses connections at once, and HAProxy sends
    // a refused request to another process (retry-on conn-failure) before any check notices.
    lb = await startHaproxy([ports[0] ?? 0, ports[1] ?? 0, ports[2] ?? 0], 1_000);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(processes.map((p) => p.kill('SIGKILL')));
    await lb?.stop();
    await db?.end();
    await postgres?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('every acknowledged event stored once, every critical alarm to the webhook and on the live feed within 2 s', async () => {
    const startedAt = Date.now();
    const loadAtStart = loadavg()[0] ?? 0;
    const judgeLatency =
      process.env.GALLEY_DRILL_STRICT_LATENCY === '1' || loadAtStart <= 1.5 * availableParallelism();
    const admin = await login(lb.url, 'admin', CLUSTER_ADMIN_PASSWORD);
    const storeIds = Array.from({ length: STORES }, (_, i) => `dr-${String(i + 1).padStart(3, '0')}`);
    const tokens = new Map<string, string>();
    for (let i = 0; i < storeIds.length; i += 20) {
      const issued = await Promise.all(
        storeIds.slice(i, i + 20).map(async (id) => {
          const store = await http(`${lb.url}/api/admin/stores`, {
            token: admin,
            body: { id, name: id, regionId: REGION, state: 'open' },
          });
          expect(store.status).toBe(201);
          const token = await http<{ token: string }>(`${lb.url}/api/admin/stores/${id}/tokens`, {
            token: admin,
            method: 'POST',
          });
          expect(token.status).toBe(201);
          return [id, token.body.token] as const;
        }),
      );
      for (const [id, token] of issued) tokens.set(id, token);
    }
    const receiver = await startWebhookReceiver({ holdFirst: false });
    const hook = await http(`${lb.url}/api/admin/webhooks`, {
      token: admin,
      body: { regionId: REGION, flavour: 'wecom', url: `${receiver.url}/drill` },
    });
    expect(hook.status).toBe(201);
    const feed = new AlertFeedWatcher(lb.url, admin);
    await feed.start();

    const exitCodes: (number | null)[] = [];
    const trafficFrom = Date.now();
    const outcome = await syncStoresUntil(
      lb.url,
      tokens,
      async () => {
        await sleep(SETTLE_MS);
        for (const i of [0, 1, 2]) {
          const old = processes[i] as CentralProcess;
          exitCodes.push(await old.kill('SIGKILL'));
          processes[i] = await start(old.port);
          await sleep(SETTLE_MS);
        }
      },
      { intervalMs: SYNC_INTERVAL_MS, alarmEveryBatches: ALARM_EVERY_BATCHES, onAlarmAcked: feed.acked },
    );
    const trafficSeconds = (Date.now() - trafficFrom) / 1000;
    expect(exitCodes).toEqual([null, null, null]);

    // Every event acknowledged to a store is in the database, exactly once.
    const { rows } = await db.query<{ store_id: string; seq: string; n: string }>(
      `select store_id, seq, count(*) as n from sync_events where store_id like 'dr-%' group by store_id, seq`,
    );
    const stored = new Map(rows.map((r) => [`${r.store_id}#${r.seq}`, Number(r.n)]));
    const doubled = rows.filter((r) => Number(r.n) !== 1);
    expect(doubled).toEqual([]);
    let ackedEvents = 0;
    const lost: string[] = [];
    for (const [storeId, seqs] of outcome.acked) {
      ackedEvents += seqs.length;
      for (const seq of seqs) if (stored.get(`${storeId}#${seq}`) !== 1) lost.push(`${storeId}#${seq}`);
    }
    expect(lost).toEqual([]);
    expect(outcome.acked.size).toBe(STORES);
    // Each store synced through the whole drill, kills included (about one batch per 5 s).
    const fewest = Math.min(...[...outcome.acked.values()].map((seqs) => seqs.length / EVENTS_PER_BATCH));
    expect(fewest).toBeGreaterThanOrEqual(Math.floor(trafficSeconds / (SYNC_INTERVAL_MS / 1000)) - 2);

    // Every acknowledged critical alarm shows on the live feed, served through the balancer.
    await feed.waitAllSeen(15_000);
    await feed.stop();
    expect(feed.unseen()).toEqual([]);
    const samples = feed.samples();
    const cross = samples.filter((s) => s.crossProcess).map((s) => s.latencyMs);
    const all = samples.map((s) => s.latencyMs);
    const acks = samples.map((s) => s.ackMs);
    expect(cross.length).toBeGreaterThan(samples.length / 3);

    // Distinct idempotency keys = the critical alarms stored (an alarm stored but not yet
    // acknowledged when the drill stopped still alerts); repeats are a sender dying mid-send.
    const { rows: alarmRows } = await db.query<{ n: string }>(
      `select count(*) as n from sync_events where store_id like 'dr-%' and kind = 'alarm'`,
    );
    const criticalAlarms = Number(alarmRows[0]?.n);
    expect(criticalAlarms).toBeGreaterThanOrEqual(samples.length);
    const keys = () => new Set(receiver.received.map((r) => r.idempotencyKey));
    try {
      const deadline = Date.now() + 30_000;
      while (keys().size < criticalAlarms && Date.now() < deadline) await sleep(100);
    } finally {
      await receiver.close();
    }
    expect(keys().has(undefined)).toBe(false);
    expect(keys().size).toBe(criticalAlarms);
    const duplicates = receiver.received.length - keys().size;

    console.info(
      [
        `central-cluster drill: ${STORES} stores, ${ackedEvents} events acknowledged in ${trafficSeconds.toFixed(1)} s ` +
          `(${EVENTS_PER_BATCH} events per store every ${SYNC_INTERVAL_MS / 1000} s), 3 processes SIGKILLed and restarted one at a time`,
        `  ${outcome.failedPosts} posts cut or refused during the kills and resent (${[...outcome.failures].map(([why, n]) => `${why.trim()}: ${n}`).join(', ')}); 0 lost, 0 doubled`,
        `  webhooks: ${keys().size} critical alarms, ${keys().size} distinct idempotency keys, ` +
          `${duplicates} duplicate deliveries (a sender died mid-send)`,
        `  live feed through HAProxy, long-polled as the page does (wait=25): ${samples.length} alarms seen, ` +
          `${cross.length} served by another process than the writer; ` +
          `alert_p50_ms=${percentile(all, 50)} alert_p99_ms=${percentile(all, 99)} ` +
          `cross_process_alert_p99_ms=${percentile(cross, 99)} max_ms=${percentile(all, 100)} ` +
          `(of which ack_p50_ms=${percentile(acks, 50)} ack_p99_ms=${percentile(acks, 99)}); ` +
          `${feed.failedPolls} of ${feed.polls} polls failed during the kills`,
        `  drill wall time ${((Date.now() - startedAt) / 1000).toFixed(1)} s; machine load average ` +
          `${loadavg()
            .map((l) => l.toFixed(1))
            .join(' ')} on ${availableParallelism()} cores (shared)`,
      ].join('\n'),
    );
    // The 2 s goal is about central, not about a machine others load: judged when this one
    // was not oversubscribed as the drill began, or always with GALLEY_DRILL_STRICT_LATENCY=1.
    if (judgeLatency) {
      expect(percentile(all, 99)).toBeLessThanOrEqual(ALERT_P99_GOAL_MS);
      expect(percentile(cross, 99)).toBeLessThanOrEqual(ALERT_P99_GOAL_MS);
    } else
      console.warn(
        `alert p99 not judged: load average ${loadAtStart.toFixed(1)} on ${availableParallelism()} cores ` +
          'as the drill began (GALLEY_DRILL_STRICT_LATENCY=1 judges it anyway)',
      );
  }, 180_000);
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
