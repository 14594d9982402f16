import { z } from 'zod';
import { StoreParams } from '../../../shared/central/api';
import {
  FOOD_SAFETY_DEFAULT_RANGE_MS,
  FOOD_SAFETY_MAX_RANGE_MS,
  FOOD_SAFETY_ROUTES,
  FoodSafetyOverview,
  FoodSafetyRangeQuery,
  FoodSafetyRecordsQuery,
  StoreFoodSafetyDetail,
  TamperAlertList,
} from '../../../shared/central/food-safety-api';
import { badRequest, notFound } from '../../../shared/server/http/errors';
import { type CentralRoute, centralRoute, userOf } from '../api/central-route';
import { EVERYONE } from '../api/roles';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import { foodSafetyOverview } from './food-safety-overview';
import { renderRecordsCsv, storeRecords } from './records-csv';
import { storeFoodSafetyDetail } from './store-food-safety';
import { tamperAlerts } from './tamper-alerts';

const DAY_MS = 86_400_000;
const OUT_OF_SCOPE = 'no such store in your scope';
const RANGE_DAYS = `Default range: the ${FOOD_SAFETY_DEFAULT_RANGE_MS / DAY_MS} days before \`to\` (default now); at most ${FOOD_SAFETY_MAX_RANGE_MS / DAY_MS} days.`;

function rangeOf(query: FoodSafetyRangeQuery, now: number): { from: number; to: number } {
  const to = query.to ?? now;
  const from = query.from ?? to - FOOD_SAFETY_DEFAULT_RANGE_MS;
  if (from >= to) throw badRequest('`from` must be before `to`');
  if (to - from > FOOD_SAFETY_MAX_RANGE_MS)
    throw badRequest(`a range of at most ${FOOD_SAFETY_MAX_RANGE_MS / DAY_MS} days, please`);
  return { from, to };
}

/** 食品安全 for regional operations: compliance, corrective actions and the stores' hash chains. */
export function foodSafetyRoutes(
  ctx: Pick<CentralContext, 'database' | 'clock' | 'directory'>,
): CentralRoute[] {
  const { db } = ctx.database;
  return [
    centralRoute({
      method: 'GET',
      url: FOOD_SAFETY_ROUTES.overview,
      summary:
        'Food safety per store and region: compliance, failed days, open corrective actions, chain status',
      description:
        'Per store in scope, worst first: compliance over the closed store days that started in the range ' +
        '(minutes in limit, excused ones included, over all minutes of every control point: weighted by minutes, ' +
        'not an average of daily percentages), days on which a control point failed, excursions and missed ' +
        'checks as the store counted them (`food_safety.day`); corrective actions open now with the oldest’s age ' +
        'and how many are past due by central’s clock; and whether the store’s hash chain only ever moved ' +
        `forward (\`ok\`), went back or was rewritten (\`tampered\`), or never reached central. ${RANGE_DAYS}`,
      tags: ['food-safety'],
      access: EVERYONE,
      querystring: FoodSafetyRangeQuery,
      response: FoodSafetyOverview,
      errors: [400],
      handler: async ({ auth: caller, query }) => {
        const now = ctx.clock.now();
        const { from, to } = rangeOf(query, now);
        return foodSafetyOverview(db, scopeOf(userOf(caller)), from, to, now);
      },
    }),
    centralRoute({
      method: 'GET',
      url: FOOD_SAFETY_ROUTES.store,
      summary: 'One store’s food safety: figures, excursions, corrective actions, tamper alerts',
      description:
        'The store’s overview figures, the excursions overlapping the range or still going (newest version of each), every ' +
        'corrective action still open and those signed off that opened in the range, its tamper alerts, and the ' +
        'cooling batches started in the range (those that missed a stage first, then newest first). ' +
        `A store outside your scope answers 404, like one that does not exist. ${RANGE_DAYS}`,
      tags: ['food-safety'],
      access: EVERYONE,
      params: StoreParams,
      querystring: FoodSafetyRangeQuery,
      response: StoreFoodSafetyDetail,
      errors: [400, 404],
      handler: async ({ auth: caller, params, query }) => {
        const now = ctx.clock.now();
        const { from, to } = rangeOf(query, now);
        if (!(await ctx.directory.store(params.storeId, scopeOf(userOf(caller)))))
          throw notFound(OUT_OF_SCOPE);
        const detail = await storeFoodSafetyDetail(db, params.storeId, from, to, now);
        if (!detail) throw notFound(OUT_OF_SCOPE);
        return detail;
      },
    }),
    centralRoute({
      method: 'GET',
      url: FOOD_SAFETY_ROUTES.storeRecordsCsv,
      summary: 'What central holds of one store’s food-safety records, as a CSV file',
      description:
        'For when the store’s own report (GET /api/food-safety/report on its box, with the minute log and chart) ' +
        'cannot be fetched: the closed days’ compliance per control point, the excursions, the corrective actions ' +
        '(with disposition and who signed) and the cooling batches (each stage with its time and °C) that the store ' +
        'has synced, in `lang`. UTF-8 with a byte-order mark, one section per table; times in the store’s offset ' +
        `as its closed days give it. A store outside your scope answers 404. ${RANGE_DAYS}`,
      tags: ['food-safety'],
      access: EVERYONE,
      params: StoreParams,
      querystring: FoodSafetyRecordsQuery,
      response: z.string().describe('the file, text/csv'),
      contentType: 'text/csv; charset=utf-8',
      errors: [400, 404],
      handler: async ({ auth: caller, params, query, reply }) => {
        const now = ctx.clock.now();
        const { from, to } = rangeOf(query, now);
        if (!(await ctx.directory.store(params.storeId, scopeOf(userOf(caller)))))
          throw notFound(OUT_OF_SCOPE);
        const records = await storeRecords(db, params.storeId, from, to, now);
        if (!records) throw notFound(OUT_OF_SCOPE);
        const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
        const name = `food-safety-central_${params.storeId.replace(/[^A-Za-z0-9._-]+/g, '-')}_${day(from)}_${day(to - 1)}.csv`;
        reply
          .header('content-disposition', `attachment; filename="${name}"`)
          .header('cache-control', 'no-store');
        return renderRecordsCsv(records, query.lang);
      },
    }),
    centralRoute({
      method: 'GET',
      url: FOOD_SAFETY_ROUTES.tamperAlerts,
      summary: 'Stores whose food-safety hash chain went back or was rewritten, with both heads',
      description:
        'Each alert is two chain heads the store sent one after the other that no honest chain produces: the ' +
        'later one has a lower seq (`went_back`) or the same seq with another hash (`rewritten`). Alerts and the ' +
        'heads they name are never deleted. Newest first.',
      tags: ['food-safety'],
      access: EVERYONE,
      response: TamperAlertList,
      handler: async ({ auth: caller }) => ({ alerts: await tamperAlerts(db, scopeOf(userOf(caller))) }),
    }),
  ];
}
