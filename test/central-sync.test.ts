import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { http, login } from '../cloud-sync/central/testing/central-test-kit';
import { EdgeApp } from '../edge/app/edge-app';
import { DeviceCredentials } from '../edge/store/credentials-store';
import { CentralClient } from '../edge/sync/central-client';
import { OutboxStore } from '../edge/sync/outbox-store';
import type { AlarmFeed, ConfigVersionInfo, StoreDetail } from '../shared/central/api';
import type { StoreConfig } from '../shared/config/store-config';
import type { SyncSettings } from '../shared/config/sync-settings';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger } from '../shared/server/runtime/logger';
import { connectClient, within } from '../shared/server/testing/mqtt-clients';
import type { SyncBatch } from '../shared/sync/sync-protocol';
import { topics } from '../shared/topics';
import { CENTRAL_ADMIN_PASSWORD, RealCentral, until } from './testing/central-sync-kit';
import { demoConfig } from './testing/faults-kit';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The demo store's edge in-process, syncing with the real central on loopback. */
async function edgeWith(central: RealCentral, sync: Partial<SyncSettings> = {}, syncing = true) {
  const config = demoConfig((c) => ({ ...c, sync: { ...c.sync, ...sync } }));
  const storeId = config.store.id;
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const app = new EdgeApp({
    config,
    dataDir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    central: syncing ? { url: central.url, token: central.tokenOf(storeId) } : undefined,
  });
  const { mqttPort } = await app.start();
  cleanups.push(() => app.stop());
  const device = async (equipmentId: string) => {
    const secret = new DeviceCredentials({ db: app.database, clock: systemClock }).add(equipmentId);
    const client = await connectClient(mqttPort, { username: equipmentId, password: secret });
    cleanups.push(() => client.endAsync(true));
    return client;
  };
  return { app, storeId, device };
}

async function startCentral(storeId = 'demo-sh-001') {
  const central = await RealCentral.start([storeId]);
  cleanups.push(() => central.close());
  const admin = await login(central.url, 'admin', CENTRAL_ADMIN_PASSWORD);
  return { central, admin };
}

const tempHigh = (config: StoreConfig) =>
  config.equipmentTypes.walk_in_cooler?.rules?.find((r) => r.id === 'temp_high');

