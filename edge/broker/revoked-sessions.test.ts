import type { MqttClient } from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectClient } from '../../shared/server/testing/mqtt-clients';
import { type MqttEdge, startMqttEdge } from '../testing/mqtt-edge';
import { REVOKED_SESSION_SWEEP_MS } from './revoked-sessions';

const closed = (client: MqttClient) =>
  new Promise<number>((resolve) => client.once('close', () => resolve(Date.now())));

/** A credential revoked while its device is connected ends the session too, not only the next CONNECT. */
describe('sessions of revoked credentials', () => {
  let edge: MqttEdge;
  const clients: MqttClient[] = [];

  beforeEach(async () => {
    edge = await startMqttEdge();
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.end(true);
    await edge.stop();
  });

  it('closes a connected device within one sweep of its revocation, and leaves the others connected', async () => {
    const connect = async (id: string) => {
      const client = await connectClient(edge.port, {
        username: id,
        password: edge.provision(id),
        reconnectPeriod: 0,
      });
      clients.push(client);
      return client;
    };
    const fryer = await connect('fryer-1');
    const cooler = await connect('fryer-2');
    let coolerClosed = false;
    cooler.once('close', () => {
      coolerClosed = true;
    });
    const fryerClosed = closed(fryer);
    const revokedAt = Date.now();
    edge.credentials.revoke('fryer-1');
    const at = await fryerClosed;
    expect(at - revokedAt).toBeLessThanOrEqual(REVOKED_SESSION_SWEEP_MS + 1_500);
    expect(coolerClosed).toBe(false);
    expect(cooler.connected).toBe(true);
  }, 15_000);
});
