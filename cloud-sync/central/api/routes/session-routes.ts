import {
  CENTRAL_ROUTES,
  CentralLoginRequest,
  CentralMe,
  CentralSession,
  Ok,
} from '../../../../shared/central/api';
import { bearerToken } from '../../../../shared/server/http/bearer';
import { ApiHttpError, unauthorized } from '../../../../shared/server/http/errors';
import { CentralLoginThrottle, type CentralThrottleOptions } from '../../auth/login-throttle';
import type { CentralContext } from '../../central-context';
import { CentralError } from '../../central-error';
import { type CentralRoute, centralRoute, userOf } from '../central-route';
import { EVERYONE } from '../roles';

export function sessionRoutes(
  ctx: Pick<CentralContext, 'users' | 'logger' | 'clock' | 'database'>,
  throttleOptions: Partial<CentralThrottleOptions> = {},
): CentralRoute[] {
  const log = ctx.logger.child({ ns: 'central.session' });
  const throttle = new CentralLoginThrottle(
    ctx.database.db,
    ctx.database.dialect,
    ctx.clock,
    throttleOptions,
  );
  return [
    centralRoute({
      method: 'POST',
      url: CENTRAL_ROUTES.session,
      summary: 'Log in with username and password',
      tags: ['session'],
      access: 'public',
      body: CentralLoginRequest,
      response: CentralSession,
      status: 201,
      description:
        'Five wrong passwords for a user name from one address are free; after that each try from ' +
        'that address waits 1 s, 2 s, 4 s … up to 5 min (429 with Retry-After, right password or not) ' +
        'until 15 min pass without a failure. Other addresses are not held back.',
      errors: [401, 429],
      handler: async ({ body, request }) => {
        const retryMs = await throttle.tryAttempt(body.username, request.ip);
        if (retryMs > 0) {
          const retryS = Math.ceil(retryMs / 1000);
          log.warn({ username: body.username, ip: request.ip }, 'login throttled');
          throw new ApiHttpError(
            429,
            'too_many_requests',
            `too many wrong passwords for this user from here; try again in ${retryS} s`,
            undefined,
            { 'retry-after': String(retryS) },
          );
        }
        try {
          const session = await ctx.users.login(body.username, body.password);
          await throttle.recordSuccess(body.username, request.ip);
          log.info({ username: body.username, role: session.role }, 'login');
          return session;
        } catch (err) {
          if (err instanceof CentralError && err.code === 'BAD_CREDENTIALS') {
            log.info({ username: body.username, ip: request.ip }, 'login refused');
            throw new ApiHttpError(401, 'unauthorized', err.message);
          }
          throw err;
        }
      },
    }),
    centralRoute({
      method: 'DELETE',
      url: CENTRAL_ROUTES.session,
      summary: 'Log out: ends this session',
      tags: ['session'],
      access: EVERYONE,
      response: Ok,
      handler: async ({ request }) => {
        const token = bearerToken(request);
        if (!token) throw unauthorized('no session');
        await ctx.users.logout(token);
        return { ok: true as const };
      },
    }),
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.me,
      summary: 'Who I am and what I may see',
      tags: ['session'],
      access: EVERYONE,
      response: CentralMe,
      handler: ({ auth: caller }) => userOf(caller),
    }),
  ];
}
