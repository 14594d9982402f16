import type { EventEmitter } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { Aedes, type Client } from 'aedes';
import type { StoreConfig } from '../../shared/config/store-config';
import type { Clock } from '../../shared/server/runtime/clock';
import { faults } from '../../shared/server/runtime/fault-containment';
import type { Logger } from '../../shared/server/runtime/logger';
import { EDGE_SEGMENT, TOPIC_ROOT } from '../../shared/topics';
import type { TlsCredentialSource } from '../tls/store-tls';
import { TlsListener } from '../tls/tls-listener';
import type { BrokerContext, CredentialChecker, DeviceClaimGate, PosOrdersGate } from './broker-context';
import { BrokerStats, type BrokerStatsSnapshot } from './broker-stats';
import type { ClientIdentity } from './client-identity';
import { ConnectionGuard } from './connection-guard';
import { DevicePresence } from './device-presence';
import { guardHooks } from './hook-guard';
import { createAuthenticate, remoteAddress } from './hooks/authenticate';
import { createAuthorizePublish } from './hooks/authorize-publish';
import { createAuthorizeSubscribe } from './hooks/authorize-subscribe';
import { createPreConnect } from './hooks/pre-connect';
import type { IngestGate } from './ingest-gate';
import { createMessageRouter, type MessageRouter } from './message-router';
import { PublishOrder, publishesViaPersistence } from './publish-order';
import { closeRevokedSessions, REVOKED_SESSION_SWEEP_MS } from './revoked-sessions';

export interface EdgeBrokerDeps {
  config: StoreConfig;
  credentials: CredentialChecker;
  gate: IngestGate;
  clock: Clock;
  logger: Logger;
  /** checks an API session token presented by the display as its MQTT password */
  verifyDisplayToken: (token: string) => boolean;
  /** POS terminals' orders over MQTT; without it their topic is relayed like any integration's */
  posOrders?: PosOrdersGate;
  /** device claim at commissioning (edge/domains/commissioning/claim) */
  claims?: DeviceClaimGate;
}

export class BrokerStateError extends Error {
  readonly code = 'BROKER_NOT_RUNNING';
  constructor(what: string) {
    super(`${what}: the broker is not running`);
    this.name = 'BrokerStateError';
  }
}

export class EdgeTopicError extends Error {
  readonly code = 'NOT_EDGE_TOPIC';
  constructor(topic: string) {
    super(`the edge publishes only under ${TOPIC_ROOT}/{store}/${EDGE_SEGMENT}/…, not ${topic}`);
    this.name = 'EdgeTopicError';
  }
}

/**
 * The store's MQTT broker (aedes, MQTT 3.1.1) over TCP and WebSocket, with the
 * edge's authentication, topic ACL, limits and ingest in its hooks.
 */
export class EdgeBroker {
  readonly #deps: EdgeBrokerDeps;
  readonly #log: Logger;
  readonly #stats = new BrokerStats();
  readonly #connections = new Set<Socket | Duplex>();
  readonly #publishOrder = new PublishOrder();
  #aedes: Aedes | undefined;
  #router: MessageRouter | undefined;
  #server: Server | undefined;
  #guard: ConnectionGuard | undefined;
  #revokedSweep: ReturnType<typeof setInterval> | undefined;
  #tls: TlsListener | undefined;

