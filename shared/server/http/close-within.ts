import type { FastifyInstance } from 'fastify';

/** How long a stopping server waits for the requests it is serving before it cuts their connections. */
export const CLOSE_GRACE_MS = 5_000;

/**
 * Stops taking connections and lets the requests in progress finish, but not for ever:
 * a client that holds a connection without finishing its request (a half-sent one, a
 * peer that stopped mid-request, a slow-loris) would otherwise keep a stopping process
 * alive until the request timeout, minutes later. After `graceMs` every connection left
 * is cut.
 */
export async function closeWithin(app: FastifyInstance, graceMs = CLOSE_GRACE_MS): Promise<void> {
  const closing = app.close();
  const cut = setTimeout(() => app.server.closeAllConnections(), graceMs);
  try {
    await closing;
  } finally {
    clearTimeout(cut);
  }
}
