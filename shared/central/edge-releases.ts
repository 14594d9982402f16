import { z } from 'zod';
import { StoreId } from '../ids';

/**
 * Edge software updates, rolled out from central by stage (one store → a region → all).
 * A release is the compiled edge bundle plus its manifest; central hands it to a box as a
 * store command (`edge.update`), the box verifies and stages it, its supervisor switches to
 * it and rolls back by itself when the new release is not healthy in time. Every box
 * reports the version it runs, its health and the outcome of its last update; a rollback
 * anywhere halts the rollout. See edge/runtime/updates/README.md.
 */
export const RELEASE_ROUTES = {
  /** Admin: POST ReleasePackage → ReleaseInfo (201); GET → ReleaseInfo[]. */
  releases: '/api/admin/releases',
  /** POST CreateRolloutRequest → RolloutView (201); GET → RolloutView[], newest first. */
  rollouts: '/api/rollouts',
  /** GET → RolloutView. */
  rollout: '/api/rollouts/:id',
  /** POST AdvanceRolloutRequest → RolloutView. */
  advance: '/api/rollouts/:id/advance',
  /** POST HaltRolloutRequest → RolloutView. */
  halt: '/api/rollouts/:id/halt',
  /** GET → BoxStatusView[]: per store, the version its box runs, its health and last update. */
  boxes: '/api/boxes',
  /** Edge, store token: GET → ReleasePackage. */
  download: '/api/sync/releases/:version',
  /** Edge, store token: POST BoxReport → Ok. */
  boxReport: '/api/sync/box',
} as const;

/** Release labels appear in directory names on the box: no `/`, no spaces. */
export const ReleaseVersion = z
  .string()
  .regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/, 'use 1–64 of A-Z, a-z, 0-9, ".", "+", "_", "-"');
export type ReleaseVersion = z.infer<typeof ReleaseVersion>;

export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lower-case hex digits');

/** A bundle is ~1.5 MiB; 48 MiB is far above any real one and below central's body limit once encoded. */
export const MAX_BUNDLE_BYTES = 48 * 1024 * 1024;
/** The file the bundle is staged as on the box; it exports `runEdgeCommand`. */
export const RELEASE_ENTRY = 'edge-command.mjs';

export const ReleaseManifest = z.strictObject({
  format: z.literal(1),
  version: ReleaseVersion,
  sha256: Sha256Hex.describe('of the bundle bytes'),
  bytes: z.number().int().positive().max(MAX_BUNDLE_BYTES),
  nodeMajor: z.number().int().min(18).max(99).describe('the Node major the bundle was built for'),
  lockHash: Sha256Hex.describe(
    "SHA-256 of the package-lock's dependency tree it needs: a box whose node_modules differ refuses it",
  ),
  builtAt: z.number().int().nonnegative(),
  entry: z.literal(RELEASE_ENTRY),
});
export type ReleaseManifest = z.infer<typeof ReleaseManifest>;

/** What `galley release pack` writes, an admin uploads and a box downloads: one JSON document. */
export const ReleasePackage = z.strictObject({
  manifest: ReleaseManifest,
  bundleBase64: z
    .string()
    .min(1)
    .max(Math.ceil(MAX_BUNDLE_BYTES / 3) * 4)
    .regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64'),
});
export type ReleasePackage = z.infer<typeof ReleasePackage>;

export const ReleaseInfo = z.object({
  version: ReleaseVersion,
  sha256: Sha256Hex,
  bytes: z.number().int(),
  nodeMajor: z.number().int(),
  lockHash: Sha256Hex,
  builtAt: z.number().int(),
  uploadedBy: z.string(),
  uploadedAt: z.number().int(),
});
export type ReleaseInfo = z.infer<typeof ReleaseInfo>;
export const ReleaseList = z.array(ReleaseInfo);

/** Narrow to wide: each stage's stores must all be healthy on the release before the next. */
export const RolloutStage = z.enum(['store', 'region', 'all']);
export type RolloutStage = z.infer<typeof RolloutStage>;

export const CreateRolloutRequest = z.strictObject({
  release: ReleaseVersion,
  stage: RolloutStage,
  target: z
    .string()
    .trim()
    .min(1)
    .max(64)
    .optional()
    .describe("the store id ('store') or region id ('region')"),
});
export type CreateRolloutRequest = z.infer<typeof CreateRolloutRequest>;

export const AdvanceRolloutRequest = z.strictObject({
  stage: RolloutStage.describe('a wider stage than the current one'),
  target: z.string().trim().min(1).max(64).optional(),
  overrideReason: z
    .string()
    .trim()
    .min(3)
    .max(500)
    .optional()
    .describe('admin only: advance although not every box of the stage is healthy on the release, and why'),
});
export type AdvanceRolloutRequest = z.infer<typeof AdvanceRolloutRequest>;

export const HaltRolloutRequest = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export const RolloutParams = z.object({ id: z.coerce.number().int().positive() });
export const ReleaseParams = z.object({ version: ReleaseVersion });

/** What the box made of an update. `refused`: never staged (checks failed); `failed`: staging broke. */
export const UpdateOutcome = z.enum(['staged', 'updated', 'rolled_back', 'refused', 'failed']);
export type UpdateOutcome = z.infer<typeof UpdateOutcome>;
export const UPDATE_FAILURES: readonly UpdateOutcome[] = ['rolled_back', 'refused', 'failed'];

/**
 * Why a box gave a release up, as a stable code beside its English `reason`, so the regional
 * page words it in its own language: the release was not healthy in time (readiness), stopped
 * being healthy after it was (health), exited before it was kept (crashed at load), was
 * refused by the box's checks, or could not be staged.
 */
