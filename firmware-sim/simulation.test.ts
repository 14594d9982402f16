import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TelemetryMessage } from '../shared/device-messages';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { silentLogger } from '../shared/server/runtime/logger';
import { Simulation } from './simulation';
import { subscriber, TestBroker, waitUntil } from './testing/aedes-broker';

const config = loadStoreConfig(fileURLToPath(new URL('../config/demo-store.yaml', import.meta.url)));
const mqttEquipment = config.equipment.filter((e) => e.protocol === 'mqtt').map((e) => e.id);
const credentials: Record<string, string> = Object.fromEntries(
  mqttEquipment.map((id) => [id, `secret-${id}`]),
);
credentials.watcher = 'watcher-secret';
const watcher = { username: 'watcher', password: 'watcher-secret' };
const START = Date.parse('2026-01-05T08:00:00Z');

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(speed: number) {
  const broker = await new TestBroker(credentials).start();
  cleanups.push(() => broker.stop());
  const sub = await subscriber(broker.url, `galley/${config.store.id}/#`, watcher);
  cleanups.push(() => sub.close());
  const sim = new Simulation({
    config,
    mqttUrl: broker.url,
    credentials: (id) => credentials[id],
    logger: silentLogger(),
    seed: 5,
    speed,
    startEpochMs: START,
    tickMs: 20,
    controlPort: 0,
  });
  cleanups.push(() => sim.stop());
  await sim.start();
  const control = `http://127.0.0.1:${sim.controlPort}`;
  return { broker, sub, sim, control };
}

function telemetryOf(payload: string): TelemetryMessage {
  return TelemetryMessage.parse(JSON.parse(payload));
}

const json = { 'content-type': 'application/json' };

describe('Simulation', () => {
  it('runs every MQTT device of the store with sim-time timestamps and valid telemetry', async () => {
    const { sub, sim } = await setup(60);
    await waitUntil(
      () => sim.status().totals.connected === mqttEquipment.length,
      10_000,
      'all devices connected',
    );
    for (const id of ['wic-1', 'fryer-1', 'dish-1', 'meter-main']) {
      const message = await sub.waitFor((m) => m.topic === `galley/${config.store.id}/${id}/telemetry`);
      const telemetry = telemetryOf(message.payload);
      expect(telemetry.ts).toBeGreaterThanOrEqual(START);
      // Sim time, not wall time: the run started in January 2026.
      expect(Number(telemetry.ts)).toBeLessThan(START + 3_600_000);
    }
    expect(sub.received.some((m) => m.topic.endsWith('/rif-1/telemetry'))).toBe(false); // Modbus, not MQTT
  });

  it('takes live faults over HTTP: inject, status, clear, and clear errors', async () => {
    const { sub, sim, control } = await setup(60);
    await waitUntil(
      () => sim.status().totals.connected === mqttEquipment.length,
      10_000,
      'all devices connected',
    );

    const injected = await fetch(`${control}/faults`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ equipmentId: 'wic-1', fault: 'door_ajar' }),
    });
    expect(injected.status).toBe(201);
    expect(await injected.json()).toEqual({
      equipmentId: 'wic-1',
      faults: [{ fault: 'door_ajar', params: { opening: 1, switchDetects: true } }],
    });
    const warm = await sub.waitFor((m) => {
      if (!m.topic.endsWith('/wic-1/telemetry')) return false;
      const t = telemetryOf(m.payload);
      return t.readings.door_open === true && Number(t.readings.temp_c) > 5;
    }, 10_000);
    expect(warm).toBeDefined();

    const status = await (await fetch(`${control}/status`)).json();
    const wic = status.devices.find((d: { equipmentId: string }) => d.equipmentId === 'wic-1');
    expect(wic.faults).toEqual([{ fault: 'door_ajar', params: { opening: 1, switchDetects: true } }]);

    const cleared = await fetch(`${control}/faults/wic-1`, { method: 'DELETE' });
    expect(await cleared.json()).toEqual({ equipmentId: 'wic-1', faults: [] });

    const post = (body: unknown) =>
      fetch(`${control}/faults`, { method: 'POST', headers: json, body: JSON.stringify(body) });
    expect((await post({ equipmentId: 'nope', fault: 'door_ajar' })).status).toBe(404);
    expect((await post({ equipmentId: 'hood-1', fault: 'low_rinse_temp' })).status).toBe(409);
    expect((await post({ equipmentId: 'wic-1', fault: 'meteor_strike' })).status).toBe(400);
    expect(
      (await post({ equipmentId: 'dish-1', fault: 'low_rinse_temp', params: { rinseTempC: 'x' } })).status,
    ).toBe(400);
    expect((await fetch(`${control}/nothing`)).status).toBe(404);
  });

  it('reports maker fault codes on the event topic and goes silent on network loss', async () => {
    const { sub, sim } = await setup(10);
    await waitUntil(
      () => sim.status().totals.connected === mqttEquipment.length,
      10_000,
      'all devices connected',
    );

    sim.inject('oven-1', { fault: 'maker_fault', params: {} });
    const event = await sub.waitFor((m) => m.topic.endsWith('/oven-1/event'));
    expect(JSON.parse(event.payload)).toMatchObject({ code: 'E34' });

    sim.inject('fryer-1', { fault: 'network_loss', params: {} });
    await sub.waitFor((m) => m.topic.endsWith('/fryer-1/status') && m.payload === '{"online":false}');
    const silentFrom = sub.received.length;
    await waitUntil(
      () => sim.status().devices.find((d) => d.equipmentId === 'fryer-1')?.buffered === 2,
      10_000,
    );
    expect(sub.received.slice(silentFrom).some((m) => m.topic.endsWith('/fryer-1/telemetry'))).toBe(false);

    sim.clear('fryer-1', 'network_loss');
    await sub.waitFor(
      (m) =>
        m.topic.endsWith('/fryer-1/status') &&
        m.payload === '{"online":true}' &&
        sub.received.indexOf(m) >= silentFrom,
    );
    await waitUntil(
      () => sim.status().devices.find((d) => d.equipmentId === 'fryer-1')?.buffered === 0,
      10_000,
    );
  });
});
