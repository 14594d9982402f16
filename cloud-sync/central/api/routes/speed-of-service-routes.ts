import { CENTRAL_ROUTES } from '../../../../shared/central/api';
import {
  SPEED_OF_SERVICE_DEFAULT_RANGE_MS,
  SPEED_OF_SERVICE_MAX_RANGE_MS,
  SpeedOfServiceOverview,
  SpeedOfServiceQuery,
} from '../../../../shared/central/speed-of-service-api';
import { badRequest } from '../../../../shared/server/http/errors';
import { scopeOf } from '../../auth/caller';
import type { CentralContext } from '../../central-context';
import { speedOfService } from '../../queries/speed-of-service';
import { type CentralRoute, centralRoute, userOf } from '../central-route';
import { EVERYONE } from '../roles';

const DAY_MS = 86_400_000;

/** 出餐速度 for regional operations: ticket times and orders the stores' kitchens synced. */
export function speedOfServiceRoutes(ctx: Pick<CentralContext, 'database' | 'clock'>): CentralRoute[] {
  const { db } = ctx.database;
  return [
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.speedOfService,
      summary: 'Kitchen ticket times (average, p90) and orders per store across my stores',
      description:
        'Per store: tickets bumped in the range with average and p90 (nearest rank) ticket time overall, per ' +
        'station and per order channel, and the orders placed in the range per business day. Chained tickets ' +
        'are left out; a recalled ticket counts once bumped again, with its newest time. ' +
        `Default range: the 24 hours before \`to\` (default now); at most ${SPEED_OF_SERVICE_MAX_RANGE_MS / DAY_MS} days.`,
      tags: ['kitchen'],
      access: EVERYONE,
      querystring: SpeedOfServiceQuery,
      response: SpeedOfServiceOverview,
      errors: [400],
      handler: async ({ auth: caller, query }) => {
        const scope = scopeOf(userOf(caller));
        const to = query.to ?? ctx.clock.now();
        const from = query.from ?? to - SPEED_OF_SERVICE_DEFAULT_RANGE_MS;
        if (from >= to) throw badRequest('`from` must be before `to`');
        if (to - from > SPEED_OF_SERVICE_MAX_RANGE_MS)
          throw badRequest(`a range of at most ${SPEED_OF_SERVICE_MAX_RANGE_MS / DAY_MS} days, please`);
        return speedOfService(db, scope, from, to);
      },
    }),
  ];
}
