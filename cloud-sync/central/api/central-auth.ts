import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../../../shared/server/http/bearer';
import { forbidden, unauthorized } from '../../../shared/server/http/errors';
import type { PublicAccess } from '../../../shared/server/http/route-registry';
import { STORE_TOKEN_PREFIX } from '../../../shared/sync/sync-protocol';
import type { StoreTokens } from '../auth/store-tokens';
import type { CentralUsers } from '../auth/users';
import type { Caller, CentralAccess } from './central-route';

/**
 * 401 when the token is missing, unknown, expired or revoked; 403 when it is valid but
 * its holder may not do this (a store token on a person's route, a role not allowed).
 */
export async function authenticateCentral(
  deps: { users: CentralUsers; tokens: StoreTokens },
  request: FastifyRequest,
  access: CentralAccess | PublicAccess,
): Promise<Caller | undefined> {
  if (access === 'public') return undefined;
  const token = bearerToken(request);
  if (typeof access === 'object' && 'ownStoreToken' in access)
    return authenticateCentral(deps, request, token?.startsWith(STORE_TOKEN_PREFIX) ? 'store' : access.roles);
  if (access === 'store') {
    if (!token)
      throw unauthorized('the sync routes need a store token: Authorization: Bearer gst_<id>.<secret>');
    if (!token.startsWith(STORE_TOKEN_PREFIX))
      throw forbidden('the sync routes take a store token, not a session');
    const verified = await deps.tokens.verify(token);
    if (!verified) throw unauthorized('unknown store token');
    if ('revoked' in verified) throw unauthorized('this store token was revoked; issue a new one');
    if ('closed' in verified)
      throw forbidden(
        `store closed on ${new Date(verified.closedAt).toISOString().slice(0, 10)}; it syncs no more`,
      );
    return { kind: 'store', store: verified };
  }
  if (!token) throw unauthorized('this needs a bearer token: log in with POST /api/session');
  if (token.startsWith(STORE_TOKEN_PREFIX)) throw forbidden('a store token may only call the sync routes');
  const user = await deps.users.verifySession(token);
  if (!user) throw unauthorized('the session is unknown or has expired: log in again');
  if (!access.includes(user.role)) {
    throw forbidden(`role ${user.role} may not do this; allowed: ${access.join(', ')}`);
  }
  return { kind: 'user', user };
}
