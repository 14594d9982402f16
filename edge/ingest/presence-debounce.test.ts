import { afterEach, describe, expect, it } from 'vitest';
import type { AlarmView } from '../../shared/api/alarms';
import type { ConnectionFlapSettings } from '../../shared/config/rules';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { MetricsRegistry } from '../../shared/server/runtime/metrics';
import { topics } from '../../shared/topics';
import { AlarmService } from '../domains/alarms/alarm-service';
import { RuleEngine } from '../domains/rules/rule-engine';
import { registerIngestMetrics } from './ingest-metrics';
import { IngestPipeline } from './ingest-pipeline';
import { demoConfig, tempDatabase, testDeps, within } from './testing/ingest-fixture';

const SEC = 1000;
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
});

/** Ingest, rules and alarms of the demo store on one SQLite file and a fake clock. */
function store(connectionFlap?: ConnectionFlapSettings) {
  const tmp = tempDatabase();
  const clock = new FakeClock();
  const base = demoConfig();
  const config = connectionFlap ? { ...base, alarms: { ...base.alarms, connectionFlap } } : base;
  const { bus, logger } = testDeps();
  const pipeline = new IngestPipeline({ config, db: tmp.db, bus, clock, logger });
  const alarms = new AlarmService({
    db: tmp.db,
    clock,
    logger,
    storeId: config.store.id,
    settings: config.alarms,
  });
  const rules = new RuleEngine({ bus, clock, logger, sink: alarms.handleTransition }, config);
  pipeline.start();
  alarms.start();
  rules.start();
  cleanups.push(() => {
    rules.stop();
    alarms.stop();
    void pipeline.stop();
    tmp.cleanup();
  });
  const metrics = new MetricsRegistry();
  registerIngestMetrics(metrics, pipeline);

  /** Status writes settle once their group commit ran: move the fake clock past its delay. */
  const committed = async (writes: Promise<void>[]) => {
    clock.advance(config.storage.groupCommitMaxDelayMs);
    await within(Promise.all(writes));
  };
  const outbox = (): Record<string, number> =>
    Object.fromEntries(
      (
        tmp.db
          .prepare(
            "SELECT type, count(*) AS n FROM outbox WHERE json_extract(payload, '$.equipmentId') = 'wic-1' GROUP BY type",
          )
          .all() as {
          type: string;
          n: number;
        }[]
      ).map((r) => [r.type, r.n]),
    );
  const offlineAlarms = (): AlarmView[] =>
    alarms.list({ state: 'all', limit: 100, equipmentId: 'wic-1' }).filter((a) => a.rule === 'offline');
  const rowOnline = () =>
    (
      tmp.db.prepare("SELECT online FROM device_status WHERE equipment_id = 'wic-1'").get() as {
        online: number;
      }
    ).online === 1;
  return { config, clock, pipeline, metrics, committed, outbox, offlineAlarms, rowOnline };
}

