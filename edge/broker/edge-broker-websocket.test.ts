import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import mqtt from 'mqtt';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { collect, within } from '../../shared/server/testing/mqtt-clients';
import { type MqttEdge, startMqttEdge } from '../testing/mqtt-edge';

describe('EdgeBroker over WebSocket', () => {
  let edge: MqttEdge;
  let http: Server;
  let wss: WebSocketServer;
  let url: string;

  beforeEach(async () => {
    edge = await startMqttEdge({ displayToken: 'board-token' });
    // the way the edge's HTTP server hands `/mqtt` upgrades to the broker
    wss = new WebSocketServer({ noServer: true });
    http = createServer();
    http.on('upgrade', (req, socket, head) => {
      if (req.url !== '/mqtt') {
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) =>
        edge.broker.handleWebSocket(createWebSocketStream(ws), req),
      );
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    url = `ws://127.0.0.1:${(http.address() as AddressInfo).port}/mqtt`;
  });
  afterEach(async () => {
    await edge.stop();
    wss.close();
    await new Promise<void>((resolve) => http.close(() => resolve()));
  });

  it('the display logs in with its token and sees device telemetry; stop closes it', async () => {
    const board = mqtt.connect(url, { username: 'display', password: 'board-token', reconnectPeriod: 0 });
    await within(new Promise((resolve) => board.once('connect', resolve)), 5000, 'ws CONNACK');
    const seen = collect(board);
    await board.subscribeAsync(`galley/${edge.storeId}/+/telemetry`);
    const secret = edge.provision('fryer-1');
    const fryer = await mqtt.connectAsync(`mqtt://127.0.0.1:${edge.port}`, {
      username: 'fryer-1',
      password: secret,
      reconnectPeriod: 0,
    });
    await fryer.publishAsync(
      `galley/${edge.storeId}/fryer-1/telemetry`,
      JSON.stringify({ ts: Date.now(), readings: { oil_temp_c: 177 } }),
      { qos: 1 },
    );
    const [message] = await seen.waitFor(1);
    expect(JSON.parse(message?.payload.toString() ?? '{}').readings.oil_temp_c).toBe(177);
    const closed = new Promise<void>((resolve) => board.once('close', () => resolve()));
    await edge.broker.stop();
    await within(closed, 5000, 'the WebSocket client to be closed by stop()');
    fryer.end(true);
  });

  it('refuses a bad display token over WebSocket with CONNACK 4', async () => {
    const board = mqtt.connect(url, { username: 'display', password: 'guess', reconnectPeriod: 0 });
    const err = await within(new Promise<Error>((resolve) => board.once('error', resolve)), 5000, 'refusal');
    expect((err as Error & { code?: number }).code).toBe(4);
    board.end(true);
  });
});