describe('edge and the real central', () => {
  it('the same batch posted twice at once is stored once, its alarm projected once', async () => {
    const { central } = await startCentral();
    // Sync off at the edge: this test sends the edge's batch itself, twice at the same moment.
    const edge = await edgeWith(central, {}, false);
    const oven = await edge.device('oven-1');
    await oven.publishAsync(
      topics.event(edge.storeId, 'oven-1'),
      JSON.stringify({ ts: Date.now(), code: 'E34' }),
      { qos: 1 },
    );
    const outbox = new OutboxStore(edge.app.database);
    await until(() => outbox.nextBatch(100).some((e) => e.type === 'alarm.raised'), 'alarm in the outbox');
    const batch: SyncBatch = { storeId: edge.storeId, sentAt: Date.now(), events: outbox.nextBatch(100) };
    const client = () =>
      new CentralClient({ url: central.url, token: central.tokenOf(edge.storeId), timeoutMs: 5000 });

    const acks = await Promise.all([client().postBatch(batch), client().postBatch(batch)]);

    expect(acks.map((a) => a.inserted).sort()).toEqual([0, batch.events.length]);
    expect(acks.map((a) => a.duplicates).sort()).toEqual([0, batch.events.length]);
    expect(await central.events(edge.storeId)).toEqual([...batch.events].sort((a, b) => a.seq - b.seq));
    const alarms = await central.service.central.database.db
      .selectFrom('alarms')
      .select(['alarm_id', 'severity'])
      .where('store_id', '=', edge.storeId)
      .execute();
    expect(alarms).toEqual([{ alarm_id: expect.any(Number), severity: 'critical' }]);
  });

  it('central names the events it refuses; the edge sets them aside and the alarm behind them arrives', async () => {
    const { central } = await startCentral();
    const edge = await edgeWith(central, {}, false);
    const { storeId } = edge;
    // An event central's contract refuses (entity id over 128 characters), written as a bug would.
    edge.app.database
      .prepare(
        'INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority) VALUES (?, ?, ?, ?, ?, 0)',
      )
      .run(storeId, Date.now(), 'ticket.opened', 'x'.repeat(200), '{}');
    const oven = await edge.device('oven-1');
    await oven.publishAsync(
      topics.event(storeId, 'oven-1'),
      JSON.stringify({ ts: Date.now(), code: 'E34' }),
      {
        qos: 1,
      },
    );
    const outbox = new OutboxStore(edge.app.database);
    await until(() => outbox.nextBatch(100).some((e) => e.type === 'alarm.raised'), 'alarm in the outbox');

    // Central's answer names the bad event by position and seq; nothing of the batch is stored.
    const events = outbox.nextBatch(100);
    const bad = events.findIndex((e) => e.entityId.length > 128);
    const client = new CentralClient({ url: central.url, token: central.tokenOf(storeId), timeoutMs: 5000 });
    const refusal = await client
      .postBatch({ storeId, sentAt: Date.now(), events })
      .catch((err: unknown) => err);
    expect(refusal).toMatchObject({
      status: 400,
      refusedEvents: [{ index: bad, seq: events[bad]?.seq, reason: expect.stringContaining('entityId') }],
    });
    expect(await central.events(storeId)).toEqual([]);
    // An envelope fault names no event: the edge must back off rather than set good events aside.
    const envelope = await client
      .postBatch({ storeId, sentAt: -1, events: events.filter((_, i) => i !== bad) })
      .catch((err: unknown) => err);
    expect(envelope).toMatchObject({ status: 400, refusedEvents: [] });

    // A syncing edge with the same bug: its pusher sets the bad event aside with central's
    // reason, and the alarm raised behind it reaches central.
    const syncing = await edgeWith(central);
    syncing.app.database
      .prepare(
        'INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority) VALUES (?, ?, ?, ?, ?, 0)',
      )
      .run(storeId, Date.now(), 'ticket.opened', 'y'.repeat(200), '{}');
    const ovenB = await syncing.device('oven-1');
    await ovenB.publishAsync(
      topics.event(storeId, 'oven-1'),
      JSON.stringify({ ts: Date.now(), code: 'E34' }),
      {
        qos: 1,
      },
    );
    await until(
      async () => (await central.events(storeId)).some((e) => e.type === 'alarm.raised'),
      'the alarm at central',
    );
    await until(() => syncing.app.sync.health().setAside === 1, 'the refused event set aside');
    const health = syncing.app.sync.health();
    expect(health.setAsideNewest?.[0]).toMatchObject({
      type: 'ticket.opened',
      status: 400,
      reason: expect.stringContaining('entityId'),
    });
    expect((await central.events(storeId)).some((e) => e.entityId.length > 128)).toBe(false);
  });

  it('config push-down: an applied overlay reloads the rules and central shows the version; an invalid one is rejected with reasons and the edge keeps the old', async () => {
    const { central, admin } = await startCentral();
    const edge = await edgeWith(central, { pushIntervalS: 0.2, configPollS: 0.2 });
    const storeUrl = `${central.url}/api/stores/${edge.storeId}`;
    const configUrl = `${central.url}/api/admin/stores/${edge.storeId}/config`;
    expect(tempHigh(edge.app.config)?.kind === 'threshold' && tempHigh(edge.app.config)).toMatchObject({
      raise: { forS: 900 },
    });

    // v1: the walk-in cooler alarms as soon as it is above 5 °C, not after 15 minutes.
    const types = structuredClone(edge.app.config.equipmentTypes);
    const rule = tempHigh({ ...edge.app.config, equipmentTypes: types });
    if (rule?.kind !== 'threshold') throw new Error('demo store lost its temp_high rule');
    rule.raise.forS = 0;
    // No quiet periods either: the test must not depend on the time of day (defrost window).
    delete rule.suppress;
    const v1 = await http<ConfigVersionInfo>(configUrl, {
      token: admin,
      body: { overlay: { equipmentTypes: types } },
    });
    expect(v1).toMatchObject({ status: 201, body: { version: 1 } });
    await until(
      async () =>
        (await http<StoreDetail>(storeUrl, { token: admin })).body.state.config.appliedVersion === 1,
      'central shows version 1 applied',
    );
    expect(edge.app.sync.health().configVersion).toBe(1);
    const cooler = await edge.device('wic-1');
    await within(
      cooler.publishAsync(
        topics.telemetry(edge.storeId, 'wic-1'),
        JSON.stringify({ ts: Date.now(), readings: { temp_c: 9.5, door_open: false } }),
        { qos: 1 },
      ),
      5000,
      'PUBACK',
    );
    const raised = edge.app.database
      .prepare("SELECT severity FROM alarms WHERE equipment_id = 'wic-1' AND rule_key = 'temp_high'")
      .all();
    expect(raised).toEqual([{ severity: 'critical' }]);

    // v2: equipment of a type the store does not know — every problem reported, nothing applied.
    const badEquipment = [
      ...edge.app.config.equipment,
      { id: 'ghost-1', type: 'no_such_type', name: { en: 'Ghost', 'zh-CN': '幽灵' } },
    ];
    const v2 = await http<ConfigVersionInfo>(configUrl, {
      token: admin,
      body: { overlay: { equipment: badEquipment } },
    });
    expect(v2).toMatchObject({ status: 201, body: { version: 2 } });
    await until(
      async () =>
        (await http<StoreDetail>(storeUrl, { token: admin })).body.state.config.lastReport?.version === 2,
      'central hears about version 2',
    );
    const detail = (await http<StoreDetail>(storeUrl, { token: admin })).body;
    expect(detail.state.config).toMatchObject({ latestVersion: 2, appliedVersion: 1 });
    expect(detail.state.config.lastReport).toMatchObject({ version: 2, outcome: 'rejected' });
    expect(detail.state.config.lastReport?.errors.some((e) => e.path.startsWith('equipment'))).toBe(true);
    const versions = (await http<ConfigVersionInfo[]>(configUrl, { token: admin })).body;
    expect(versions.map((v) => [v.version, v.report?.outcome])).toEqual([
      [2, 'rejected'],
      [1, 'applied'],
    ]);
    // The edge still runs v1: no ghost equipment, the fast temp_high rule.
    expect(edge.app.config.equipment.some((e) => e.id === 'ghost-1')).toBe(false);
    expect(tempHigh(edge.app.config)).toMatchObject({ raise: { forS: 0 } });
    expect(edge.app.sync.health().configVersion).toBe(1);
  });

  it('an alarm raised at the edge is in the regional feed at once, not after the idle poll', async () => {
    const { central, admin } = await startCentral();
    // An idle poll of 10 minutes: only the nudge on commit can bring the alarm over in time.
    const edge = await edgeWith(central, { pushIntervalS: 600 });
    const oven = await edge.device('oven-1');
    // The oven coming online is itself a high-priority event; once it is acked the pusher idles.
    await until(() => edge.app.sync.health().lastSuccessAt !== null, 'device.status at central');
    await until(() => edge.app.sync.pusher?.settled().then(() => true) ?? false, 'pusher idle');
    expect(edge.app.sync.pusher?.state.nextAttemptAt).toBeGreaterThan(Date.now() + 60_000);
    let cursor = (await http<AlarmFeed>(`${central.url}/api/alarms`, { token: admin })).body.cursor;

    const sentAt = Date.now();
    await oven.publishAsync(
      topics.event(edge.storeId, 'oven-1'),
      JSON.stringify({ ts: sentAt, code: 'E34' }),
      { qos: 1 },
    );
    let seen: AlarmFeed['entries'] = [];
    await until(async () => {
      const feed = (await http<AlarmFeed>(`${central.url}/api/alarms?after=${cursor}`, { token: admin }))
        .body;
      cursor = feed.cursor;
      seen = [...seen, ...feed.entries];
      return seen.some((e) => e.alarm.equipmentId === 'oven-1' && e.change === 'raised');
    }, 'the oven alarm in the regional feed');
    const latencyMs = Date.now() - sentAt;
    expect(latencyMs).toBeLessThan(3000);
    const entry = seen.find((e) => e.alarm.equipmentId === 'oven-1');
    expect(entry).toMatchObject({
      storeId: edge.storeId,
      regionId: 'east-china',
      alarm: { severity: 'critical', rule: 'maker_fault:E34' },
    });
  });
});
