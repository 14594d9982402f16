import type { FastifyRequest } from 'fastify';
import type { LocalizedText } from '../../shared/localized-text';
import type { Permission } from '../../shared/permissions';
import { missingPermissionText } from '../../shared/permissions-refusal';
import { mayDo, rolesWith } from '../../shared/permissions-table';
import { DISPLAY_ROLE, type SessionRole } from '../../shared/roles';
import { bearerToken } from '../../shared/server/http/bearer';
import { ApiHttpError, unauthorized } from '../../shared/server/http/errors';
import type { PublicAccess } from '../../shared/server/http/route-registry';
import type { Session, SessionsStore } from '../store/sessions-store';
import { type DisplayVerifier, identifyDisplay } from './display-identity';
import type { AuthContext, EdgeAccess } from './edge-route';
import { authenticateIntegration, basicCredentials, type IntegrationCallers } from './integration-caller';
import type { RefusalAudit } from './refusal-audit';

export type { AuthContext } from './edge-route';

export interface AuthSources {
  sessions: Pick<SessionsStore, 'verify'>;
  /** Paired kitchen displays; their credential is a bearer token of the role `display`. */
  displays?: DisplayVerifier | undefined;
  /** Integration clients calling with HTTP Basic (a POS posting orders). */
  integrations?: IntegrationCallers | undefined;
  /** Where refused actions are written down (a missing permission, a duty kept apart). */
  audit?: RefusalAudit | undefined;
  now?: () => number;
}

/** A paired display's credential never expires by itself; a manager revokes it. */
const PAIRED_DISPLAY_EXPIRES_AT = Number.MAX_SAFE_INTEGER;

/** A subject for the audit: the route as declared, not the URL with its ids and query. */
function routeOf(request: FastifyRequest): string {
  return `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
}

/**
 * The one check of a permission, for routes (through `authenticate`) and for actions
 * inside them (`requirePermission`): met by any role held; refused with the permission
 * missing and the roles that have it, in both languages, and written to the audit.
 */
export function checkPermission(
  caller: { userId: string; roles: readonly SessionRole[] },
  permission: Permission,
  subject: string,
  audit: RefusalAudit | undefined,
): void {
  if (mayDo(caller.roles, permission)) return;
  const messages = missingPermissionText(permission, caller.roles);
  audit?.refused({
    userId: caller.userId,
    roles: caller.roles,
    action: permission,
    subject,
    reason: messages.en,
  });
  throw new ApiHttpError(
    403,
    'forbidden',
    messages.en,
    undefined,
    {},
    {
      messages,
      permission,
      allowedRoles: rolesWith(permission),
    },
  );
}

/**
 * An action inside a route that needs more than the route's own permission (approving,
 * receiving, signing off): refused like a route is, and audited the same way.
 */
export function requirePermission(
  auth: AuthContext | undefined,
  permission: Permission,
  subject: string,
): AuthContext {
  if (!auth) throw unauthorized('this needs a bearer token: log in with POST /api/session');
  checkPermission(auth.session, permission, subject, auth.audit);
  return auth;
}

/**
 * A refusal that is not about a permission (a duty that must be kept apart): written to
 * the audit with its rule and answered 403 with why, in both languages.
 */
export function auditedRefusal(
  auth: AuthContext | undefined,
  refusal: { rule: string; subject: string; messages: LocalizedText },
): ApiHttpError {
  if (auth)
    auth.audit?.refused({
      userId: auth.session.userId,
      roles: auth.session.roles,
      action: refusal.rule,
      subject: refusal.subject,
      reason: refusal.messages.en,
    });
  return new ApiHttpError(
    403,
    'forbidden',
    refusal.messages.en,
    undefined,
    {},
    {
      messages: refusal.messages,
      rule: refusal.rule,
    },
  );
}

/**
 * 401 when the token is missing, unknown or expired (the client should log in
 * again), or when a display credential came along that does not verify; 403 when
 * the session is fine but none of its roles holds the route's permission. No token
 * at all is fine for reads the display may make: what a wall screen shows is what
 * anyone standing in the kitchen sees, and a board that holds no token has nothing
 * anyone could make it lose.
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
    return authenticateIntegration(sources.integrations, basic, request, sources.now?.() ?? 0).then(
      (auth) => {
        checkPermission(auth.session, access, routeOf(request), sources.audit);
        return { ...auth, audit: sources.audit };
      },
    );
  const token = bearerToken(request);
  if (!token) {
    // No credential at all reads the board (reads only: every action names who took it); a
    // credential that is not a bearer token is refused.
    const reads = request.method === 'GET' || request.method === 'HEAD';
    if (request.headers.authorization === undefined && reads && mayDo([DISPLAY_ROLE], access))
      return undefined;
    throw unauthorized('this needs a bearer token: log in with POST /api/session');
  }
  const session = sessionOf(sources, token);
  if (!session) throw unauthorized('the session is unknown or has expired: log in again');
  checkPermission(session, access, routeOf(request), sources.audit);
  return { session, token, audit: sources.audit };
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
