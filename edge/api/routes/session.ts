import { z } from 'zod';
import { SessionRequest, SessionResponse } from '../../../shared/api/session';
import { permissionsOf } from '../../../shared/permissions-table';
import { actingRole, heldRoles } from '../../../shared/roles';
import type { LoginThrottle } from '../../../shared/server/http/login-throttle';
import type { Counter } from '../../../shared/server/runtime/metrics';
import type { ApiDeps } from '../api-deps';
import { defineRoute, type EdgeRoute } from '../edge-route';
import { PinGate, pinOriginOf } from '../pin-gate';

export interface SessionRouteDeps
  extends Pick<ApiDeps, 'config' | 'sessions' | 'logger' | 'clock' | 'metrics' | 'pinGate'> {
  /** Used only when no `pinGate` is given (a server with logins but no sign-off routes). */
  throttle: LoginThrottle;
  /** Counted by the PIN gate, which registers the same series. */
  loginFailures: Counter;
}
// The kitchen display no longer takes a session of its own: it reads the board without a
// token and pairs once for actions (routes/displays.ts), so nobody can log it out.

export function sessionRoutes(deps: SessionRouteDeps): EdgeRoute[] {
  const log = deps.logger.child({ ns: 'api.session' });
  const gate =
    deps.pinGate ??
    new PinGate({
      findUser: (id) => deps.config.users.find((u) => u.id === id),
      clock: deps.clock,
      metrics: deps.metrics,
      logger: deps.logger,
      throttle: deps.throttle,
    });

  return [
    defineRoute({
      method: 'POST',
      url: '/api/session',
      summary: 'Log in with user id and PIN',
      description:
        'Five wrong PINs for a user from one address (or paired display) are free; after that each ' +
        'try waits 1 s, 2 s, 4 s … up to 5 min (429 with Retry-After, right PIN or not) until 15 min ' +
        'pass without a failure. Wrong PINs on sign-off routes count too; other addresses are not held back.',
      tags: ['session'],
      access: 'public',
      body: SessionRequest,
      response: SessionResponse,
      status: 201,
      errors: [401, 429],
      handler: async ({ body, request }) => {
        const user = await gate.check(body, pinOriginOf(request), 'login');
        // The session acts as the strongest role held; a permission is met by any role held.
        const issued = deps.sessions.create(user.id, actingRole(user), { roles: heldRoles(user) });
        log.info({ user: user.id, roles: issued.roles }, 'logged in');
        return {
          token: issued.token,
          role: user.role,
          ...(user.roles ? { roles: user.roles } : {}),
          userId: user.id,
          name: user.name,
          expiresAt: issued.expiresAt,
          permissions: permissionsOf(issued.roles),
        };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/session',
      summary: 'Log out (end the session of the bearer token)',
      tags: ['session'],
      access: 'session.end',
      response: z.null().describe('no content'),
      status: 204,
      handler: ({ auth }) => {
        if (auth) deps.sessions.revoke(auth.token);
        return null;
      },
    }),
  ];
}
