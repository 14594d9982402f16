import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterEach, describe, expect, it } from 'vitest';
import { startSerialDevices } from '../firmware-sim/serial/serial-devices';
import { TicketChangeMessage, type TicketView } from '../shared/api/tickets';
import { TelemetryMessage } from '../shared/device-messages';
import { silentLogger } from '../shared/server/runtime/logger';
import { generateSecret, hashSecret } from '../shared/server/secret-hash';
import { collect, connectClient, type Received } from '../shared/server/testing/mqtt-clients';
import { startPtyPair } from '../shared/server/testing/pty-pair';
import { topics } from '../shared/topics';
import { demoConfig, eventually, type FaultEdge, startFaultEdge } from './testing/faults-kit';

/**
 * The whole edge (EdgeApp on loopback ports) with the demo store's two serial pieces on
 * socat ptys driven by the simulator, and an integration reading the edge's subtree:
 * what the edge announces besides alarms, as the kitchen display and integrators get it.
 */

const INTEGRATION = 'bms-test';
const SECRET = generateSecret();

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function announcingStore(): Promise<{ edge: FaultEdge; received: ReturnType<typeof collect> }> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const config = demoConfig((c) => ({
    ...c,
    equipment: c.equipment.map((e) =>
      e.serial ? { ...e, serial: { ...e.serial, path: join(dir, e.id), pollIntervalMs: 200 } } : e,
    ),
    integrations: [
      {
        username: INTEGRATION,
        secretHash: hashSecret(SECRET, 'sha256'),
        acl: [{ topic: 'galley/%s/_edge/#', access: 'read' as const }],
      },
    ],
  }));
  for (const e of config.equipment) {
    if (!e.serial) continue;
    const pair = await startPtyPair(e.serial.path, `${e.serial.path}.device`);
    cleanups.push(() => pair.stop());
  }
  const edge = await startFaultEdge(config);
  cleanups.push(() => edge.stop());
  const client: MqttClient = await connectClient(edge.mqttPort, { username: INTEGRATION, password: SECRET });
  cleanups.push(() => client.endAsync(true));
  const received = collect(client);
  await client.subscribeAsync(`${topics.edgeRoot(edge.storeId)}/#`, { qos: 1 });
  return { edge, received };
}

const on = (received: ReturnType<typeof collect>, topic: string): Received[] =>
  received.messages.filter((m) => m.topic === topic);

describe('what the edge announces under galley/{storeId}/_edge/', () => {
  it('a ticket reported and moved over the HTTP API: one announcement per step, with its status', async () => {
    const { edge, received } = await announcingStore();
    const ticket = await edge.api.ok<TicketView>('POST', '/api/tickets', {
      equipmentId: 'dish-1',
      fault: 'rinse arm blocked',
    });
    const topic = topics.edgeTicket(edge.storeId, ticket.id);
    await eventually(() => (on(received, topic).length >= 1 ? true : undefined));
    await edge.api.ok('POST', `/api/tickets/${ticket.id}/transitions`, {
      to: 'assigned',
      assignee: 'tech-wang',
    });
    await eventually(() => (on(received, topic).length >= 2 ? true : undefined));
    await new Promise((r) => setTimeout(r, 200));

    const changes = on(received, topic).map((m) =>
      TicketChangeMessage.parse(JSON.parse(m.payload.toString())),
    );
    expect(changes.map((c) => c.status)).toEqual(['open', 'assigned']);
    expect(changes[1]).toMatchObject({ ticketId: ticket.id, equipmentId: 'dish-1' });
    expect(on(received, topic).every((m) => m.qos === 1 && !m.retain)).toBe(true);
    const [stored] = (await edge.api.tickets('status=open')).filter((t) => t.id === ticket.id);
    expect(stored?.status).toBe('assigned');
  });

  it('readings of the serial fryer and freezer, stored, as the telemetry an MQTT device would send', async () => {
    const { edge, received } = await announcingStore();
    const devices = await startSerialDevices({
      config: edge.config,
      logger: silentLogger(),
      seed: 3,
      frameIntervalMs: 200,
    });
    cleanups.push(() => devices.stop());
    const fryer = topics.edgeTelemetry(edge.storeId, 'fryer-3');
    const freezer = topics.edgeTelemetry(edge.storeId, 'rif-1');
    await eventually(
      () => (on(received, fryer).length >= 2 && on(received, freezer).length >= 2 ? true : undefined),
      8000,
    );

    const db = edge.app.database;
    for (const [equipmentId, topic, metric] of [
      ['fryer-3', fryer, 'oil_temp_c'],
      ['rif-1', freezer, 'temp_c'],
    ] as const) {
      const [first] = on(received, topic);
      expect(first).toMatchObject({ qos: 0, retain: false });
      const message = TelemetryMessage.parse(JSON.parse(first!.payload.toString()));
      const stored = db
        .prepare('SELECT value FROM readings WHERE equipment_id = ? AND metric = ? AND ts = ?')
        .get(equipmentId, metric, message.ts) as { value: number } | undefined;
      expect(stored?.value).toBe(message.readings[metric]);
    }
    // Nothing else is repeated there: only the serial pieces have an _edge/telemetry topic.
    const telemetryTopics = new Set(
      received.messages
        .map((m) => m.topic)
        .filter((t) => t.startsWith(`${topics.edgeRoot(edge.storeId)}/telemetry/`)),
    );
    expect([...telemetryTopics].sort()).toEqual([fryer, freezer]);
  });
});
