import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { faults } from '../../shared/server/runtime/fault-containment';
import { connectClient } from '../../shared/server/testing/mqtt-clients';
import { type MqttEdge, startMqttEdge } from '../testing/mqtt-edge';

/** One message must never take the store down: whatever it holds, the next good one is stored. */
describe('EdgeBroker contains what a message or a listener throws', () => {
  let edge: MqttEdge;
  let fryer: MqttClient;
  const uncaught: unknown[] = [];
  const record = (err: unknown) => uncaught.push(err);

  function readingCount(): number {
    return (
      edge.db.prepare("SELECT count(*) AS n FROM readings WHERE equipment_id = 'fryer-1'").get() as {
        n: number;
      }
    ).n;
  }

  beforeEach(async () => {
    uncaught.length = 0;
    process.on('uncaughtException', record);
    edge = await startMqttEdge();
    fryer = await connectClient(edge.port, { username: 'fryer-1', password: edge.provision('fryer-1') });
  });
  afterEach(async () => {
    fryer.end(true);
    await edge.stop();
    process.off('uncaughtException', record);
  });

  it.each([
    ['1e16', '1e16'],
    ['1e308', '1e308'],
    ['2^53-1', String(Number.MAX_SAFE_INTEGER)],
    ['nanoseconds', String(Date.now() * 1_000_000)],
  ])('refuses telemetry and events with ts %s and keeps serving', async (_name, ts) => {
    const t = `galley/${edge.storeId}/fryer-1`;
    await fryer.publishAsync(`${t}/telemetry`, `{"ts":${ts},"readings":{"oil_temp_c":178}}`, { qos: 1 });
    await fryer.publishAsync(`${t}/event`, `{"ts":${ts},"code":"E1"}`, { qos: 1 });
    await fryer.publishAsync(
      `${t}/telemetry`,
      JSON.stringify({ ts: Date.now(), readings: { oil_temp_c: 179 } }),
      {
        qos: 1,
      },
    );
    expect(readingCount()).toBe(1);
    expect(edge.pipeline.rejections.count('fryer-1', 'future_timestamp')).toBe(2);
    expect(fryer.connected).toBe(true);
    expect(uncaught).toEqual([]);
  });

  it('a bus listener that throws neither ends the process nor stops ingest', async () => {
    const before = faults.count('bus_listener');
    const off = edge.bus.on('readingsCommitted', () => {
      throw new Error('listener bug');
    });
    const t = `galley/${edge.storeId}/fryer-1/telemetry`;
    await fryer.publishAsync(t, JSON.stringify({ ts: Date.now() - 1000, readings: { oil_temp_c: 178 } }), {
      qos: 1,
    });
    await fryer.publishAsync(t, JSON.stringify({ ts: Date.now(), readings: { oil_temp_c: 179 } }), {
      qos: 1,
    });
    off();
    expect(readingCount()).toBe(2);
    expect(faults.count('bus_listener')).toBeGreaterThan(before);
    expect(uncaught).toEqual([]);
  });
});
