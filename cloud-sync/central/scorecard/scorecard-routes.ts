import {
  SCORECARD_DEFAULT_RANGE_MS,
  SCORECARD_MAX_RANGE_MS,
  SCORECARD_ROUTES,
  Scorecard,
  ScorecardQuery,
  StoreScorecardAnswer,
  StoreScorecardParams,
  StoreScorecardQuery,
} from '../../../shared/central/scorecard';
import { badRequest, notFound } from '../../../shared/server/http/errors';
import { type CentralRoute, centralRoute, userOf } from '../api/central-route';
import { EVERYONE } from '../api/roles';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import { scorecard } from './scorecard-queries';

const DAY_MS = 86_400_000;
const OUT_OF_SCOPE = 'no such store in your scope';

const DEFINITIONS =
  'Figures: uptimePct (unit-time with no active critical alarm and no open out-of-service ticket, over all ' +
  'unit-time; units are the equipment central knows of the store), alarmsPerUnit and ticketsPerUnit (raised / ' +
  'opened in the range), mttrH (opened → resolved, mean over tickets resolved in the range), pmOnTimePct (from the ' +
  'synced `metrics.daily`), repairSpend (per unit: each repair done in the range at the latest spend its ticket synced, its quote else its priced parts; `money` holds it as exact text with the currency), energyKwhPerDay (the store’s ' +
  'main meter: the `energy_kwh` meter that counted the most, from synced minute rollups, kept 35 days), ' +
  'foodSafetyPct (minutes in limit or excused over all control-point minutes). Each beside the median of the ' +
  'region’s open stores in scope, flagged better / same / worse, with one point per 7-day week ending at `to`. ' +
  `Default range: the ${SCORECARD_DEFAULT_RANGE_MS / DAY_MS} days before \`to\` (default now); at most ` +
  `${SCORECARD_MAX_RANGE_MS / DAY_MS} days.`;

function rangeOf(query: { from?: number | undefined; to?: number | undefined }, now: number) {
  const to = query.to ?? now;
  const from = query.from ?? to - SCORECARD_DEFAULT_RANGE_MS;
  if (from >= to) throw badRequest('`from` must be before `to`');
  if (to - from > SCORECARD_MAX_RANGE_MS)
    throw badRequest(`a range of at most ${SCORECARD_MAX_RANGE_MS / DAY_MS} days, please`);
  return { from, to, now };
}

/** 门店对比: each store's operating figures against its region's median. */
export function scorecardRoutes(
  ctx: Pick<CentralContext, 'database' | 'clock' | 'directory' | 'logger'>,
): CentralRoute[] {
  const log = ctx.logger.child({ ns: 'central.scorecard' });
  return [
    centralRoute({
      method: 'GET',
      url: SCORECARD_ROUTES.region,
      summary: 'The store scorecard: every store of my region(s) against its region’s median',
      description: DEFINITIONS,
      tags: ['scorecard'],
      access: EVERYONE,
      querystring: ScorecardQuery,
      response: Scorecard,
      errors: [400, 404],
      handler: async ({ auth, query }) => {
        const scope = scopeOf(userOf(auth));
        const range = rangeOf(query, ctx.clock.now());
        if (query.region !== undefined) {
          const regions = await ctx.directory.regions(scope);
          // A region outside the caller's scope answers like one that does not exist.
          if (!regions.some((r) => r.id === query.region)) throw notFound('no such region in your scope');
        }
        return scorecard(ctx.database, scope, { ...range, regionId: query.region }, log);
      },
    }),
    centralRoute({
      method: 'GET',
      url: SCORECARD_ROUTES.store,
      summary: "One store's scorecard beside its region's median",
      description: DEFINITIONS,
      tags: ['scorecard', 'stores'],
      access: EVERYONE,
      params: StoreScorecardParams,
      querystring: StoreScorecardQuery,
      response: StoreScorecardAnswer,
      errors: [400, 404],
      handler: async ({ auth, params, query }) => {
        const scope = scopeOf(userOf(auth));
        const store = await ctx.directory.store(params.storeId, scope);
        if (!store) throw notFound(OUT_OF_SCOPE);
        const range = rangeOf(query, ctx.clock.now());
        const card = await scorecard(ctx.database, scope, { ...range, regionId: store.regionId }, log);
        const mine = card.stores.find((s) => s.storeId === store.id);
        const region = card.regions.find((r) => r.regionId === store.regionId);
        if (!mine || !region) throw notFound(OUT_OF_SCOPE);
        return { from: card.from, to: card.to, weeks: card.weeks, region, store: mine };
      },
    }),
  ];
}