export const UpdateFailureCode = z.enum([
  'not_healthy_in_time',
  'stopped_being_healthy',
  'exited_before_kept',
  'refused',
  'staging_failed',
]);
export type UpdateFailureCode = z.infer<typeof UpdateFailureCode>;

export const UpdateFailureCause = z.object({
  code: UpdateFailureCode,
  backTo: z.string().min(1).max(64).nullable().describe('the release the box runs again after a rollback'),
  seconds: z
    .number()
    .int()
    .min(0)
    .max(7 * 86_400)
    .nullable()
    .describe('not_healthy_in_time: the time it had; stopped_being_healthy: how long it had been healthy'),
  detail: z
    .string()
    .max(1000)
    .nullable()
    .describe('what the box saw, as it saw it (probe answer, exit code, check): shown, not translated'),
});
export type UpdateFailureCause = z.infer<typeof UpdateFailureCause>;

export const BoxUpdateReport = z.object({
  version: ReleaseVersion.describe('the release the update was to'),
  rolloutId: z.number().int().positive().nullable(),
  outcome: UpdateOutcome,
  reason: z.string().max(1000).nullable(),
  // Optional: boxes of older releases send the English reason alone. A cause this central
  // does not know (a newer box's code) becomes null rather than refusing the whole report:
  // the English reason still tells it.
  cause: UpdateFailureCause.nullable().optional().catch(null),
  at: z.number().int(),
});
export type BoxUpdateReport = z.infer<typeof BoxUpdateReport>;

export const BoxHealth = z.object({
  ok: z.boolean(),
  checks: z.record(z.string(), z.boolean()).describe('database, broker, sync'),
});
export type BoxHealth = z.infer<typeof BoxHealth>;

/** Sent by the box on every command poll round; an older central answers 404 and the box carries on. */
export const BoxReport = z.object({
  version: z.string().min(1).max(64),
  health: BoxHealth,
  lastUpdate: BoxUpdateReport.nullable(),
  supervised: z.boolean().describe('false: the box runs without `galley box` and cannot switch releases'),
  at: z.number().int(),
});
export type BoxReport = z.infer<typeof BoxReport>;

export const BoxStatusView = z.object({
  storeId: StoreId,
  regionId: z.string(),
  version: z.string().nullable().describe('null: the box has never reported'),
  healthy: z.boolean().nullable(),
  checks: z.record(z.string(), z.boolean()),
  supervised: z.boolean().nullable(),
  reportedAt: z.number().int().nullable(),
  lastUpdate: BoxUpdateReport.nullable(),
});
export type BoxStatusView = z.infer<typeof BoxStatusView>;
export const BoxStatusList = z.array(BoxStatusView);

export const RolloutStatus = z.enum(['active', 'halted']);
export const RolloutStep = z.object({
  stage: RolloutStage,
  target: z.string().nullable(),
  at: z.number().int(),
  by: z.string(),
  overrideReason: z.string().nullable(),
});
export type RolloutStep = z.infer<typeof RolloutStep>;

/** A rollout halted by a box's failed update: who, which release, what it went back to and why. */
export const HaltedCause = z.object({
  store: StoreId,
  outcome: z.enum(['rolled_back', 'refused', 'failed']),
  release: ReleaseVersion.describe('the release the box gave up'),
  cause: UpdateFailureCause.nullable().describe('null: the box sent its English reason alone'),
});
export type HaltedCause = z.infer<typeof HaltedCause>;

export const RolloutView = z.object({
  id: z.number().int(),
  release: ReleaseVersion,
  stage: RolloutStage,
  target: z.string().nullable(),
  status: RolloutStatus,
  createdBy: z.string(),
  createdAt: z.number().int(),
  haltedAt: z.number().int().nullable(),
  haltedReason: z.string().nullable(),
  haltedCause: HaltedCause.nullable()
    .optional()
    .describe('a box halted it: the same reason in structured form (null for a person or an older row)'),
  steps: z.array(RolloutStep).describe('every stage started, oldest first'),
  boxes: BoxStatusList.describe("the current stage's stores"),
  waitingOn: z
    .array(z.object({ storeId: StoreId, why: z.string() }))
    .describe('stores of the current stage not yet healthy on the release: the next stage waits for them'),
});
export type RolloutView = z.infer<typeof RolloutView>;
export const RolloutList = z.array(RolloutView);

/** The store command that asks a box to update (shared/central/store-commands.ts). */
export const EdgeUpdateCommand = z.object({
  kind: z.literal('edge.update'),
  rolloutId: z.number().int().positive(),
  version: ReleaseVersion,
  sha256: Sha256Hex,
});
export type EdgeUpdateCommand = z.infer<typeof EdgeUpdateCommand>;

/**
 * Why central refuses a rollout action: a stable code sent beside the English message
 * (`ApiError.refusal`), so the regional page words it in its language. Parameters by code:
 * only_widens {current, next} (stages); stage_needs_target {stage}; region_must_hold_store
 * {store, storeRegion, region}; stage_not_healthy {stage, stores}; release_not_found
 * {release}; not_found {id}; no_open_store {store}; no_store_in_region {region};
 * role_may_not {role}; beyond_region {region}; the others none.
 */
export const RolloutRefusalCode = z.enum([
  'rollout.halted',
  'rollout.changed',
  'rollout.not_found',
  'rollout.release_not_found',
  'rollout.only_widens',
  'rollout.stage_needs_target',
  'rollout.all_takes_no_target',
  'rollout.region_must_hold_store',
  'rollout.override_admin_only',
  'rollout.stage_not_healthy',
  'rollout.no_open_store',
  'rollout.no_store_in_region',
  'rollout.role_may_not',
  'rollout.manager_without_region',
  'rollout.all_admin_only',
  'rollout.beyond_region',
]);
export type RolloutRefusalCode = z.infer<typeof RolloutRefusalCode>;
