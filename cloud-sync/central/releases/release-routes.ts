import { Ok } from '../../../shared/central/api';
import {
  AdvanceRolloutRequest,
  BoxReport,
  BoxStatusList,
  CreateRolloutRequest,
  HaltRolloutRequest,
  RELEASE_ROUTES,
  ReleaseInfo,
  ReleaseList,
  ReleasePackage,
  ReleaseParams,
  RolloutList,
  RolloutParams,
  RolloutView,
} from '../../../shared/central/edge-releases';
import { type CentralRoute, centralRoute, storeOf, userOf } from '../api/central-route';
import { ADMINS, OPERATIONS } from '../api/roles';
import { scopeOf } from '../auth/caller';
import type { CentralContext } from '../central-context';
import { ReleaseStore } from './release-store';
import { Rollouts } from './rollouts';

/** Admins and regional managers run rollouts (rollout-access.ts decides how far each may reach). */
const ROLLERS = ['admin', 'regional_manager'] as const;

/** Edge releases, their staged rollouts, each box's reported version and health. */
export function releaseRoutes(ctx: Pick<CentralContext, 'database' | 'clock' | 'logger'>): CentralRoute[] {
  const releases = new ReleaseStore({ db: ctx.database.db, clock: ctx.clock });
  const rollouts = new Rollouts({ db: ctx.database.db, clock: ctx.clock, logger: ctx.logger, releases });
  return [
    centralRoute({
      method: 'POST',
      url: RELEASE_ROUTES.releases,
      summary: 'Upload an edge release (what `galley release pack` wrote)',
      description:
        'The bundle must match its manifest (bytes, SHA-256). The same release again changes nothing; another ' +
        'bundle under an existing version is refused (409).',
      tags: ['releases'],
      access: ADMINS,
      body: ReleasePackage,
      response: ReleaseInfo,
      status: 201,
      errors: [400, 409],
      handler: async ({ auth, body }) => (await releases.upload(body, userOf(auth).username)).info,
    }),
    centralRoute({
      method: 'GET',
      url: RELEASE_ROUTES.releases,
      summary: 'Uploaded edge releases, newest first',
      tags: ['releases'],
      access: ROLLERS,
      response: ReleaseList,
      handler: () => releases.list(),
    }),
    centralRoute({
      method: 'POST',
      url: RELEASE_ROUTES.rollouts,
      summary: 'Start a rollout of a release at a stage: one store, a region or all',
      description:
        'Queues an `edge.update` store command for each store of the stage not yet on the release. A regional ' +
        "manager may start 'store' and 'region' stages in their own region; 'all' is an admin's.",
      tags: ['releases'],
      access: ROLLERS,
      body: CreateRolloutRequest,
      response: RolloutView,
      status: 201,
      errors: [400, 403, 404],
      handler: ({ auth, body }) => rollouts.create(body, userOf(auth)),
    }),
    centralRoute({
      method: 'GET',
      url: RELEASE_ROUTES.rollouts,
      summary: 'Rollouts, newest first, with the boxes of their current stage',
      tags: ['releases'],
      access: ROLLERS,
      response: RolloutList,
      handler: () => rollouts.list(),
    }),
    centralRoute({
      method: 'GET',
      url: RELEASE_ROUTES.rollout,
      summary: 'One rollout: its stages, boxes and what the next stage waits on',
      tags: ['releases'],
      access: ROLLERS,
      params: RolloutParams,
      response: RolloutView,
      errors: [404],
      handler: ({ params }) => rollouts.view(params.id),
    }),
    centralRoute({
      method: 'POST',
      url: RELEASE_ROUTES.advance,
      summary: 'Widen a rollout to its next stage',
      description:
        'Refused (409) unless every box of the current stage reports healthy on the release, naming the stores ' +
        'it waits on; an admin may override with `overrideReason`. A halted rollout never advances.',
      tags: ['releases'],
      access: ROLLERS,
      params: RolloutParams,
      body: AdvanceRolloutRequest,
      response: RolloutView,
      errors: [400, 403, 404, 409],
      handler: ({ auth, params, body }) => rollouts.advance(params.id, body, userOf(auth)),
    }),
    centralRoute({
      method: 'POST',
      url: RELEASE_ROUTES.halt,
      summary: 'Halt a rollout (a box rolling back halts it by itself)',
      tags: ['releases'],
      access: ROLLERS,
      params: RolloutParams,
      body: HaltRolloutRequest,
      response: RolloutView,
      errors: [403, 404],
      handler: ({ auth, params, body }) => rollouts.halt(params.id, body.reason, userOf(auth)),
    }),
    centralRoute({
      method: 'GET',
      url: RELEASE_ROUTES.boxes,
      summary: 'Per store: the edge version its box runs, its health and its last update',
      tags: ['releases'],
      access: OPERATIONS,
      response: BoxStatusList,
      handler: async ({ auth }) => {
        const scope = scopeOf(userOf(auth));
        if (scope === null) return rollouts.boxes.list();
        return 'regionId' in scope
          ? rollouts.boxes.list({ regionId: scope.regionId })
          : rollouts.boxes.list({ storeIds: scope.storeIds });
      },
    }),
    centralRoute({
      method: 'GET',
      url: RELEASE_ROUTES.download,
      summary: 'Edge: download a release (manifest and bundle)',
      tags: ['sync'],
      access: 'store',
      params: ReleaseParams,
      response: ReleasePackage,
      errors: [404],
      handler: ({ params }) => releases.package(params.version),
    }),
    centralRoute({
      method: 'POST',
      url: RELEASE_ROUTES.boxReport,
      summary: "Edge: the box's version, health and last update outcome",
      description: 'A rollback, refusal or failure of an update halts its rollout.',
      tags: ['sync'],
      access: 'store',
      body: BoxReport,
      response: Ok,
      handler: async ({ auth, body }) => {
        await rollouts.report(storeOf(auth).storeId, body);
        return { ok: true as const };
      },
    }),
  ];
}
