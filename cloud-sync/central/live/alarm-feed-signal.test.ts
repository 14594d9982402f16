import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmFeed } from '../../../shared/central/api';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { CentralService } from '../central-service';
import {
  ADMIN_PASSWORD,
  alarmView,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';
import { ALARM_FEED_CHANNEL, LISTEN_APPLICATION_NAME, LISTEN_RETRY_FIRST_MS } from './pg-alarm-listener';

/**
 * Two central processes' worth of services on one PostgreSQL: A takes the stores' writes,
 * B holds the page's long poll. Both clocks are fake, so B's periodic re-query never runs:
 * only the NOTIFY that A's ingest sends in its transaction can answer B's poll.
 */
let a: TestCentral;
let b: CentralService;
let bClock: FakeClock;
let bDataDir: string;
let admin: string;
let storeToken: string;
let seq = 0;

beforeAll(async () => {
  a = await startTestCentral('postgres');
  bDataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  bClock = new FakeClock();
  b = new CentralService({
    dataDir: bDataDir,
    databaseUrl: a.databaseUrl,
    clock: bClock,
    logger: silentLogger(),
    port: 0,
    adminPassword: ADMIN_PASSWORD,
    webDir: join(bDataDir, 'no-web'),
  });
  await b.start();
  admin = await login(a.url, 'admin', ADMIN_PASSWORD);
  expect(
    (
      await http(`${a.url}/api/admin/stores`, {
        token: admin,
        body: { id: 'pg-1', regionId: 'r', state: 'open' },
      })
    ).status,
  ).toBe(201);
  const issued = await http<{ token: string }>(`${a.url}/api/admin/stores/pg-1/tokens`, {
    token: admin,
    method: 'POST',
  });
  storeToken = issued.body.token;
}, 60_000);

afterAll(async () => {
  await b?.stop();
  if (bDataDir) rmSync(bDataDir, { recursive: true, force: true });
  await a?.stop();
  await releaseSharedPostgres();
}, 60_000);

async function syncAlarmThroughA(alarmId: number): Promise<void> {
  seq++;
  const batch = batchOf('pg-1', [event(seq, 'alarm.raised', alarmId, alarmView({ id: alarmId }))]);
  expect((await postBatch(a.url, storeToken, batch)).status).toBe(200);
}

async function holdOnB(): Promise<{ cursor: number; answer: Promise<{ status: number; body: AlarmFeed }> }> {
  const cursor = (await http<AlarmFeed>(`${b.url}/api/alarms?limit=1`, { token: admin })).body.cursor;
  const answer = http<AlarmFeed>(`${b.url}/api/alarms?after=${cursor}&wait=25`, { token: admin });
  await until(() => b.central.alarmFeed.wakeups.held === 1, 'the poll is held on B');
  return { cursor, answer };
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('alarm feed long poll across processes (PostgreSQL LISTEN/NOTIFY)', () => {
  it('a poll held on B answers promptly with the alarm synced through A', async () => {
    const { cursor, answer } = await holdOnB();
    const started = performance.now();
    await syncAlarmThroughA(1);
    const page = await answer;
    const tookMs = performance.now() - started;
    expect(page.status).toBe(200);
    expect(page.body.entries.map((e) => [e.storeId, e.alarm.id])).toEqual([['pg-1', 1]]);
    expect(page.body.cursor).toBeGreaterThan(cursor);
    // Well under the 5 s safety re-query (which cannot run here: B's clock is fake).
    expect(tookMs).toBeLessThan(2_000);
  });

  it('after its LISTEN connection is cut, B reconnects with back-off and wakes its waiters once', async () => {
    const listener = b.central.alarmFeed.listener;
    if (!listener) throw new Error('B listens on PostgreSQL');
    const { answer } = await holdOnB();
    let answered = false;
    void answer.finally(() => {
      answered = true;
    });
    // A session of our own that listens too: it shows when the NOTIFY has been delivered.
    const witness = new pg.Client({ connectionString: a.databaseUrl });
    await witness.connect();
    let notified = 0;
    witness.on('notification', () => {
      notified++;
    });
    try {
      await witness.query(`LISTEN ${ALARM_FEED_CHANNEL}`);
      await witness.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
        [LISTEN_APPLICATION_NAME],
      );
      await until(() => listener.stats.lost === 1, 'B notices its LISTEN connection is gone');
      // Stored meanwhile: its NOTIFY reaches the witness but nobody on B.
      await syncAlarmThroughA(2);
      await until(() => notified === 1, 'the NOTIFY is delivered');
    } finally {
      await witness.end();
    }
    expect(answered).toBe(false);
    bClock.advance(LISTEN_RETRY_FIRST_MS);
    const page = await answer;
    expect(page.body.entries.map((e) => e.alarm.id)).toEqual([2]);
    expect(listener.stats.reconnects).toBe(1);
    expect(listener.listening).toBe(true);

    // Listening again: the next alarm through A wakes B by NOTIFY, as before.
    const next = await holdOnB();
    await syncAlarmThroughA(3);
    expect((await next.answer).body.entries.map((e) => e.alarm.id)).toEqual([3]);
  });
});
