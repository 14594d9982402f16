import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { CentralRole } from '../../../shared/central/api';
import { forbidden, unauthorized } from '../../../shared/server/http/errors';
import { type ApiRoute, defineRoute, type RouteSpec } from '../../../shared/server/http/route-registry';
import type { StoreCaller, UserCaller } from '../auth/caller';

/** `'public'` needs nothing, `'store'` a store token, a list of roles a person's session. */
export type CentralAccess = 'public' | 'store' | readonly CentralRole[];

export type Caller = { kind: 'user'; user: UserCaller } | { kind: 'store'; store: StoreCaller };

/** A route declared with the edge's registry (validation, OpenAPI) plus central's access rule. */
export interface CentralRoute extends ApiRoute {
  centralAccess: CentralAccess;
}

export interface CentralRouteSpec<
  PS extends z.ZodType | undefined,
  QS extends z.ZodType | undefined,
  BS extends z.ZodType | undefined,
  RS extends z.ZodType,
> extends Omit<RouteSpec<PS, QS, BS, RS>, 'access' | 'handler'> {
  access: CentralAccess;
  handler(
    ctx: Parameters<RouteSpec<PS, QS, BS, RS>['handler']>[0] & { caller: Caller | undefined },
  ): ReturnType<RouteSpec<PS, QS, BS, RS>['handler']>;
}

/** Who called, as authenticated by the server's onRequest hook before the body is even read. */
const callers = new WeakMap<FastifyRequest, Caller>();

export function setCaller(request: FastifyRequest, caller: Caller): void {
  callers.set(request, caller);
}

/**
 * Central's routes reuse the edge's `defineRoute` for validation and the API
 * description; authentication is central's own (sessions of people, store tokens, both
 * looked up asynchronously), so the route is mounted as public to the edge registry and
 * checked by central's hook.
 */
export function centralRoute<
  PS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
  RS extends z.ZodType = z.ZodType,
>(spec: CentralRouteSpec<PS, QS, BS, RS>): CentralRoute {
  const { access, handler, ...rest } = spec;
  const route = defineRoute<PS, QS, BS, RS>({
    ...rest,
    access: 'public',
    handler: (ctx) => handler({ ...ctx, caller: callers.get(ctx.request) }),
  });
  return { ...route, centralAccess: access };
}

export function userOf(caller: Caller | undefined): UserCaller {
  if (caller?.kind !== 'user')
    throw unauthorized('this needs a bearer session token: log in with POST /api/session');
  return caller.user;
}

export function storeOf(caller: Caller | undefined): StoreCaller {
  if (caller?.kind !== 'store') throw unauthorized('this needs a store token (Authorization: Bearer gst_…)');
  return caller.store;
}

export function requireRole(user: UserCaller, roles: readonly CentralRole[]): void {
  if (!roles.includes(user.role))
    throw forbidden(`role ${user.role} may not do this; allowed: ${roles.join(', ')}`);
}
