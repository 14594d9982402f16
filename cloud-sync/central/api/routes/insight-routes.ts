import { CENTRAL_ROUTES } from '../../../../shared/central/api';
import {
  AlarmEpisodeList,
  AlarmEpisodesQuery,
  EquipmentReadings,
  READINGS_MAX_RANGE_MS,
  ReadingsParams,
  ReadingsQuery,
} from '../../../../shared/central/insight-api';
import { badRequest, notFound } from '../../../../shared/server/http/errors';
import { scopeOf } from '../../auth/caller';
import type { CentralContext } from '../../central-context';
import { alarmEpisodes } from '../../queries/alarm-episodes';
import { equipmentReadings } from '../../queries/equipment-readings';
import { type CentralRoute, centralRoute, userOf } from '../central-route';
import { EVERYONE } from '../roles';

const OUT_OF_SCOPE = 'no such store in your scope';
const DEFAULT_READINGS_RANGE_MS = 6 * 60 * 60 * 1000;

/** What the regional page filters, groups and charts; scoped like every read route. */
export function insightRoutes(ctx: Pick<CentralContext, 'database' | 'clock' | 'directory'>): CentralRoute[] {
  const { db } = ctx.database;
  return [
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.alarmEpisodes,
      summary: 'Alarms across my stores, one per episode (raised to cleared), newest first, filtered',
      description:
        'Filters: storeId, severity, status (active, cleared, unacked, all), equipmentType, q (free text over ' +
        'store, equipment names in both languages, title, rule), from/to on when the alarm was raised.',
      tags: ['alarms'],
      access: EVERYONE,
      querystring: AlarmEpisodesQuery,
      response: AlarmEpisodeList,
      errors: [404],
      handler: async ({ auth: caller, query }) => {
        const scope = scopeOf(userOf(caller));
        if (query.storeId && !(await ctx.directory.store(query.storeId, scope))) throw notFound(OUT_OF_SCOPE);
        return alarmEpisodes(db, scope, query);
      },
    }),
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.equipmentReadings,
      summary: "One equipment's synced minute rollups (min, max, avg per metric), oldest first",
      description: `Default range: the 6 hours before \`to\` (default now); at most ${READINGS_MAX_RANGE_MS / 86_400_000} days.`,
      tags: ['stores'],
      access: EVERYONE,
      params: ReadingsParams,
      querystring: ReadingsQuery,
      response: EquipmentReadings,
      errors: [400, 404],
      handler: async ({ auth: caller, params, query }) => {
        const scope = scopeOf(userOf(caller));
        if (!(await ctx.directory.store(params.storeId, scope))) throw notFound(OUT_OF_SCOPE);
        const to = query.to ?? ctx.clock.now();
        const from = query.from ?? to - DEFAULT_READINGS_RANGE_MS;
        if (from >= to) throw badRequest('`from` must be before `to`');
        if (to - from > READINGS_MAX_RANGE_MS)
          throw badRequest(`a range of at most ${READINGS_MAX_RANGE_MS / 86_400_000} days, please`);
        return equipmentReadings(db, params.storeId, params.equipmentId, from, to);
      },
    }),
  ];
}
