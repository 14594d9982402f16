import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { SESSION_TTL_MS } from '../auth/users';
import {
  ADMIN_PASSWORD,
  alarmView,
  BACKENDS,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe.each(BACKENDS)('central housekeeping on %s', (backend) => {
  let central: TestCentral;
  let admin: string;

  beforeEach(async () => {
    central = await startTestCentral(backend, { housekeeping: { chunkSize: 3, intervalMs: HOUR } });
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id: 'sh-001', name: 'Shanghai 001', regionId: 'east' },
    });
  });
  afterEach(async () => {
    await central.stop();
  });

  const kindsLeft = async () => {
    const rows = await central.service.central.database.db
      .selectFrom('sync_events')
      .select(['kind', 'seq'])
      .orderBy('seq')
      .execute();
    return rows.map((r) => `${r.kind}:${r.seq}`);
  };

  it('deletes rollups older than 35 days in chunks and keeps alarm, ticket, pm and metrics history', async () => {
    const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/sh-001/tokens`, {
      token: admin,
      method: 'POST',
    });
    const now = central.clock.now();
    const old = now - 40 * DAY;
    const recent = now - 34 * DAY;
    const rollup = (seq: number, ts: number): SyncEvent =>
      event(seq, 'rollup.minute', 'wic-1', { metric: 'temp_c', min: 2, max: 3, avg: 2.5, count: 6 }, ts);
    const events = [
      ...[1, 2, 3, 4, 5, 6, 7].map((seq) => rollup(seq, old + seq)),
      rollup(8, recent),
      event(9, 'alarm.raised', 1, alarmView(), old),
      event(10, 'pm.opened', 1, { id: 1 }, old),
      event(11, 'metrics.daily', '2025-11-25', { day: '2025-11-25' }, old),
      event(12, 'ticket.opened', 1, { id: 1 }, old),
    ];
    const posted = await postBatch(central.url, issued.body.token, batchOf('sh-001', events));
    expect(posted.body.inserted).toBe(12);

    // The hourly run comes from the injected clock; runOnce waits for it, then runs again.
    central.clock.advance(HOUR);
    await central.service.housekeeping.runOnce();
    expect(await kindsLeft()).toEqual(['rollup:8', 'alarm:9', 'pm:10', 'metrics:11', 'ticket:12']);

    // Two more days and the 34-day-old rollup is past 35 days too: nothing left to do by hand.
    central.clock.advance(2 * DAY);
    await central.service.housekeeping.runOnce();
    expect(await kindsLeft()).toEqual(['alarm:9', 'pm:10', 'metrics:11', 'ticket:12']);
  });

  it('deletes expired sessions, and only those', async () => {
    central.clock.advance(SESSION_TTL_MS - HOUR);
    const fresh = await login(central.url, 'admin', ADMIN_PASSWORD);
    // Two hourly runs from the clock; runOnce waits for the one in progress.
    central.clock.advance(2 * HOUR);
    await central.service.housekeeping.runOnce();
    const sessions = await central.service.central.database.db
      .selectFrom('sessions')
      .select('username')
      .execute();
    expect(sessions).toHaveLength(1);
    expect((await http(`${central.url}/api/me`, { token: fresh })).status).toBe(200);
    expect((await http(`${central.url}/api/me`, { token: admin })).status).toBe(401);
  });
});
