import { SyncHealth } from '../../../shared/sync/sync-protocol';
import { BOARD_READERS } from '../auth';
import { type ApiRoute, defineRoute } from '../route-registry';

export interface SyncRoutesDeps {
  health: () => SyncHealth;
}

export function syncRoutes(deps: SyncRoutesDeps): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/sync',
      summary: 'Sync with the central service: backlog, lag, last success and error, config version',
      description:
        'The display shows a small indicator from it. `enabled` is false when the edge runs without a central URL.',
      tags: ['sync'],
      access: BOARD_READERS,
      response: SyncHealth,
      handler: () => deps.health(),
    }),
  ];
}