  constructor(deps: EdgeBrokerDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'broker' });
  }

  /** `port: null` starts the broker without its plain TCP listener (MQTT over TLS or WebSocket only). */
  async start(opts: { port: number; host?: string }): Promise<{ port: number }>;
  async start(opts: { port: number | null; host?: string }): Promise<{ port: number | null }>;
  async start({
    port,
    host = '0.0.0.0',
  }: {
    port: number | null;
    host?: string;
  }): Promise<{ port: number | null }> {
    if (this.#aedes) throw new Error('EdgeBroker already started');
    const ctx = this.#context();
    const presence = new DevicePresence(ctx);
    const router = createMessageRouter();
    this.#router = router;
    const { limits } = this.#deps.config;
    const guard = new ConnectionGuard({
      limits,
      clock: this.#deps.clock,
      log: this.#log,
      stats: this.#stats,
    });
    this.#guard = guard;
    const aedes = await Aedes.createBroker({
      mq: router.mq,
      // The guard's deadline (shorter under pressure) comes first; this is the backstop.
      connectTimeout: limits.connectTimeoutS * 1000,
      // Relay back-pressure: a subscriber that reads nothing for this long is cut off.
      drainTimeout: 30_000,
      ...guardHooks({
        preConnect: createPreConnect(ctx),
        authenticate: createAuthenticate(ctx),
        authorizePublish: createAuthorizePublish(ctx),
        authorizeSubscribe: createAuthorizeSubscribe(ctx),
      }),
    });
    this.#aedes = aedes;
    aedes.on('client', (client) => guard.established(client.conn));
    const connected = new Set<Client>();
    aedes.on('client', (client) => connected.add(client));
    aedes.on('clientDisconnect', (client) => connected.delete(client));
    this.#revokedSweep = setInterval(() => closeRevokedSessions(connected, ctx), REVOKED_SESSION_SWEEP_MS);
    this.#revokedSweep.unref();
    this.#observe(aedes, ctx, presence);

    if (port === null) return { port: null };
    const server = createServer((socket) => this.#accept(socket));
    this.#server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.#log.error({ err }, 'mqtt listener error'));
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    this.#log.info({ host, port: bound }, `mqtt listening on ${host}:${bound}`);
    return { port: bound };
  }

  /**
   * MQTT over TLS (8883) beside the plain listener, after `start()`: the same
   * broker, and each connection goes through the same accept path once its
   * handshake is done. Follows the credential source when the certificate is renewed.
   */
  async listenTls({
    port,
    host = '0.0.0.0',
    credentials,
  }: {
    port: number;
    host?: string;
    credentials: TlsCredentialSource;
  }): Promise<{ port: number }> {
    const aedes = this.#aedes;
    if (!aedes) throw new BrokerStateError('listen for MQTT over TLS');
    if (this.#tls) throw new Error('EdgeBroker already listens for MQTT over TLS');
    const tls = new TlsListener(credentials, this.#log, (socket) => this.#accept(socket));
    this.#tls = tls;
    return { port: await tls.listen(port, host, 'mqtts') };
  }

  /** Takes an upgraded `/mqtt` WebSocket from the HTTP server (`createWebSocketStream(ws)`). */
  handleWebSocket(stream: Duplex, req: IncomingMessage): void {
    this.#accept(stream, req);
  }

  /**
   * Publishes on an edge-owned topic (`galley/{store}/_edge/…`); resolves once routed.
   * Subscribers get the edge's publishes in the order they were made (publish-order.ts).
   */
  publish(
    topic: string,
    payload: string | Buffer,
    opts: { retain?: boolean; qos?: 0 | 1 } = {},
  ): Promise<void> {
    if (!this.#aedes) return Promise.reject(new BrokerStateError(`publish on ${topic}`));
    const edgeRoot = `${TOPIC_ROOT}/${this.#deps.config.store.id}/${EDGE_SEGMENT}/`;
    if (!topic.startsWith(edgeRoot)) return Promise.reject(new EdgeTopicError(topic));
    const packet = {
      cmd: 'publish' as const,
      topic,
      payload: typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload,
      qos: opts.qos ?? 0,
      retain: opts.retain ?? false,
      dup: false,
    };
    return new Promise((resolve, reject) => {
      this.#publishOrder.submit(() => {
        // Held back a turn, the broker may have stopped meanwhile.
        const aedes = this.#aedes;
        if (!aedes) return reject(new BrokerStateError(`publish on ${topic}`));
        try {
          aedes.publish(packet, (err) => (err ? reject(err) : resolve()));
        } catch (err) {
          reject(err);
        }
      }, publishesViaPersistence(packet));
    });
  }

  stats(): BrokerStatsSnapshot {
    this.#stats.connectedClients = this.#aedes?.connectedClients ?? 0;
    return { ...this.#stats.snapshot(), relay: this.#router?.backlog() ?? { queued: 0, inFlight: 0 } };
  }

  /** Stops listening, closes every client (without firing their wills' retries) and the broker. */
  async stop(): Promise<void> {
    const aedes = this.#aedes;
    const server = this.#server;
    clearInterval(this.#revokedSweep);
    this.#aedes = undefined;
    this.#server = undefined;
    const serverClosed = server
      ? new Promise<void>((resolve) => server.close(() => resolve()))
      : Promise.resolve();
    const tlsClosed = this.#tls?.close() ?? Promise.resolve();
    this.#tls = undefined;
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()));
    // Connections that never sent CONNECT are not aedes clients yet.
    for (const conn of this.#connections) conn.destroy();
    this.#connections.clear();
    await serverClosed;
    await tlsClosed;
    this.#log.info('mqtt stopped');
  }

  /** Every transport's connections come in here: admitted and wire-guarded, or closed at once. */
  #accept(conn: Socket | Duplex, req?: IncomingMessage): void {
    const aedes = this.#aedes;
    const guard = this.#guard;
    if (!aedes || !guard) {
      conn.destroy();
      return;
    }
    this.#connections.add(conn);
    conn.once('close', () => this.#connections.delete(conn));
    const address = (conn as Partial<Socket>).remoteAddress ?? req?.socket.remoteAddress;
    const guarded = guard.accept(conn, address);
    if (guarded) aedes.handle(guarded, req);
  }

  #context(): BrokerContext {
    const { config, credentials, gate, clock, verifyDisplayToken, posOrders, claims } = this.#deps;
    return {
      config,
      credentials,
      gate,
      clock,
      verifyDisplayToken,
      log: this.#log,
      stats: this.#stats,
      identities: new WeakMap<Client, ClientIdentity>(),
      rejectedIdentifiers: new WeakSet<Client>(),
      willsPublished: new WeakSet<Client>(),
      broker: () => this.#aedes,
      posOrders,
      claims,
    };
  }

  #observe(aedes: Aedes, ctx: BrokerContext, presence: DevicePresence): void {
    aedes.on(
      'client',
      faults.guard('broker_event', 'client', (client: Client) => {
        const identity = ctx.identities.get(client);
        this.#log.info(
          {
            clientId: client.id,
            username: identity?.name,
            kind: identity?.kind,
            remote: remoteAddress(client),
          },
          'client connected',
        );
        presence.connected(client);
      }),
    );
    aedes.on(
      'clientDisconnect',
      faults.guard('broker_event', 'clientDisconnect', (client: Client) => {
        this.#log.info(
          { clientId: client.id, username: ctx.identities.get(client)?.name },
          'client disconnected',
        );
        presence.disconnected(client);
      }),
    );
    aedes.on('clientError', (client, err) => {
      this.#log.info(
        { clientId: client.id, username: ctx.identities.get(client)?.name, err },
        'client error',
      );
    });
    aedes.on('connectionError', (client, err) => {
      this.#log.info({ remote: remoteAddress(client), err }, 'connection error before CONNECT completed');
    });
    // aedes reports persistence failures as 'error'; unhandled, that would end the process.
    (aedes as EventEmitter).on('error', (err: Error) => this.#log.error({ err }, 'broker error'));
  }
}
