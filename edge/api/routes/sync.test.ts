import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { SyncHealth } from '../../../shared/sync/sync-protocol';
import { EventBus } from '../../runtime/event-bus';
import { SyncService } from '../../sync/sync-service';
import { type ApiFixture, bearer, createApiFixture } from '../testing/api-fixture';
import { syncRoutes } from './sync';

let fixture: ApiFixture | undefined;
let service: SyncService | undefined;
afterEach(async () => {
  await service?.stop();
  await fixture?.close();
  fixture = service = undefined;
});

describe('GET /api/sync', () => {
  it('tells the display whether sync is on, what waits and what was dropped, and shows it in /metrics', async () => {
    let sync: SyncService | undefined;
    fixture = await createApiFixture({
      routes: syncRoutes({
        health: () => (sync as SyncService).health(),
        retrySetAside: (by) => (sync as SyncService).retrySetAside(by),
      }),
    });
    const f = fixture;
    sync = service = new SyncService({
      db: f.db,
      clock: f.clock,
      logger: silentLogger(),
      bus: new EventBus(),
      metrics: f.metrics,
      storeId: f.config.store.id,
      settings: { ...f.config.sync, outboxMaxRows: 2 },
      baseConfig: () => f.config,
      applyConfig: () => undefined,
    });
    f.deviceStatus.setOnline('wic-1', true, f.clock.now(), 'connect');
    f.db
      .prepare(
        "INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority) VALUES ('x', ?, 'rollup.minute', 'wic-1', '{}', 1)",
      )
      .run(f.clock.now());
    f.db
      .prepare(
        "INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority) VALUES ('x', ?, 'rollup.minute', 'wic-1', '{}', 1)",
      )
      .run(f.clock.now());
    sync.start(); // over the cap by one: the oldest rollup goes
    f.clock.advance(90_000);

    const response = await f.server.inject({
      method: 'GET',
      url: '/api/sync',
      headers: bearer(await f.tokenFor('display')),
    });
    expect(response.statusCode).toBe(200);
    const health = SyncHealth.parse(response.json());
    expect(health).toMatchObject({
      enabled: false,
      centralUrl: null,
      backlog: { high: 1, low: 1 },
      droppedRollups: 1,
      highestSeq: 3,
      lastAckedSeq: 0,
      lagMs: 90_000,
    });

    const metrics = await f.server.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('galley_sync_backlog_events{lane="high"} 1');
    expect(metrics.body).toContain('galley_sync_dropped_rollups_total 1');
    expect(metrics.body).toContain('galley_sync_enabled 0');
    expect(metrics.body).toContain('galley_sync_lag_seconds 90');

    // The board reads it without any token (an unpaired display).
    expect((await f.server.inject({ method: 'GET', url: '/api/sync' })).statusCode).toBe(200);
  });

  it('counts set-aside events with their reasons, and lets a manager (not staff) offer them again', async () => {
    let sync: SyncService | undefined;
    fixture = await createApiFixture({
      routes: syncRoutes({
        health: () => (sync as SyncService).health(),
        retrySetAside: (by) => (sync as SyncService).retrySetAside(by),
      }),
    });
    const f = fixture;
    sync = service = new SyncService({
      db: f.db,
      clock: f.clock,
      logger: silentLogger(),
      bus: new EventBus(),
      metrics: f.metrics,
      storeId: f.config.store.id,
      settings: f.config.sync,
      baseConfig: () => f.config,
      applyConfig: () => undefined,
      edgeVersion: '1.0.0',
    });
    // As the pusher leaves it after central refused seq 1 (no central here: nothing is sent).
    f.db
      .prepare(
        `INSERT INTO sync_set_aside (seq, store_id, ts, type, entity_id, payload, priority, reason, status, set_aside_at, edge_version, protocol_version)
         VALUES (1, 'x', 5, 'ticket.opened', 'fryer-2', '{}', 0, 'events.0.entityId: too long', 400, ?, '1.0.0', 2)`,
      )
      .run(f.clock.now());
    sync.start();

    const health = SyncHealth.parse(
      (
        await f.server.inject({
          method: 'GET',
          url: '/api/sync',
          headers: bearer(await f.tokenFor('display')),
        })
      ).json(),
    );
    expect(health.setAside).toBe(1);
    expect(health.setAsideNewest).toEqual([
      expect.objectContaining({
        seq: 1,
        type: 'ticket.opened',
        entityId: 'fryer-2',
        reason: 'events.0.entityId: too long',
      }),
    ]);
    expect((await f.server.inject({ method: 'GET', url: '/metrics' })).body).toContain(
      'galley_sync_set_aside_events 1',
    );

    const retry = (role: 'staff' | 'manager') =>
      f
        .tokenFor(role)
        .then((token) =>
          f.server.inject({ method: 'POST', url: '/api/sync/set-aside/retry', headers: bearer(token) }),
        );
    expect((await retry('staff')).statusCode).toBe(403);
    const done = await retry('manager');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toEqual({ retried: 1 });
    expect(sync.health()).toMatchObject({ setAside: 0, backlog: { high: 1, low: 0 } });
    expect(f.db.prepare('SELECT seq, type, entity_id FROM outbox').all()).toEqual([
      { seq: 1, type: 'ticket.opened', entity_id: 'fryer-2' },
    ]);
  });
});
