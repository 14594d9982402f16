import type { CentralRole } from '../../../shared/central/api';
import { forbidden, unauthorized } from '../../../shared/server/http/errors';
import { type ApiRoute, routeDefiner } from '../../../shared/server/http/route-registry';
import type { StoreCaller, UserCaller } from '../auth/caller';

/**
 * A store's own token, or a person's session of one of these roles: what a replacement
 * box restoring itself and an admin both fetch (the handler checks the token's store).
 */
export interface StoreTokenOrRoles {
  ownStoreToken: true;
  roles: readonly CentralRole[];
}

/** Besides `'public'`: `'store'` needs a store token, a list of roles a person's session. */
export type CentralAccess = 'store' | readonly CentralRole[] | StoreTokenOrRoles;

export type Caller = { kind: 'user'; user: UserCaller } | { kind: 'store'; store: StoreCaller };

export type CentralRoute = ApiRoute<CentralAccess, Caller>;

/** Central's routes: people with sessions, edge boxes with store tokens. */
export const centralRoute = routeDefiner<CentralAccess, Caller>();

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
