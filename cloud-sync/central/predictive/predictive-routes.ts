import {
  PREDICTIVE_ROUTES,
  RegionalAssetList,
  RegionalAssetsQuery,
} from '../../../shared/central/predictive-api';
import { type CentralRoute, centralRoute, userOf } from '../api/central-route';
import { EVERYONE } from '../api/roles';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import { regionalAssets } from './regional-assets';

/** 预测维护 for regional operations: the region's watched assets ranked by risk or by money at stake. */
export function predictiveRoutes(ctx: Pick<CentralContext, 'database'>): CentralRoute[] {
  const { db } = ctx.database;
  return [
    centralRoute({
      method: 'GET',
      url: PREDICTIVE_ROUTES.assets,
      summary: 'The watched assets of my stores, ranked by risk or by money at stake',
      description:
        'Each asset’s newest outlook as its store sent it (`predictive.asset_outlook`, newest by seq): state ' +
        '(learning, normal, drifting, finding), suspected cause, time-to-limit forecast with its range, risk ' +
        'score 0–100, money at stake (what keeping it costs this year, exact yuan) and the repair-or-replace ' +
        'result. `sort=risk` (default) ranks by risk then money; `sort=money` by money then risk. Scoped to the ' +
        'caller’s region or stores.',
      tags: ['predictive'],
      access: EVERYONE,
      querystring: RegionalAssetsQuery,
      response: RegionalAssetList,
      errors: [400],
      handler: async ({ auth: caller, query }) => regionalAssets(db, scopeOf(userOf(caller)), query),
    }),
  ];
}
