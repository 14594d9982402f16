import { StoreParams } from '../../../shared/central/api';
import {
  COMMISSIONING_PROGRESS_ROUTES,
  StoreCommissioning,
  StoresCommissioning,
} from '../../../shared/central/commissioning-progress';
import { type CentralRoute, centralRoute, userOf } from '../api/central-route';
import { EVERYONE } from '../api/roles';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import { storeCommissioning, storesInCommissioning } from './commissioning-progress';
import { storeRefused } from './store-state-refusal';

/**
 * Commissioning as the region sees it: the checklist progress each box sent
 * (`commissioning.progress`) and its signed handover, for everyone whose scope holds the store.
 */
export function commissioningProgressRoutes(
  ctx: Pick<CentralContext, 'database' | 'logger' | 'directory'>,
): CentralRoute[] {
  const db = ctx.database.db;
  const log = ctx.logger.child({ ns: 'central.commissioning' });
  return [
    centralRoute({
      method: 'GET',
      url: COMMISSIONING_PROGRESS_ROUTES.stores,
      summary: 'The stores in commissioning in your scope, each with its checklist progress and handover',
      description:
        'Each store in state `commissioning`: the newest checklist progress its box sent (null before any) and its ' +
        'signed handover (null before one). A store that signed is moved to open by central and leaves this list.',
      tags: ['stores'],
      access: EVERYONE,
      response: StoresCommissioning,
      handler: ({ auth }) => storesInCommissioning(db, scopeOf(userOf(auth)), log),
    }),
    centralRoute({
      method: 'GET',
      url: COMMISSIONING_PROGRESS_ROUTES.store,
      summary: "A store's commissioning: its state, the checklist progress its box sent, and its handover",
      description: 'Readable in every state by everyone whose scope holds the store (404 otherwise).',
      tags: ['stores'],
      access: EVERYONE,
      params: StoreParams,
      response: StoreCommissioning,
      errors: [404],
      handler: async ({ params, auth }) => {
        const store = await db
          .selectFrom('stores')
          .select(['id', 'state', 'state_since'])
          .where('id', '=', params.storeId)
          .executeTakeFirst();
        // Out of scope answers exactly like missing, so ids cannot be probed.
        const visible = store && (await ctx.directory.store(params.storeId, scopeOf(userOf(auth))));
        if (!store || !visible)
          throw storeRefused(404, 'commissioning.store_not_in_scope', 'no such store in your scope', {
            store: params.storeId,
          });
        return storeCommissioning(
          db,
          { id: store.id, state: store.state, stateSince: Number(store.state_since) },
          log,
        );
      },
    }),
  ];
}
