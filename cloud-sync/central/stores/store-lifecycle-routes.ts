import { StoreParams } from '../../../shared/central/api';
import {
  ChangeStoreStateRequest,
  STORE_LIFECYCLE_ROUTES,
  StoreStateChange,
  StoreStateHistory,
} from '../../../shared/central/store-lifecycle';
import { type CentralRoute, centralRoute, userOf } from '../api/central-route';
import { EVERYONE } from '../api/roles';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import { CentralError } from '../central-error';
import { StoreLifecycles, StoreStateMoveError } from './store-lifecycle';
import { moveRefused, storeRefused } from './store-state-refusal';

const OUT_OF_SCOPE = 'no such store in your scope';
const outOfScope = (storeId: string) =>
  storeRefused(404, 'store_state.store_not_in_scope', OUT_OF_SCOPE, { store: storeId });

/**
 * Who may move a store: an admin any store, a regional manager the stores of their own
 * region (they open and close their stores), both only along the table. Overrides, a move
 * the table does not allow, are for admins alone and always carry a reason. Technicians
 * read the history of their stores but move none.
 */
export const STATE_MOVERS = ['admin', 'regional_manager'] as const;

export function storeLifecycleRoutes(
  ctx: Pick<CentralContext, 'database' | 'clock' | 'directory'>,
): CentralRoute[] {
  const lifecycles = new StoreLifecycles({ db: ctx.database.db, clock: ctx.clock });
  return [
    centralRoute({
      method: 'POST',
      url: STORE_LIFECYCLE_ROUTES.changeState,
      summary: 'Move a store to its next lifecycle state (planned → fitting_out → … → closed)',
      description:
        'The table is `STORE_STATE_TRANSITIONS` (shared/central/store-lifecycle.ts). A move it does not allow answers ' +
        '409 with `from` and `allowed` (the next states); temporarily_closed, closing and every override need a ' +
        '`reason` (400). A store in commissioning opens on its signed handover; before it reaches central, ' +
        'commissioning → open answers 409 unless an admin overrides with a reason. Admins: every store, ' +
        '`override: true` for a move off the table. Regional managers: the ' +
        "stores of their region, along the table only. Moving to closed refuses the store's tokens at once.",
      tags: ['stores', 'admin'],
      access: STATE_MOVERS,
      params: StoreParams,
      body: ChangeStoreStateRequest,
      response: StoreStateChange,
      status: 201,
      errors: [400, 403, 404, 409],
      handler: async ({ params, body, auth }) => {
        const user = userOf(auth);
        if (!(await ctx.directory.store(params.storeId, scopeOf(user)))) throw outOfScope(params.storeId);
        if (body.override && user.role !== 'admin')
          throw storeRefused(
            403,
            'store_state.override_admin_only',
            'only an admin may override the state table',
          );
        try {
          return await lifecycles.change(params.storeId, body, user.username);
        } catch (err) {
          if (err instanceof StoreStateMoveError) throw moveRefused(err, params.storeId, body.to);
          // The one conflict a move meets after the rules passed: someone moved the store first.
          if (err instanceof CentralError && err.code === 'CONFLICT')
            throw storeRefused(409, 'store_state.changed', err.message, { store: params.storeId });
          throw err;
        }
      },
    }),
    centralRoute({
      method: 'GET',
      url: STORE_LIFECYCLE_ROUTES.stateHistory,
      summary: "A store's lifecycle: its state now and every move, oldest first",
      description: 'Readable in every state, closed included, by everyone whose scope holds the store.',
      tags: ['stores'],
      access: EVERYONE,
      params: StoreParams,
      response: StoreStateHistory,
      errors: [404],
      handler: async ({ params, auth }) => {
        if (!(await ctx.directory.store(params.storeId, scopeOf(userOf(auth)))))
          throw outOfScope(params.storeId);
        return lifecycles.history(params.storeId);
      },
    }),
  ];
}
