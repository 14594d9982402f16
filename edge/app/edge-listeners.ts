import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Logger } from '../../shared/server/runtime/logger';
import { attachWebSocketUpgrade } from '../api/websocket-upgrade';
import type { EdgeBroker } from '../broker/edge-broker';
import type { StoreTls } from '../tls/store-tls';
import { HttpsListener } from '../tls/tls-listener';
import type { Running } from './edge-lifecycle';

/** MQTT: the plain listener unless `tls.plainMqtt` is off (its port is then 0), and MQTT over TLS when TLS is on. */
export async function listenMqtt(
  broker: EdgeBroker,
  tls: StoreTls | undefined,
  at: { plain: boolean; port: number; tlsPort: number; host: string },
): Promise<{ mqttPort: number; mqttsPort: number | undefined }> {
  const { host } = at;
  const { port: plainMqttPort } = await broker.start({ port: at.plain ? at.port : null, host });
  const mqttPort = plainMqttPort ?? 0;
  const mqttsPort = tls
    ? (await broker.listenTls({ port: at.tlsPort, host, credentials: tls })).port
    : undefined;
  return { mqttPort, mqttsPort };
}

/**
 * HTTP with MQTT over WebSocket on `/mqtt`: plain unless `tls.plainHttp` is off (its port
 * is then 0), and HTTPS/WSS when TLS is on. What listens is kept on `running` to be closed.
 */
export async function listenHttp(
  running: Running,
  api: FastifyInstance,
  log: Logger,
  at: { plain: boolean; port: number; tlsPort: number; host: string },
): Promise<{ httpPort: number; httpsPort: number | undefined }> {
  const { broker, tls } = running;
  const { host } = at;
  const toBroker = (stream: Duplex, req: IncomingMessage) => broker.handleWebSocket(stream, req);
  const wsLog = log.child({ ns: 'mqtt.ws' });
  const wsOptions = {
    onRefused: (reason: string, req: IncomingMessage) =>
      wsLog.warn({ remote: req.socket.remoteAddress, reason }, 'WebSocket refused: foreign origin'),
  };
  let httpPort = 0;
  if (at.plain) {
    running.mqttOverWebSocket = attachWebSocketUpgrade(api.server, '/mqtt', toBroker, wsOptions);
    await api.listen({ port: at.port, host });
    const address = api.server.address();
    httpPort = typeof address === 'object' && address ? address.port : at.port;
    log.info(`http listening on ${host}:${httpPort}`);
  } else {
    await api.ready();
  }
  let httpsPort: number | undefined;
  if (tls) {
    // The same fastify instance answers over TLS: one set of routes, hooks and headers.
    const https = new HttpsListener(tls, log, (req, res) => api.routing(req, res));
    running.https = https;
    running.mqttOverWss = attachWebSocketUpgrade(https.server, '/mqtt', toBroker, wsOptions);
    httpsPort = await https.listen(at.tlsPort, host, 'https');
    running.httpsPort = httpsPort;
  }
  return { httpPort, httpsPort };
}
