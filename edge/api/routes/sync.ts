import { SetAsideRetry, SyncHealth } from '../../../shared/sync/sync-protocol';
import { defineRoute, type EdgeRoute } from '../edge-route';

export interface SyncRoutesDeps {
  health: () => SyncHealth;
  /** puts every set-aside event back in the outbox; `by` is who asked */
  retrySetAside: (by: string) => SetAsideRetry;
}

export function syncRoutes(deps: SyncRoutesDeps): EdgeRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/sync',
      summary: 'Sync with the central service: backlog, lag, last success and error, config version',
      description:
        'The display shows a small indicator from it. `enabled` is false when the edge runs without a central URL. ' +
        '`setAside` counts events central refused as invalid (kept on the edge, not in the backlog); ' +
        '`setAsideNewest` shows the newest of them with central’s reason.',
      tags: ['sync'],
      access: 'board.read',
      response: SyncHealth,
      handler: () => deps.health(),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/sync/set-aside/retry',
      summary: 'Offer every set-aside event to central again (after central or the edge was fixed)',
      description:
        'Each goes back to the outbox with its own seq and is sent at once, ahead of newer events of its lane; ' +
        'one refused again is set aside again, one attempt more. An upgrade of the edge does this by itself.',
      tags: ['sync'],
      access: 'sync.retry',
      response: SetAsideRetry,
      handler: ({ auth }) => deps.retrySetAside(auth?.session.userId ?? 'unknown'),
    }),
  ];
}