describe('connection flapping, at the status recording', () => {
  it('1 000 drops and returns in a minute: one raise, one clear once settled, three device.status events', async () => {
    const s = store();
    const statusTopic = topics.status(s.config.store.id, 'wic-1');
    const telemetryTopic = topics.telemetry(s.config.store.id, 'wic-1');
    await s.committed([s.pipeline.recordDeviceStatus('wic-1', true, 'connect')]);
    const startedAt = s.clock.now();

    for (let i = 0; i < 1000; i++) {
      // Every 60 ms: the Will (or a clean disconnect), then a reconnect and its retained online status.
      const writes = [
        s.pipeline.recordDeviceStatus('wic-1', false, i % 2 ? 'last_will' : 'disconnect'),
        s.pipeline.recordDeviceStatus('wic-1', true, 'connect'),
      ];
      const status = s.pipeline.check('wic-1', statusTopic, Buffer.from('{"online":true}'));
      if (!status.ok) throw new Error(status.detail);
      writes.push(status.commit(true));
      // Telemetry between the drops proves nothing about a connection that keeps dying.
      const reading = s.pipeline.check(
        'wic-1',
        telemetryTopic,
        Buffer.from(JSON.stringify({ ts: s.clock.now(), readings: { temp_c: 3 } })),
      );
      if (!reading.ok) throw new Error(reading.detail);
      writes.push(reading.commit(true));
      await s.committed(writes);
      s.clock.advance(60 - s.config.storage.groupCommitMaxDelayMs);
    }
    expect(s.clock.now() - startedAt).toBe(60 * SEC);

    const [raised] = s.offlineAlarms();
    expect(s.offlineAlarms()).toHaveLength(1);
    // Raised by the first drop, as soon as it was committed.
    expect(raised).toMatchObject({
      state: 'active_unacked',
      raiseCount: 1,
      raisedAt: startedAt + s.config.storage.groupCommitMaxDelayMs,
    });
    expect(s.rowOnline()).toBe(false);

    // Back for good since the last return, 60 ms ago: the clear waits for 30 s of staying connected.
    s.clock.advance(30 * SEC - 60 - 1);
    expect(s.offlineAlarms()[0]?.state).toBe('active_unacked');
    await s.committed([]);
    s.clock.advance(1);
    await s.committed([]);
    expect(s.offlineAlarms()).toEqual([
      expect.objectContaining({ id: raised?.id, state: 'cleared_unacked', raiseCount: 1 }),
    ]);
    expect(s.rowOnline()).toBe(true);
    expect(s.outbox()).toEqual({ 'device.status': 3, 'alarm.raised': 1, 'alarm.cleared': 1 });
    expect(s.pipeline.flapStats()).toEqual({ episodes: { 'wic-1': 1 }, heldDrops: 999 });
    expect(s.metrics.render()).toContain('galley_device_flaps_total{equipment="wic-1"} 1\n');
    expect(s.metrics.render()).toContain('galley_device_flap_drops_total 999\n');
  });

  it('stops and restarts on purpose, many times within the flap window: no alarm, no flap, every return at once', async () => {
    const s = store();
    const statusTopic = topics.status(s.config.store.id, 'wic-1');
    const shutdown = () => {
      const status = s.pipeline.check(
        'wic-1',
        statusTopic,
        Buffer.from('{"online":false,"reason":"shutdown"}'),
      );
      if (!status.ok) throw new Error(status.detail);
      return status.commit(true);
    };
    for (let i = 0; i < 10; i++) {
      await s.committed([s.pipeline.recordDeviceStatus('wic-1', true, 'connect')]);
      expect(s.rowOnline(), `return ${i}`).toBe(true);
      await s.committed([shutdown(), s.pipeline.recordDeviceStatus('wic-1', false, 'disconnect')]);
      expect(s.rowOnline(), `stop ${i}`).toBe(false);
      s.clock.advance(SEC);
    }
    // Hours switched off: not "not reporting".
    s.clock.advance(6 * 3_600 * SEC);
    await s.committed([]);
    expect(s.offlineAlarms()).toEqual([]);
    expect(s.pipeline.flapStats()).toEqual({ episodes: {}, heldDrops: 0 });
    expect(s.outbox()).toEqual({ 'device.status': 20 });
  });

  it('a drop of a settled device still raises at once, and a return after a real outage clears at once', async () => {
    const s = store();
    await s.committed([s.pipeline.recordDeviceStatus('wic-1', true, 'connect')]);
    await s.committed([s.pipeline.recordDeviceStatus('wic-1', false, 'last_will')]);
    expect(s.offlineAlarms()[0]?.state).toBe('active_unacked');

    s.clock.advance(31 * SEC); // away longer than the flap window: an outage, not a flap
    await s.committed([s.pipeline.recordDeviceStatus('wic-1', true, 'connect')]);
    expect(s.offlineAlarms()[0]?.state).toBe('cleared_unacked');
    expect(s.outbox()).toEqual({ 'device.status': 3, 'alarm.raised': 1, 'alarm.cleared': 1 });
    expect(s.pipeline.flapStats()).toEqual({ episodes: {}, heldDrops: 0 });
  });

  it('a quick reboot is held for settleS but is no flap; windowS 0 turns the debounce off', async () => {
    const s = store({ windowS: 30, settleS: 10 });
    await s.committed([s.pipeline.recordDeviceStatus('wic-1', true, 'connect')]);
    await s.committed([s.pipeline.recordDeviceStatus('wic-1', false, 'disconnect')]);
    s.clock.advance(5 * SEC);
    await s.committed([s.pipeline.recordDeviceStatus('wic-1', true, 'connect')]);
    expect(s.offlineAlarms()[0]?.state).toBe('active_unacked');
    s.clock.advance(10 * SEC);
    await s.committed([]);
    expect(s.offlineAlarms()[0]?.state).toBe('cleared_unacked');
    expect(s.pipeline.flapStats().episodes).toEqual({});

    const off = store({ windowS: 0, settleS: 30 });
    for (let i = 0; i < 5; i++) {
      await off.committed([off.pipeline.recordDeviceStatus('wic-1', true, 'connect')]);
      await off.committed([off.pipeline.recordDeviceStatus('wic-1', false, 'disconnect')]);
    }
    expect(off.outbox()).toMatchObject({ 'device.status': 10, 'alarm.raised': 1, 'alarm.reraised': 4 });
  });
});
