import type { FastifyRequest } from 'fastify';
import { SessionRole } from '../../shared/roles';
import type { Session, SessionsStore } from '../store/sessions-store';
import { forbidden, unauthorized } from './errors';
import type { RouteAccess } from './route-registry';

export interface AuthContext {
  session: Session;
  /** The bearer token itself, so logout can end exactly this session. */
  token: string;
}

/** Everyone with a session, the kitchen display included: read-only board data. */
export const BOARD_READERS: readonly SessionRole[] = SessionRole.options;
/** People who logged in with a PIN. */
export const PEOPLE: readonly SessionRole[] = ['staff', 'technician', 'manager', 'admin'];
export const MAINTAINERS: readonly SessionRole[] = ['technician', 'manager', 'admin'];
export const MANAGERS: readonly SessionRole[] = ['manager', 'admin'];

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i;

export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (!header) return undefined;
  return BEARER.exec(header)?.[1];
}

/**
 * 401 when the token is missing, unknown or expired (the client should log in
 * again); 403 when the session is fine but its role may not do this.
 */
export function authenticate(
  sessions: Pick<SessionsStore, 'verify'>,
  request: FastifyRequest,
  access: RouteAccess,
): AuthContext | undefined {
  if (access === 'public') return undefined;
  const token = bearerToken(request);
  if (!token) throw unauthorized('this needs a bearer token: log in with POST /api/session');
  const session = sessions.verify(token);
  if (!session) throw unauthorized('the session is unknown or has expired: log in again');
  if (!access.includes(session.role)) {
    throw forbidden(`role ${session.role} may not do this; allowed: ${access.join(', ')}`);
  }
  return { session, token };
}
