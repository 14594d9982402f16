import { z } from 'zod';
import { SessionRequest, SessionResponse } from '../../../shared/api/session';
import type { StoreUser } from '../../../shared/config/users';
import { DISPLAY_ROLE } from '../../../shared/roles';
import { hashSecret, verifySecret } from '../../../shared/secret-hash';
import type { Counter } from '../../runtime/metrics';
import type { ApiDeps } from '../api-deps';
import { BOARD_READERS } from '../auth';
import { ApiHttpError, unauthorized } from '../errors';
import type { LoginThrottle } from '../login-throttle';
import { type ApiRoute, defineRoute } from '../route-registry';

export interface SessionRouteDeps extends Pick<ApiDeps, 'config' | 'sessions' | 'logger'> {
  throttle: LoginThrottle;
  loginFailures: Counter;
}

const BAD_LOGIN = 'unknown user or wrong PIN';
/** More boards than any kitchen has; beyond it the oldest display session ends (that board simply asks again). */
export const MAX_DISPLAY_SESSIONS = 50;
export const DISPLAY_USER = { id: 'display', name: 'Kitchen display' } as const;

export function sessionRoutes(deps: SessionRouteDeps): ApiRoute[] {
  const users = new Map<string, StoreUser>(deps.config.users.map((u) => [u.id, u]));
  const log = deps.logger.child({ ns: 'api.session' });
  let decoyHash: string | undefined;

  return [
    defineRoute({
      method: 'POST',
      url: '/api/session',
      summary: 'Log in with user id and PIN',
      description: `Five wrong PINs for a user within five minutes lock that user out (429) until the window passes.`,
      tags: ['session'],
      access: 'public',
      body: SessionRequest,
      response: SessionResponse,
      status: 201,
      errors: [401, 429],
      handler: ({ body, request }) => {
        const retryMs = deps.throttle.retryAfterMs(body.user);
        if (retryMs > 0) {
          const retryS = Math.ceil(retryMs / 1000);
          throw new ApiHttpError(
            429,
            'too_many_requests',
            `too many failed logins; try again in ${retryS} s`,
            undefined,
            {
              'retry-after': String(retryS),
            },
          );
        }
        const user = users.get(body.user);
        // An unknown user still costs one scrypt, so timing does not tell which user names exist.
        decoyHash ??= hashSecret('0000', 'scrypt');
        const pinOk = verifySecret(body.pin, user?.pinHash ?? decoyHash) && user !== undefined;
        if (!user || !pinOk) {
          deps.throttle.recordFailure(body.user);
          deps.loginFailures.inc();
          log.warn({ user: body.user, ip: request.ip }, 'failed login');
          throw unauthorized(BAD_LOGIN);
        }
        deps.throttle.recordSuccess(body.user);
        const issued = deps.sessions.create(user.id, user.role);
        log.info({ user: user.id, role: user.role }, 'logged in');
        return {
          token: issued.token,
          role: issued.role,
          userId: user.id,
          name: user.name,
          expiresAt: issued.expiresAt,
        };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/session/display',
      summary: 'Read-only session for the kitchen display',
      description:
        'No PIN by design: the board is a wall screen that must come back by itself after a power cut, ' +
        'with nobody free to log in, and it only shows what anyone standing in the kitchen can see. ' +
        'The role `display` can read board data and change nothing. ' +
        `At most ${MAX_DISPLAY_SESSIONS} display sessions live at once; asking for more ends the oldest.`,
      tags: ['session'],
      access: 'public',
      response: SessionResponse,
      status: 201,
      handler: () => {
        const issued = deps.sessions.create(DISPLAY_USER.id, DISPLAY_ROLE, {
          keepNewest: MAX_DISPLAY_SESSIONS,
        });
        return {
          token: issued.token,
          role: issued.role,
          userId: DISPLAY_USER.id,
          name: DISPLAY_USER.name,
          expiresAt: issued.expiresAt,
        };
      },
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/session',
      summary: 'Log out (end the session of the bearer token)',
      tags: ['session'],
      access: BOARD_READERS,
      response: z.null().describe('no content'),
      status: 204,
      handler: ({ auth }) => {
        if (auth) deps.sessions.revoke(auth.token);
        return null;
      },
    }),
  ];
}
