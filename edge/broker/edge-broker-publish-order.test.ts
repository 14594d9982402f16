import { afterEach, describe, expect, it } from 'vitest';
import { collect, connectClient } from '../../shared/server/testing/mqtt-clients';
import { topics } from '../../shared/topics';
import { type MqttEdge, startMqttEdge } from '../testing/mqtt-edge';

let edge: MqttEdge | undefined;
afterEach(async () => {
  await edge?.stop();
  edge = undefined;
});

describe('the edge publishes under _edge in the order it publishes', () => {
  it('a retained or QoS 1 message is not overtaken, and so not lost, by one published right after it', async () => {
    const e = await startMqttEdge({
      displayToken: 'display-token-1',
      integrations: [
        { username: 'bms', secret: 'bms-secret', acl: [{ topic: 'galley/%s/_edge/#', access: 'read' }] },
      ],
    });
    edge = e;
    const bms = await connectClient(e.port, { username: 'bms', password: 'bms-secret' });
    const display = await connectClient(e.port, { username: 'display', password: 'display-token-1' });
    const atQos1 = collect(bms);
    const atQos0 = collect(display);
    await bms.subscribeAsync(`${topics.edgeRoot(e.storeId)}/#`, { qos: 1 });
    await display.subscribeAsync(`${topics.edgeRoot(e.storeId)}/#`, { qos: 0 });

    // One turn of the event loop, as when a reading raises an alarm and opens its ticket:
    // aedes drops, per subscriber, a message numbered below one it already forwarded.
    const sent = [
      { topic: topics.edge(e.storeId, 'alarms', 'fryer-3'), retain: true, qos: 1 },
      { topic: topics.edgeTelemetry(e.storeId, 'fryer-3'), retain: false, qos: 0 },
      { topic: topics.edgeTicket(e.storeId, 7), retain: false, qos: 1 },
      { topic: topics.edgeTelemetry(e.storeId, 'rif-1'), retain: false, qos: 0 },
      { topic: topics.edge(e.storeId, 'alarms', 'rif-1'), retain: true, qos: 1 },
      { topic: topics.edgeTicket(e.storeId, 8), retain: false, qos: 1 },
    ] as const;
    const routed = sent.map((m, i) => e.broker.publish(m.topic, `{"n":${i}}`, m));
    await Promise.all(routed);

    for (const got of [atQos1, atQos0]) {
      const messages = await got.waitFor(sent.length);
      expect(messages.map((m) => [m.topic, m.payload.toString()])).toEqual(
        sent.map((m, i) => [m.topic, `{"n":${i}}`]),
      );
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(atQos1.messages).toHaveLength(sent.length);
    await bms.endAsync();
    await display.endAsync();
  });

  it('a publish held back behind another is refused, not lost silently, when the broker stops meanwhile', async () => {
    const e = await startMqttEdge();
    edge = e;
    // Stops on the turn after the first publish has reached the router, before the second goes out.
    const stopped = new Promise<void>((resolve) => setImmediate(() => void e.broker.stop().then(resolve)));
    const first = e.broker.publish(topics.edge(e.storeId, 'alarms', 'fryer-3'), '{}', {
      retain: true,
      qos: 1,
    });
    const held = e.broker.publish(topics.edgeTicket(e.storeId, 1), '{}', { qos: 1 });
    await expect(held).rejects.toMatchObject({ code: 'BROKER_NOT_RUNNING' });
    await first.catch(() => undefined);
    await stopped;
  });
});
