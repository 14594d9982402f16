import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
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
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

/**
 * Two central processes on one PostgreSQL. Process A has drawn the id of an alarm but not
 * committed yet (its webhook queue is held by another session); process B stores a later
 * alarm meanwhile. A page polling the feed with its cursor must still get both.
 */
describe('live alarm feed across processes', () => {
  it('a poll never moves its cursor past an alarm another process has not committed yet', async () => {
    const a = await startTestCentral('postgres');
    const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
    const b = new CentralService({
      dataDir,
      databaseUrl: a.databaseUrl,
      clock: new FakeClock(),
      logger: silentLogger(),
      port: 0,
      adminPassword: ADMIN_PASSWORD,
      webDir: join(dataDir, 'no-web'),
    });
    await b.start();
    const blocker = new pg.Client({ connectionString: a.databaseUrl });
    await blocker.connect();
    // Its own session: pg_stat_activity is read once per transaction, and the blocker's stays open.
    const watcher = new pg.Client({ connectionString: a.databaseUrl });
    await watcher.connect();
    try {
      const admin = await login(a.url, 'admin', ADMIN_PASSWORD);
      const tokenOf = async (id: string, regionId: string) => {
        const store = await http(`${a.url}/api/admin/stores`, {
          token: admin,
          body: { id, regionId, state: 'open' },
        });
        expect(store.status).toBe(201);
        const issued = await http<{ token: string }>(`${a.url}/api/admin/stores/${id}/tokens`, {
          token: admin,
          method: 'POST',
        });
        return issued.body.token;
      };
      const first = await tokenOf('feed-a', 'with-hook');
      const second = await tokenOf('feed-b', 'no-hook');
      const hook = await http(`${a.url}/api/admin/webhooks`, {
        token: admin,
        body: { regionId: 'with-hook', flavour: 'slack', url: 'http://127.0.0.1:9/hook' },
      });
      expect(hook.status).toBe(201);
      const poll = async (after: number) => {
        const page = await http<AlarmFeed>(`${b.url}/api/alarms?after=${after}&limit=500`, { token: admin });
        expect(page.status).toBe(200);
        return page.body;
      };
      const seen = new Set<string>();
      let cursor = (await poll(0)).cursor;

      // A's transaction stops at queueing its webhook, after it has drawn the alarm's id.
      await blocker.query('begin');
      await blocker.query('lock table webhook_deliveries in exclusive mode');
      const postedA = postBatch(a.url, first, batchOf('feed-a', [event(1, 'alarm.raised', 1, alarmView())]));
      await waitFor(
        watcher,
        `select 1 from pg_stat_activity where wait_event_type = 'Lock'
        and query like '%webhook_deliveries%' and pid <> pg_backend_pid()`,
      );
      // B's alarm: stored at once (the bug), or waiting its turn behind A's (the fix).
      const postedB = postBatch(b.url, second, batchOf('feed-b', [event(1, 'alarm.raised', 1, alarmView())]));
      await Promise.race([
        postedB,
        waitFor(watcher, `select 1 from pg_locks where locktype = 'advisory' and not granted`),
      ]);
      const during = await poll(cursor);
      for (const entry of during.entries) seen.add(entry.storeId);
      cursor = during.cursor;

      await blocker.query('commit');
      expect((await postedA).status).toBe(200);
      expect((await postedB).status).toBe(200);
      for (const entry of (await poll(cursor)).entries) seen.add(entry.storeId);
      expect([...seen].sort()).toEqual(['feed-a', 'feed-b']);
    } finally {
      await blocker.end();
      await watcher.end();
      await b.stop();
      rmSync(dataDir, { recursive: true, force: true });
      await a.stop();
    }
  }, 30_000);
});

describe('live alarm feed under a burst', () => {
  it('more new alarms than one page: the cursor walks through all of them, oldest first', async () => {
    const central = await startTestCentral('sqlite');
    try {
      const admin = await login(central.url, 'admin', ADMIN_PASSWORD);
      expect(
        (
          await http(`${central.url}/api/admin/stores`, {
            token: admin,
            body: { id: 'burst', regionId: 'r' },
          })
        ).status,
      ).toBe(201);
      const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/burst/tokens`, {
        token: admin,
        method: 'POST',
      });
      const poll = (after: number) =>
        http<AlarmFeed>(`${central.url}/api/alarms?after=${after}&limit=2`, { token: admin });
      const start = (await poll(0)).body.cursor;
      const alarms = [1, 2, 3, 4, 5].map((id) => event(id, 'alarm.raised', id, alarmView({ id })));
      expect((await postBatch(central.url, issued.body.token, batchOf('burst', alarms))).status).toBe(200);
      const seen: number[] = [];
      let cursor = start;
      for (let page = 0; page < 4; page++) {
        const answer = (await poll(cursor)).body;
        // Each page is still newest first, as the page merges it.
        expect(answer.entries.map((e) => e.alarm.id)).toEqual(
          [...answer.entries.map((e) => e.alarm.id)].sort((x, y) => y - x),
        );
        seen.push(...answer.entries.map((e) => e.alarm.id));
        cursor = answer.cursor;
      }
      expect(seen.sort()).toEqual([1, 2, 3, 4, 5]);
    } finally {
      await central.stop();
    }
  });
});

/** Polls `query` until it returns a row: the other session has reached the state asked for. */
async function waitFor(client: pg.Client, query: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await client.query(query)).rowCount === 0) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${query}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
