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
import { refused, rolloutRefusal } from './rollout-refusal';
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
      description:
        "A regional manager sees the rollouts that reach their region, each with only their region's boxes.",
      tags: ['releases'],
      access: ROLLERS,
      response: RolloutList,
      handler: async ({ auth }) => {
        const seen = await regionOf(auth);
        return (await rollouts.list()).flatMap((view) => inRegion(view, seen) ?? []);
      },
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
      handler: async ({ auth, params }) => {
        const view = inRegion(await rollouts.view(params.id), await regionOf(auth));
        if (!view)
          throw refused(
            404,
            rolloutRefusal('rollout.not_found', `no rollout ${params.id} in your region`, { id: params.id }),
          );
        return view;
      },
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

  /** A regional manager's region and its stores; null for an admin, who sees every rollout whole. */
  async function regionOf(auth: Parameters<typeof userOf>[0]): Promise<RegionStores | null> {
    const scope = scopeOf(userOf(auth));
    if (scope === null || !('regionId' in scope)) return null;
    const stores = await rollouts.boxes.list({ regionId: scope.regionId });
    return { regionId: scope.regionId, storeIds: new Set(stores.map((b) => b.storeId)) };
  }
}

interface RegionStores {
  regionId: string;
  storeIds: ReadonlySet<string>;
}

/**
 * The rollout as a regional manager may see it: only if one of its stages reached their
 * region (the 'all' stage reaches every region), and then only their region's boxes, so
 * other regions' stores and health stay with those who run them.
 */
function inRegion(view: RolloutView, region: RegionStores | null): RolloutView | null {
  if (region === null) return view;
  const reaches = view.steps.some(
    (step) =>
      step.stage === 'all' ||
      (step.stage === 'region' && step.target === region.regionId) ||
      (step.stage === 'store' && step.target !== null && region.storeIds.has(step.target)),
  );
  if (!reaches) return null;
  return {
    ...view,
    boxes: view.boxes.filter((b) => region.storeIds.has(b.storeId)),
    waitingOn: view.waitingOn.filter((w) => region.storeIds.has(w.storeId)),
  };
}
