import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readiness } from './readiness';

const MIGRATING: Readiness = {
  ready: false,
  state: 'migrating',
  database: 'ok',
  reason: 'central is migrating its database',
};

/** How long a client is asked to wait before it tries again while central migrates. */
const RETRY_AFTER_S = 5;

export interface MigratingResponder {
  /** The port bound (the one asked for, or a free one for 0): central's server takes it over. */
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Holds central's port while it opens and migrates its database (which may mean waiting on
 * another process's migration lock): `/healthz` 200 (alive), `/readyz` 503 `migrating`, and
 * every other request 503 with Retry-After, so a load balancer or an orchestrator sees a
 * process that is up but not ready instead of a refused connection, and an edge is told to
 * come back rather than left to time out. Plain node:http, no routes: nothing is served yet.
 */
export async function answerWhileMigrating(options: {
  port: number;
  host: string;
  backlog: number;
}): Promise<MigratingResponder> {
  const server: Server = createServer((req, res) => {
    // Drain whatever body came so the connection can be answered and closed cleanly.
    req.resume();
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"state":"migrating"}');
      return;
    }
    const body =
      path === '/readyz'
        ? MIGRATING
        : {
            error: 'service_unavailable',
            message: 'central is starting (migrating its database); try again',
          };
    res
      .writeHead(503, {
        'content-type': 'application/json',
        'retry-after': String(RETRY_AFTER_S),
        connection: 'close',
      })
      .end(JSON.stringify(body));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port: options.port, host: options.host, backlog: options.backlog }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
