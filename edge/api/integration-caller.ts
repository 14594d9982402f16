import type { FastifyRequest } from 'fastify';
import type { IntegrationClient } from '../../shared/config/integrations';
import type { SessionRole } from '../../shared/roles';
import { ApiHttpError, unauthorized } from '../../shared/server/http/errors';
import type { IntegrationLogins } from '../broker/integration-logins';
import type { AuthContext } from './edge-route';

/** The store's integration clients and the throttled check of their secrets. */
export interface IntegrationCallers {
  find(username: string): IntegrationClient | undefined;
  logins: Pick<IntegrationLogins, 'verify' | 'retryAfterMs'>;
}

/** `Authorization: Basic base64(username:secret)`, as RFC 7617 writes it; undefined for any other scheme. */
export function basicCredentials(request: FastifyRequest): { username: string; secret: string } | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const match = /^Basic[ ]+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** A POS opening with a few requests at once should not be refused while its first one is checked. */
const BUSY_RETRIES = 20;
const BUSY_WAIT_MS = 25;

/**
 * The secret check, waiting its turn for up to half a second when every checking slot is
 * taken: the first requests of a POS that starts with several at once wait for the first
 * check (whose result is remembered) instead of being refused. A flood still ends in 503.
 */
async function verifyWaitingTurn(
  callers: IntegrationCallers,
  credentials: { username: string; secret: string },
  secretHash: string,
  address: string,
) {
  for (let attempt = 0; ; attempt++) {
    const result = await callers.logins.verify(credentials.username, credentials.secret, secretHash, address);
    if (result !== 'busy' || attempt >= BUSY_RETRIES) return result;
    await new Promise((resolve) => setTimeout(resolve, BUSY_WAIT_MS));
  }
}

/**
 * An integration (a POS) calling with its username and secret. It holds the HTTP roles its
 * config gives it (`apiRoles`), whose permissions the table gives, and no session: every request carries the secret, checked
 * off the main thread and remembered once right, wrong guesses backing off per address.
 */
export async function authenticateIntegration(
  callers: IntegrationCallers | undefined,
  credentials: { username: string; secret: string },
  request: FastifyRequest,
  now: number,
): Promise<AuthContext> {
  const client = callers?.find(credentials.username);
  if (!callers || !client) throw unauthorized('unknown integration client or wrong secret');
  const address = request.ip || 'unknown';
  const result = await verifyWaitingTurn(callers, credentials, client.secretHash, address);
  if (result === 'throttled') {
    const waitS = Math.max(1, Math.ceil(callers.logins.retryAfterMs(credentials.username, address) / 1000));
    throw new ApiHttpError(
      429,
      'too_many_requests',
      `too many wrong secrets: try again in ${waitS} s`,
      undefined,
      {
        'retry-after': String(waitS),
      },
    );
  }
  if (result === 'busy') {
    throw new ApiHttpError(503, 'busy', 'checking secrets is busy: try again in a second', undefined, {
      'retry-after': '1',
    });
  }
  if (result !== 'ok') throw unauthorized('unknown integration client or wrong secret');
  // Whether these roles hold the route's permission is auth.ts's one check, as for a session.
  const roles: SessionRole[] = client.apiRoles;
  return {
    session: { userId: `integration:${client.username}`, role: 'pos', roles, createdAt: now, expiresAt: now },
    token: '',
  };
}
