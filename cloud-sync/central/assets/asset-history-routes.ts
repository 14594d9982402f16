import {
  ASSET_HISTORY_ROUTES,
  AssetHistoryAcrossStores,
  AssetHistoryParams,
} from '../../../shared/central/asset-history-api';
import { notFound } from '../../../shared/server/http/errors';
import { type CentralRoute, centralRoute, userOf } from '../api/central-route';
import { OPERATIONS } from '../api/roles';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import { assetHistoryAcrossStores } from './asset-history-query';

/** 资产履历: one unit across the stores it stood in, for those who run the kitchens' equipment. */
export function assetHistoryRoutes(ctx: Pick<CentralContext, 'database'>): CentralRoute[] {
  const { db } = ctx.database;
  return [
    centralRoute({
      method: 'GET',
      url: ASSET_HISTORY_ROUTES.history,
      summary: 'One unit across the stores it stood in, with each store’s tickets of it',
      description:
        'By the nameplate serial (asset.serial in the store config), or `tag:<asset tag>` for a unit known ' +
        'only by its tag. Stays are learned from the stores’ equipment lists (`store.equipment`), oldest first, ' +
        'each with the tickets that store synced for the unit while it stood there. Scoped to the caller’s ' +
        'region or stores; stays elsewhere are only counted. 404 when no store in scope ever listed it.',
      tags: ['assets'],
      access: OPERATIONS,
      params: AssetHistoryParams,
      response: AssetHistoryAcrossStores,
      errors: [404],
      handler: async ({ auth: caller, params }) => {
        const history = await assetHistoryAcrossStores(db, scopeOf(userOf(caller)), params.serial);
        if (!history || history.stays.length === 0)
          throw notFound(`no store in your scope has listed ${params.serial}`);
        return history;
      },
    }),
  ];
}
