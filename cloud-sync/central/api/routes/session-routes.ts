import { bearerToken } from '../../../../edge/api/auth';
import { ApiHttpError, unauthorized } from '../../../../edge/api/errors';
import {
  CENTRAL_ROUTES,
  CentralLoginRequest,
  CentralMe,
  CentralSession,
  Ok,
} from '../../../../shared/central/api';
import type { CentralContext } from '../../central-context';
import { CentralError } from '../../central-error';
import { type CentralRoute, centralRoute, userOf } from '../central-route';
import { EVERYONE } from '../roles';

export function sessionRoutes(ctx: Pick<CentralContext, 'users' | 'logger'>): CentralRoute[] {
  const log = ctx.logger.child({ ns: 'central.session' });
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
      errors: [401],
      handler: async ({ body }) => {
        try {
          const session = await ctx.users.login(body.username, body.password);
          log.info({ username: body.username, role: session.role }, 'login');
          return session;
        } catch (err) {
          if (err instanceof CentralError && err.code === 'BAD_CREDENTIALS') {
            log.info({ username: body.username }, 'login refused');
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
      handler: ({ caller }) => userOf(caller),
    }),
  ];
}
