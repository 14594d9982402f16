import type { FastifyRequest } from 'fastify';
import { DISPLAY_ROLE, type SessionRole } from '../../shared/roles';
import { bearerToken } from '../../shared/server/http/bearer';
import { forbidden, unauthorized } from '../../shared/server/http/errors';
import type { PublicAccess } from '../../shared/server/http/route-registry';
import type { Session, SessionsStore } from '../store/sessions-store';
import { type DisplayVerifier, identifyDisplay } from './display-identity';
import type { AuthContext, EdgeAccess } from './edge-route';
import { authenticateIntegration, basicCredentials, type IntegrationCallers } from './integration-caller';

export type { AuthContext } from './edge-route';

/**
 * Everyone with a session, the kitchen display included: read-only board data. A
 * request without any token may read these too, as an unpaired board does: what a
 * wall screen shows is what anyone standing in the kitchen sees, and a board that
 * holds no token has nothing anyone could make it lose.
 */
export const BOARD_READERS: readonly SessionRole[] = ['staff', 'technician', 'manager', 'admin', 'display'];
/** People who logged in with a PIN. */
export const PEOPLE: readonly SessionRole[] = ['staff', 'technician', 'manager', 'admin'];
export const MAINTAINERS: readonly SessionRole[] = ['technician', 'manager', 'admin'];
export const MANAGERS: readonly SessionRole[] = ['manager', 'admin'];

export interface AuthSources {
  sessions: Pick<SessionsStore, 'verify'>;
  /** Paired kitchen displays; their credential is a bearer token of the role `display`. */
  displays?: DisplayVerifier | undefined;
  /** Integration clients calling with HTTP Basic (a POS posting orders). */
  integrations?: IntegrationCallers | undefined;
  now?: () => number;
}

/** A paired display's credential never expires by itself; a manager revokes it. */
const PAIRED_DISPLAY_EXPIRES_AT = Number.MAX_SAFE_INTEGER;

/**
 * 401 when the token is missing, unknown or expired (the client should log in
 * again), or when a display credential came along that does not verify; 403 when
 * the session is fine but its role may not do this. No token at all is fine where
 * the display role may read.
 */
export function authenticate(
  sources: AuthSources,
  request: FastifyRequest,
  access: EdgeAccess | PublicAccess,
): AuthContext | undefined | Promise<AuthContext> {
  identifyDisplay(sources.displays, request);
  if (access === 'public') return undefined;
  const basic = basicCredentials(request);
  if (basic)
    return authenticateIntegration(sources.integrations, basic, request, access, sources.now?.() ?? 0);
  const token = bearerToken(request);
  if (!token) {
    // No credential at all reads the board (reads only: every action names who took it); a
    // credential that is not a bearer token is refused.
    const reads = request.method === 'GET' || request.method === 'HEAD';
    if (request.headers.authorization === undefined && reads && access.includes(DISPLAY_ROLE))
      return undefined;
    throw unauthorized('this needs a bearer token: log in with POST /api/session');
  }
  const session = sessionOf(sources, token);
  if (!session) throw unauthorized('the session is unknown or has expired: log in again');
  // A user may hold several roles (`role` plus `roles`): one of them allowed is enough.
  if (!session.roles.some((role) => access.includes(role))) {
    throw forbidden(`role ${session.roles.join(', ')} may not do this; allowed: ${access.join(', ')}`);
  }
  return { session, token };
}

function sessionOf(sources: AuthSources, token: string): Session | undefined {
  if (!token.startsWith('gdc_')) return sources.sessions.verify(token);
  const display = sources.displays?.verify(token);
  return display
    ? {
        userId: `display:${display.id}`,
        role: DISPLAY_ROLE,
        roles: [DISPLAY_ROLE],
        createdAt: 0,
        expiresAt: PAIRED_DISPLAY_EXPIRES_AT,
      }
    : undefined;
}
