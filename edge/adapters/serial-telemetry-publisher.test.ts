import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../shared/config/store-config';
import { TelemetryMessage } from '../../shared/device-messages';
import { systemClock } from '../../shared/server/runtime/clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { collect, connectClient, type Received, within } from '../../shared/server/testing/mqtt-clients';
import { startPtyPair } from '../../shared/server/testing/pty-pair';
import { topics } from '../../shared/topics';
import { startMqttEdge } from '../testing/mqtt-edge';
import { SerialAdapters } from './serial-adapters';
import { encodeFryerFrame, type FryerFrame } from './serial-ascii/frame';
import { serialSourceId } from './serial-link-deps';
import { SerialTelemetryPublisher } from './serial-telemetry-publisher';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * The broker on loopback with real SQLite and ingest, the serial adapters on a socat pty
 * for the demo's legacy fryer (fryer-3; the freezer's port is left absent), the readings
 * published as the edge app wires it, and the kitchen display subscribed as it does.
 */
async function serialEdge() {
  const edge = await startMqttEdge({ displayToken: 'display-token-1' });
  cleanups.push(() => edge.stop());
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config: StoreConfig = {
    ...edge.config,
    equipment: edge.config.equipment.map((e) =>
      e.serial ? { ...e, serial: { ...e.serial, path: join(dir, e.id === 'fryer-3' ? e.id : 'absent') } } : e,
    ),
  };
  const pair = await startPtyPair(join(dir, 'fryer-3'), join(dir, 'fryer-3.device'));
  cleanups.push(() => pair.stop());
  const controller = new SerialPort({ path: pair.devicePath, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => controller.open((err) => (err ? reject(err) : resolve())));
  cleanups.push(() => new Promise((resolve) => controller.close(() => resolve(undefined))));

  const logger = silentLogger();
  const reader = new BetterSqlite3(edge.db.name, { readonly: true });
  cleanups.push(() => reader.close());
  const storedAt = reader.prepare<[string, number], { n: number }>(
    'SELECT count(*) AS n FROM readings WHERE equipment_id = ? AND ts = ?',
  );
  /** readings another connection saw stored for each message as it was published */
  const storedWhenPublished: number[] = [];
  const publisher = new SerialTelemetryPublisher({
    config,
    bus: edge.bus,
    logger,
    publish: (topic, payload, options) => {
      const { ts } = TelemetryMessage.parse(JSON.parse(payload));
      storedWhenPublished.push(storedAt.get(topic.split('/').at(-1) ?? '', Number(ts))?.n ?? 0);
      edge.broker.publish(topic, payload, options).catch(() => undefined);
    },
  });
  publisher.start();
  cleanups.push(() => publisher.stop());
  const adapters = new SerialAdapters({
    config,
    pipeline: edge.pipeline,
    clock: systemClock,
    logger,
    backoff: { initialMs: 50, maxMs: 200, factor: 2 },
  });
  adapters.start();
  cleanups.push(() => adapters.stop());
  await eventually(
    () => adapters.stats().some((s) => s.equipmentId === 'fryer-3' && s.open),
    'fryer port open',
  );

  const display = await connectClient(edge.port, { username: 'display', password: 'display-token-1' });
  cleanups.push(() => display.endAsync(true));
  const received = collect(display);
  await display.subscribeAsync([topics.telemetry(edge.storeId, '+'), `${topics.edgeRoot(edge.storeId)}/#`], {
    qos: 0,
  });
  const send = (frame: FryerFrame) =>
    new Promise<void>((resolve, reject) =>
      controller.write(encodeFryerFrame(frame), (err) => (err ? reject(err) : resolve())),
    );
  const onEdgeTopic = (equipmentId: string) =>
    received.messages.filter((m) => m.topic === topics.edgeTelemetry(edge.storeId, equipmentId));
  return { edge, send, received, onEdgeTopic, publisher, storedWhenPublished, fryerPath: pair.edgePath };
}

const telemetry = (m: Received) => TelemetryMessage.parse(JSON.parse(m.payload.toString()));

describe('serial readings published on galley/{storeId}/_edge/telemetry/{equipmentId}', () => {
  it('a fryer frame on the serial line reaches MQTT as the telemetry it was stored as, after its commit', async () => {
    const s = await serialEdge();
    await s.send({ oilTempC: 176.4, state: 'HEAT', errorCode: 0, oilLifePct: 83.5 });
    await eventually(() => s.onEdgeTopic('fryer-3').length >= 1, 'the reading on _edge/telemetry/fryer-3');

    const [message] = s.onEdgeTopic('fryer-3');
    expect(message).toMatchObject({ qos: 0, retain: false });
    const reading = telemetry(message!);
    expect(reading.readings).toEqual({ oil_temp_c: 176.4, heating_on: true, oil_life_pct: 83.5 });
    const stored = s.edge.db
      .prepare("SELECT metric, value, ts FROM readings WHERE equipment_id = 'fryer-3' ORDER BY metric")
      .all();
    expect(stored).toEqual([
      { metric: 'heating_on', value: 1, ts: reading.ts },
      { metric: 'oil_life_pct', value: 83.5, ts: reading.ts },
      { metric: 'oil_temp_c', value: 176.4, ts: reading.ts },
    ]);
    // All three readings were already visible to another connection when the message went out.
    expect(s.storedWhenPublished).toEqual([3]);
  });

  it("MQTT devices' own telemetry is not repeated under _edge, and a refused serial frame is not published", async () => {
    const s = await serialEdge();
    const secret = s.edge.provision('fryer-1');
    const fryer1 = await connectClient(s.edge.port, { username: 'fryer-1', password: secret });
    cleanups.push(() => fryer1.endAsync(true));
    const own = JSON.stringify({ ts: Date.now(), readings: { oil_temp_c: 178, heating_on: false } });
    await within(fryer1.publishAsync(topics.telemetry(s.edge.storeId, 'fryer-1'), own, { qos: 1 }), 5000);
    // 400 °C is above the fryer's physical maximum: refused by ingest, never stored or published.
    await s.send({ oilTempC: 400, state: 'HEAT', errorCode: 0 });
    await s.send({ oilTempC: 172, state: 'HOLD', errorCode: 0 });
    await eventually(() => s.onEdgeTopic('fryer-3').length >= 1, 'the valid frame published');
    await new Promise((r) => setTimeout(r, 100));

    expect(s.received.messages.map((m) => m.topic)).toEqual([
      topics.telemetry(s.edge.storeId, 'fryer-1'),
      topics.edgeTelemetry(s.edge.storeId, 'fryer-3'),
    ]);
    expect(telemetry(s.onEdgeTopic('fryer-3')[0]!).readings).toEqual({ oil_temp_c: 172, heating_on: false });
    expect(s.edge.pipeline.rejections.count(serialSourceId(s.fryerPath), 'out_of_range')).toBe(1);
    expect(s.publisher.stats).toEqual({ published: 1, publishErrors: 0 });
  });
});
