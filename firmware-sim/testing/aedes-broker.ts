import { once } from 'node:events';
import net, { type AddressInfo } from 'node:net';
import { Aedes } from 'aedes';
import mqtt, { type MqttClient } from 'mqtt';

/**
 * A real aedes broker on loopback for the simulator's tests, with username =
 * equipment id / password = secret, as the edge does it. Not the edge: the
 * simulator must work against any broker that honours the device contract.
 */
export class TestBroker {
  private server: net.Server | null = null;
  private broker: Aedes | null = null;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly credentials: Record<string, string>) {}

  /** Listens on `port` (0 = any free port, read back into `this.port`). */
  async start(port = 0): Promise<this> {
    const broker = await Aedes.createBroker({
      authenticate: (_client, username, password, done) => {
        const expected = username === undefined ? undefined : this.credentials[username];
        const ok = expected !== undefined && password?.toString() === expected;
        if (ok) return done(null, true);
        const error = Object.assign(new Error('bad username or password'), { returnCode: 4 as const });
        return done(error, false);
      },
    });
    const server = net.createServer((socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      broker.handle(socket);
    });
    server.listen(port, '127.0.0.1');
    await once(server, 'listening');
    this.port = (server.address() as AddressInfo).port;
    this.broker = broker;
    this.server = server;
    return this;
  }

  get url(): string {
    return `mqtt://127.0.0.1:${this.port}`;
  }

  /** Goes away as a crashed broker would: sockets cut, nothing stored survives. */
  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const broker = this.broker;
    const server = this.server;
    this.broker = null;
    this.server = null;
    if (broker) await new Promise<void>((resolve) => broker.close(() => resolve()));
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export interface Received {
  topic: string;
  payload: string;
  retain: boolean;
}

/** A subscriber that records what it receives and can wait for a message with a timeout. */
export async function subscriber(url: string, filter: string, auth: { username: string; password: string }) {
  const client: MqttClient = await mqtt.connectAsync(url, { ...auth, reconnectPeriod: 0 });
  const received: Received[] = [];
  const waiters: Array<{ test: (m: Received) => boolean; resolve: (m: Received) => void }> = [];
  client.on('message', (topic, payload, packet) => {
    const message = { topic, payload: payload.toString(), retain: packet.retain };
    received.push(message);
    for (const w of [...waiters]) {
      if (w.test(message)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(message);
      }
    }
  });
  await client.subscribeAsync(filter, { qos: 1 });
  return {
    received,
    waitFor(test: (m: Received) => boolean, timeoutMs = 5000): Promise<Received> {
      const seen = received.find(test);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching message within ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          test,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      });
    },
    close: () => client.endAsync(),
  };
}

/** Polls `condition` until true, or fails after `timeoutMs`. */
export async function waitUntil(
  condition: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
