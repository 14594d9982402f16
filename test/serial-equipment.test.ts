import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialAdapters } from '../edge/adapters/serial-adapters';
import { AlarmService } from '../edge/domains/alarms/alarm-service';
import { RuleEngine } from '../edge/domains/rules/rule-engine';
import { IngestPipeline } from '../edge/ingest/ingest-pipeline';
import { demoConfig, tempDatabase } from '../edge/ingest/testing/ingest-fixture';
import { EventBus } from '../edge/runtime/event-bus';
import { type SerialDevices, startSerialDevices } from '../firmware-sim/serial/serial-devices';
import { AlarmSettings } from '../shared/config/rules';
import type { StoreConfig } from '../shared/config/store-config';
import { systemClock } from '../shared/server/runtime/clock';
import { silentLogger, silentLogger as silentSimLogger } from '../shared/server/runtime/logger';
import { type PtyPair, startPtyPair } from '../shared/server/testing/pty-pair';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Polls `check` until it holds, failing with `what` after `ms`. */
async function eventually(check: () => boolean, what: string, ms = 8000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * The demo store with its two serial pieces on fresh socat pty pairs in a temp dir.
 * `portsLater`: the adapters start before any pty exists; `plugIn()` makes the pairs
 * and starts the simulated equipment on them.
 */
async function serialStore(options: { portsLater?: boolean } = {}) {
  const tmp = tempDatabase();
  cleanups.push(() => tmp.cleanup());
  const base = demoConfig();
  const config: StoreConfig = {
    ...base,
    // A link back within 30 s of dropping is held as flapping until it stayed up: 1 s here, not 30.
    alarms: { ...base.alarms, connectionFlap: { windowS: 30, settleS: 1 } },
    equipment: base.equipment.map((e) =>
      e.serial ? { ...e, serial: { ...e.serial, path: join(tmp.dir, e.id), pollIntervalMs: 200 } } : e,
    ),
  };
  const pairs = new Map<string, PtyPair>();
  const makePairs = async () => {
    for (const e of config.equipment) {
      if (!e.serial) continue;
      const pair = await startPtyPair(e.serial.path, `${e.serial.path}.device`);
      cleanups.push(() => pair.stop());
      pairs.set(e.id, pair);
    }
  };
  if (!options.portsLater) await makePairs();
  const bus = new EventBus();
  const logger = silentLogger();
  const pipeline = new IngestPipeline({ config, db: tmp.db, bus, clock: systemClock, logger });
  const alarms = new AlarmService({
    db: tmp.db,
    clock: systemClock,
    logger,
    storeId: config.store.id,
    settings: AlarmSettings.parse(undefined),
  });
  const rules = new RuleEngine({ bus, clock: systemClock, logger, sink: alarms.handleTransition }, config);
  pipeline.start();
  alarms.start();
  rules.start();
  cleanups.push(() => {
    rules.stop();
    alarms.stop();
    pipeline.stop();
  });
  const adapters = new SerialAdapters({
    config,
    pipeline,
    clock: systemClock,
    logger,
    linkSilenceMs: 1500,
    backoff: { initialMs: 100, maxMs: 400, factor: 2 },
  });
  const startDevices = async (): Promise<SerialDevices> => {
    const started = await startSerialDevices({
      config,
      logger: silentSimLogger(),
      seed: 3,
      frameIntervalMs: 200,
    });
    cleanups.push(() => started.stop());
    return started;
  };
  let devices: SerialDevices | undefined;
  if (!options.portsLater) devices = await startDevices();
  adapters.start();
  cleanups.push(() => adapters.stop());
  const plugIn = async (): Promise<void> => {
    await makePairs();
    devices = await startDevices();
  };

  const db = tmp.db;
  const count = (equipmentId: string, metric: string): number =>
    (
      db
        .prepare('SELECT count(*) AS n FROM readings WHERE equipment_id = ? AND metric = ?')
        .get(equipmentId, metric) as {
        n: number;
      }
    ).n;
  const online = (equipmentId: string): boolean | undefined => {
    const row = db.prepare('SELECT online FROM device_status WHERE equipment_id = ?').get(equipmentId) as
      | { online: number }
      | undefined;
    return row === undefined ? undefined : row.online === 1;
  };
  const offlineAlarm = (equipmentId: string) =>
    alarms.active().find((a) => a.equipmentId === equipmentId && a.rule === 'offline');
  const port = (equipmentId: string) => {
    const stats = adapters.stats().find((s) => s.equipmentId === equipmentId);
    if (!stats) throw new Error(`no serial adapter for ${equipmentId}`);
    return stats;
  };
  return {
    config,
    pairs,
    get devices(): SerialDevices {
      if (!devices) throw new Error('serial equipment not plugged in yet');
      return devices;
    },
    plugIn,
    adapters,
    db,
    count,
    online,
    offlineAlarm,
    port,
  };
}

describe('serial equipment end to end over socat ptys', () => {
  it('stores the streaming fryer and the polled freezer as telemetry, online', async () => {
    const s = await serialStore();
    await eventually(() => s.count('fryer-3', 'oil_temp_c') >= 3, 'fryer readings in SQLite');
    await eventually(() => s.count('rif-1', 'temp_c') >= 3, 'freezer readings in SQLite');
    const fryer = s.db
      .prepare("SELECT value FROM latest_readings WHERE equipment_id = 'fryer-3' AND metric = 'oil_temp_c'")
      .get() as { value: number };
    expect(fryer.value).toBeGreaterThan(150);
    expect(fryer.value).toBeLessThan(200);
    const setpoint = s.db
      .prepare("SELECT value FROM latest_readings WHERE equipment_id = 'rif-1' AND metric = 'setpoint_c'")
      .get() as { value: number };
    expect(setpoint.value).toBe(-20);
    expect(s.count('rif-1', 'compressor_on')).toBeGreaterThan(0);
    expect(s.online('fryer-3')).toBe(true);
    expect(s.online('rif-1')).toBe(true);
    expect(s.port('rif-1').errors).toEqual({});
  });

  it('a maker fault on the fryer becomes a device event, once', async () => {
    const s = await serialStore();
    await eventually(() => s.count('fryer-3', 'oil_temp_c') >= 1, 'first fryer reading');
    s.devices.inject('fryer-3', { fault: 'maker_fault', params: { code: 'E05' } });
    const events = () =>
      s.db.prepare("SELECT code FROM device_events WHERE equipment_id = 'fryer-3'").all() as {
        code: string;
      }[];
    await eventually(() => events().length >= 1, 'E05 event');
    const before = s.count('fryer-3', 'oil_temp_c');
    await eventually(() => s.count('fryer-3', 'oil_temp_c') >= before + 3, 'more frames with E=5');
    expect(events()).toEqual([{ code: 'E05' }]);
  });

  it('counts garbage, bad checksums and CRC errors per port and still stores the good frames', async () => {
    const s = await serialStore();
    await eventually(
      () => s.count('fryer-3', 'oil_temp_c') >= 1 && s.count('rif-1', 'temp_c') >= 1,
      'first data',
    );
    await s.devices.lineFault('fryer-3', 'garbage');
    const fryerBefore = s.count('fryer-3', 'oil_temp_c');
    await eventually(() => (s.port('fryer-3').errors.garbage ?? 0) >= 3, 'garbage counted');
    expect(s.count('fryer-3', 'oil_temp_c')).toBeGreaterThan(fryerBefore);

    await s.devices.clearLineFault('fryer-3');
    await s.devices.lineFault('fryer-3', 'bad_checksum');
    await s.devices.lineFault('rif-1', 'bad_checksum');
    await eventually(() => (s.port('fryer-3').errors.bad_checksum ?? 0) >= 2, 'bad checksums counted');
    await eventually(() => (s.port('rif-1').errors.crc ?? 0) >= 2, 'CRC errors counted');
    const rifDuringCrc = s.count('rif-1', 'temp_c');

    await s.devices.clearLineFault('fryer-3');
    await s.devices.clearLineFault('rif-1');
    await eventually(
      () => s.count('rif-1', 'temp_c') >= rifDuringCrc + 2,
      'freezer data after the CRC errors',
    );
    const fryerAfter = s.count('fryer-3', 'oil_temp_c');
    await eventually(
      () => s.count('fryer-3', 'oil_temp_c') >= fryerAfter + 2,
      'fryer data after the bad checksums',
    );
    expect(s.port('fryer-3').linkUp).toBe(true);
  });

  it('socat killed: link down with its offline alarm; socat back: the port reopens and the alarm clears', async () => {
    const s = await serialStore();
    await eventually(() => s.online('rif-1') === true && s.online('fryer-3') === true, 'links up');
    const opensBefore = s.port('rif-1').opens;

    const rifPair = s.pairs.get('rif-1');
    if (!rifPair) throw new Error('no pty pair for rif-1');
    await rifPair.kill();
    await eventually(() => !s.port('rif-1').open, 'edge notices the vanished port');
    await eventually(() => s.online('rif-1') === false, 'rif-1 offline after the silence', 8000);
    await eventually(() => s.offlineAlarm('rif-1') !== undefined, 'offline alarm raised');
    expect(s.port('rif-1').failedOpens).toBeGreaterThan(0);
    expect(s.online('fryer-3')).toBe(true);

    await rifPair.restart();
    await s.devices.reopen('rif-1');
    const before = s.count('rif-1', 'temp_c');
    await eventually(() => s.port('rif-1').opens > opensBefore, 'edge reopened the port');
    await eventually(() => s.count('rif-1', 'temp_c') > before, 'readings again');
    await eventually(() => s.online('rif-1') === true, 'rif-1 online again');
    await eventually(() => s.offlineAlarm('rif-1') === undefined, 'offline alarm cleared');
  }, 30_000);

  it('ports that appear after the edge started are opened then, and again after they vanish and come back', async () => {
    const s = await serialStore({ portsLater: true });
    await eventually(
      () => s.port('fryer-3').failedOpens >= 2 && s.port('rif-1').failedOpens >= 2,
      'opens retried while no pty exists',
    );
    expect(s.port('fryer-3')).toMatchObject({ open: false, opens: 0 });
    expect(s.count('fryer-3', 'oil_temp_c')).toBe(0);

    await s.plugIn();
    await eventually(() => s.count('fryer-3', 'oil_temp_c') >= 3, 'fryer readings once its pty exists');
    await eventually(() => s.count('rif-1', 'temp_c') >= 3, 'freezer readings once its pty exists');
    expect(s.online('fryer-3')).toBe(true);
    expect(s.port('fryer-3').opens).toBe(1);

    const fryerPair = s.pairs.get('fryer-3');
    if (!fryerPair) throw new Error('no pty pair for fryer-3');
    await fryerPair.kill();
    await eventually(() => !s.port('fryer-3').open, 'edge notices the vanished port');
    await fryerPair.restart();
    await s.devices.reopen('fryer-3');
    await eventually(() => s.port('fryer-3').opens === 2, 'edge reopened the port');
    const before = s.count('fryer-3', 'oil_temp_c');
    await eventually(() => s.count('fryer-3', 'oil_temp_c') >= before + 3, 'fryer readings again');
    expect(s.online('fryer-3')).toBe(true);
  }, 30_000);
});
