import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import { DeviceCredentials } from '../edge/store/credentials-store';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger } from '../shared/server/runtime/logger';
import { connectClient } from '../shared/server/testing/mqtt-clients';
import type { SyncEvent } from '../shared/sync/sync-protocol';
import { topics } from '../shared/topics';
import { RealCentral, until } from './testing/central-sync-kit';
import { ApiClient, demoConfig } from './testing/faults-kit';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface OutboxRow {
  seq: number;
  ts: number;
  type: string;
  entity_id: number | string;
  payload: string;
}

describe('outage drill', () => {
  it('central down while alarms and tickets raise and clear, then up: central holds the identical events, in order', async () => {
    const config = demoConfig((c) => ({
      ...c,
      sync: { pushIntervalS: 0.1, configPollS: 60, retryMaxS: 0.4 },
    }));
    const storeId = config.store.id;
    const central = await RealCentral.start([storeId]);
    cleanups.push(() => central.close());
    const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const app = new EdgeApp({
      config,
      dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      central: { url: central.url, token: central.tokenOf(storeId) },
    });
    const { mqttPort, httpPort } = await app.start();
    cleanups.push(() => app.stop());
    const api = await ApiClient.login(`http://127.0.0.1:${httpPort}`, 'admin', '1234');
    const secret = new DeviceCredentials({ db: app.database, clock: systemClock }).add('oven-1');
    const oven = await connectClient(mqttPort, { username: 'oven-1', password: secret });
    cleanups.push(() => oven.endAsync(true));
    const fault = (code: string) =>
      oven.publishAsync(topics.event(storeId, 'oven-1'), JSON.stringify({ ts: Date.now(), code }), {
        qos: 1,
      });

    // Before the outage: the oven connects and reports a fault; central gets it all.
    await fault('E24');
    await until(
      async () => (await central.events(storeId)).some((e) => e.type === 'alarm.raised'),
      'first alarm at central',
    );

    const before = await central.events(storeId);
    await central.down();
    await fault('E34');
    const ticket = await api.ok<{ id: number }>('POST', '/api/tickets', {
      equipmentId: 'fryer-2',
      fault: 'basket_lift_stuck',
      note: 'reported during the outage',
    });
    await api.ok('POST', `/api/tickets/${ticket.id}/transitions`, { to: 'acknowledged' });
    await fault('E00'); // the oven clears its faults
    await oven.endAsync(); // and goes offline: a device.status event, and the offline alarm
    const pendingAlarms = () =>
      (
        app.database.prepare("SELECT count(*) AS n FROM outbox WHERE type = 'alarm.raised'").get() as {
          n: number;
        }
      ).n;
    await until(() => pendingAlarms() === 2, 'the oven fault and offline alarms in the outbox');
    await until(() => app.sync.health().consecutiveFailures >= 2, 'pushes failing while central is down');

    const waiting = app.database
      .prepare('SELECT seq, ts, type, entity_id, payload FROM outbox ORDER BY seq')
      .all() as OutboxRow[];
    const types = waiting.map((r) => r.type);
    expect(types).toEqual(
      expect.arrayContaining([
        'alarm.raised',
        'alarm.cleared',
        'ticket.opened',
        'ticket.transition',
        'device.status',
      ]),
    );
    const expected: SyncEvent[] = [
      ...before,
      ...waiting.map((r) => ({
        seq: r.seq,
        ts: r.ts,
        type: r.type,
        entityId: String(r.entity_id),
        payload: JSON.parse(r.payload) as Record<string, unknown>,
      })),
    ];

    await central.up();
    await until(
      () => app.sync.health().backlog.high === 0 && app.sync.health().consecutiveFailures === 0,
      'backlog drained',
    );
    const held = await central.events(storeId);
    expect(held).toEqual(expected);
    // High events went in seq order, and nothing was sent twice.
    const order = await central.receivedOrder(storeId);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(app.sync.health()).toMatchObject({ lastAckedSeq: expected.at(-1)?.seq, lastError: null });

    // What central holds matches the edge's own records: every alarm and ticket transition.
    const alarms = app.database.prepare('SELECT id, cleared_at FROM alarms').all() as {
      id: number;
      cleared_at: number | null;
    }[];
    expect(alarms.filter((a) => a.cleared_at !== null).length).toBeGreaterThan(0);
    for (const { id, cleared_at } of alarms) {
      expect(held.some((e) => e.type === 'alarm.raised' && e.entityId === String(id))).toBe(true);
      const cleared = held.some((e) => e.type === 'alarm.cleared' && e.entityId === String(id));
      expect(cleared).toBe(cleared_at !== null);
    }
    const transitions = app.database
      .prepare('SELECT count(*) AS n FROM ticket_transitions WHERE from_status IS NOT NULL')
      .get() as { n: number };
    expect(held.filter((e) => e.type === 'ticket.transition')).toHaveLength(transitions.n);

    // And central's read models (what the regional page shows) agree with the edge.
    const db = central.service.central.database.db;
    const centralAlarms = await db
      .selectFrom('alarms')
      .select(['alarm_id', 'active'])
      .where('store_id', '=', storeId)
      .orderBy('alarm_id')
      .execute();
    expect(centralAlarms).toEqual(
      [...alarms]
        .sort((a, b) => a.id - b.id)
        .map((a) => ({ alarm_id: a.id, active: a.cleared_at === null ? 1 : 0 })),
    );
    const centralTicket = await db
      .selectFrom('tickets')
      .select('status')
      .where('store_id', '=', storeId)
      .where('ticket_id', '=', ticket.id)
      .executeTakeFirst();
    expect(centralTicket?.status).toBe('acknowledged');
  });
});
