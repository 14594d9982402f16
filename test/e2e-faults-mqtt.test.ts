import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EquipmentAlarmsMessage } from '../shared/api/alarms';
import type { RejectionCount } from '../shared/rejection-reasons';
import { generateSecret, hashSecret } from '../shared/server/secret-hash';
import { collect, connectClient, mosquittoSub } from '../shared/server/testing/mqtt-clients';
import { topics } from '../shared/topics';
import { type Device, demoConfig, eventually, type FaultEdge, startFaultEdge } from './testing/faults-kit';

const INTEGRATION = 'bms-test';
const SECRET = generateSecret();

/** Only the walk-in cooler, its temp_high raising at once, and a read-only integration on the edge subtree. */
function config() {
  return demoConfig((c) => ({
    ...c,
    equipment: c.equipment
      .filter((e) => e.id === 'wic-1')
      .map((e) => ({
        ...e,
        rules: [
          {
            id: 'temp_high',
            kind: 'threshold' as const,
            title: { en: 'Cooler above 5 °C', 'zh-CN': '冷藏库温度高于 5 °C' },
            severity: 'critical' as const,
            metric: 'temp_c',
            raise: { op: '>' as const, value: 5 },
            clear: { op: '<' as const, value: 4 },
          },
        ],
      })),
    integrations: [
      {
        username: INTEGRATION,
        secretHash: hashSecret(SECRET, 'sha256'),
        acl: [{ topic: 'galley/%s/_edge/#', access: 'read' as const }],
      },
    ],
  }));
}

let edge: FaultEdge;
let cooler: Device;
const clients: MqttClient[] = [];

beforeEach(async () => {
  edge = await startFaultEdge(config());
  cooler = await edge.device('wic-1');
});

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.endAsync(true)));
  await edge?.stop();
});

async function integration(): Promise<MqttClient> {
  const client = await connectClient(edge.mqttPort, { username: INTEGRATION, password: SECRET });
  clients.push(client);
  return client;
}

function alarmsTopic(equipmentId = 'wic-1'): string {
  return topics.edge(edge.storeId, 'alarms', equipmentId);
}

describe('alarms published under the edge-owned MQTT subtree', () => {
  it('an integration subscribed live sees the raise and the clear of the alarm', async () => {
    const live = await integration();
    const got = collect(live);
    await live.subscribeAsync(alarmsTopic('+'), { qos: 1 });

    await cooler.telemetry({ temp_c: 9 });
    const [raised] = await got.waitFor(1);
    expect(raised!.topic).toBe(alarmsTopic());
    const message = EquipmentAlarmsMessage.parse(JSON.parse(raised!.payload.toString()));
    expect(message.change.type).toBe('raised');
    expect(message.alarms).toEqual([
      expect.objectContaining({
        rule: 'temp_high',
        severity: 'critical',
        state: 'active_unacked',
        raisedValue: 9,
      }),
    ]);

    await cooler.telemetry({ temp_c: 3 });
    const messages = await got.waitFor(2);
    const cleared = EquipmentAlarmsMessage.parse(JSON.parse(messages[1]!.payload.toString()));
    expect(cleared.change).toMatchObject({ type: 'cleared', alarmId: message.change.alarmId });
    expect(cleared.alarms[0]).toMatchObject({ state: 'cleared_unacked', lastValue: 3 });
  });

  it('the alarm is retained: an integration subscribing afterwards gets it, and so does mosquitto_sub', async () => {
    await cooler.telemetry({ temp_c: 9 });
    const late = await integration();
    const got = collect(late);
    await late.subscribeAsync(alarmsTopic('+'), { qos: 1 });
    const [retained] = await got.waitFor(1);
    expect(retained).toMatchObject({ topic: alarmsTopic(), retain: true });
    const message = EquipmentAlarmsMessage.parse(JSON.parse(retained!.payload.toString()));
    expect(message.alarms.map((a) => [a.rule, a.state])).toEqual([['temp_high', 'active_unacked']]);

    const sub = mosquittoSub([
      ...['-h', '127.0.0.1', '-p', String(edge.mqttPort), '-u', INTEGRATION, '-P', SECRET],
      ...['-t', alarmsTopic(), '-C', '1', '-v', '-W', '5'],
    ]);
    const [line] = await sub.waitForLines(1);
    expect(line?.startsWith(`${alarmsTopic()} `)).toBe(true);
    const fromCli = EquipmentAlarmsMessage.parse(JSON.parse(line!.slice(alarmsTopic().length + 1)));
    expect(fromCli.alarms[0]?.rule).toBe('temp_high');
    expect(await sub.exited).toBe(0);
  });

  it('a device cannot publish there: its forged alarm is dropped and counted, the retained one stays', async () => {
    await cooler.telemetry({ temp_c: 9 });
    const refusedTopics = async () => {
      const { body } = await edge.api.request<RejectionCount[]>('GET', '/api/ingest/rejections');
      return body.find((r) => r.clientId === 'wic-1' && r.reason === 'topic_not_allowed')?.count ?? 0;
    };
    const refusedBefore = await refusedTopics();
    const forged = JSON.stringify({ equipmentId: 'wic-1', alarms: [] });
    await cooler.client.publishAsync(alarmsTopic(), forged, { qos: 1, retain: true });
    await cooler.client.publishAsync(alarmsTopic('wif-1'), forged, { qos: 1, retain: true });
    expect(cooler.client.connected, 'dropped, not disconnected').toBe(true);

    const late = await integration();
    const got = collect(late);
    await late.subscribeAsync(alarmsTopic('+'), { qos: 1 });
    await got.waitFor(1);
    // Anything the forgeries left retained would arrive with the edge's own retained message.
    await new Promise((r) => setTimeout(r, 200));
    expect(got.messages).toHaveLength(1);
    const kept = EquipmentAlarmsMessage.parse(JSON.parse(got.messages[0]!.payload.toString()));
    expect(kept.alarms.map((a) => a.rule)).toEqual(['temp_high']);
    await eventually(async () => ((await refusedTopics()) >= refusedBefore + 2 ? true : undefined));
    expect(await refusedTopics()).toBe(refusedBefore + 2);
  });

  it('a device may not subscribe to the edge subtree, and the integration may not write to it', async () => {
    const deviceGot = collect(cooler.client);
    // SUBACK 0x80: mqtt.js turns the refusal into an error.
    await expect(
      cooler.client.subscribeAsync(`${topics.edgeRoot(edge.storeId)}/#`, { qos: 1 }),
    ).rejects.toThrow(/Subscribe error/);

    const bms = await integration();
    const got = collect(bms);
    await bms.subscribeAsync(alarmsTopic('+'), { qos: 1 });
    await bms.publishAsync(alarmsTopic('wif-1'), '{"forged":true}', { qos: 1, retain: true });
    await cooler.telemetry({ temp_c: 9 });
    const [only] = await got.waitFor(1);
    expect(only!.topic, 'the edge alarm, not the forgery').toBe(alarmsTopic());
    await new Promise((r) => setTimeout(r, 200));
    expect(got.messages).toHaveLength(1);
    expect(deviceGot.messages).toEqual([]);
  });
});
