import type { Kysely, Selectable } from 'kysely';
import {
  type AdvanceRolloutRequest,
  type BoxReport,
  type BoxStatusView,
  type CreateRolloutRequest,
  HaltedCause,
  RolloutStage,
  RolloutStep,
  type RolloutView,
  UPDATE_FAILURES,
} from '../../../shared/central/edge-releases';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { UserCaller } from '../auth/caller';
import { StoreCommands } from '../commands/store-commands';
import type { CentralDb } from '../db/central-db';
import type { CentralTables } from '../db/schema';
import { BoxStatusStore } from './box-status';
import type { ReleaseStore } from './release-store';
import type { ReleaseTables } from './release-tables';
import { scopeRefusal } from './rollout-access';
import { refused, rolloutRefusal } from './rollout-refusal';
import {
  advanceRefusal,
  type ScopedStore,
  type StageScope,
  storesInScope,
  targetRefusal,
  waitingOn,
} from './rollout-rules';

type RolloutRow = Selectable<ReleaseTables['edge_rollouts']>;

/**
 * Staged rollouts of an edge release. Starting a stage queues an `edge.update` store
 * command for each of its stores not yet on the release; a box's report of a rollback,
 * refusal or failure for a rollout halts it at once, so no wider stage follows a bad one.
 */
export class Rollouts {
  readonly #db: Kysely<CentralTables & ReleaseTables>;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #commands: StoreCommands;
  readonly #releases: ReleaseStore;
  readonly boxes: BoxStatusStore;

  constructor(deps: { db: CentralDb; clock: Clock; logger: Logger; releases: ReleaseStore }) {
    this.#db = deps.db.withTables<ReleaseTables>();
    this.#clock = deps.clock;
    this.#log = deps.logger.child({ ns: 'central.rollouts' });
    this.#commands = new StoreCommands({ db: deps.db, clock: deps.clock });
    this.#releases = deps.releases;
    this.boxes = new BoxStatusStore({ db: deps.db });
  }

  async create(request: CreateRolloutRequest, user: UserCaller): Promise<RolloutView> {
    const release = await this.#releases.info(request.release);
    if (!release)
      throw refused(
        404,
        rolloutRefusal('rollout.release_not_found', `no release ${request.release}: upload it first`, {
          release: request.release,
        }),
      );
    const scope: StageScope = { stage: request.stage, target: request.target ?? null };
    const stores = await this.#stores();
    await this.#checkScope(scope, stores, user);
    const at = this.#clock.now();
    const step: RolloutStep = {
      stage: scope.stage,
      target: scope.target,
      at,
      by: user.username,
      overrideReason: null,
    };
    const row = await this.#db
      .insertInto('edge_rollouts')
      .values({
        release_version: release.version,
        stage: scope.stage,
        target: scope.target,
        status: 'active',
        created_by: user.username,
        created_at: at,
        steps: JSON.stringify([step]),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await this.#issue(
      Number(row.id),
      release.version,
      release.sha256,
      storesInScope(scope, stores),
      user.username,
    );
    return this.view(Number(row.id));
  }

  async advance(id: number, request: AdvanceRolloutRequest, user: UserCaller): Promise<RolloutView> {
    const row = await this.#row(id);
    const current: StageScope = { stage: RolloutStage.parse(row.stage), target: row.target };
    const next: StageScope = { stage: request.stage, target: request.target ?? null };
    const stores = await this.#stores();
    await this.#checkScope(next, stores, user);
    const waiting = waitingOn(row.release_version, storesInScope(current, stores), await this.#boxMap());
    const refusal = advanceRefusal({
      halted: row.status === 'halted',
      current,
      next,
      currentStoreRegion:
        current.stage === 'store' ? (stores.find((s) => s.id === current.target)?.regionId ?? null) : null,
      waiting,
      overrideReason: request.overrideReason ?? null,
      byAdmin: user.role === 'admin',
    });
    if (refusal) throw refused(409, refusal);
    const step: RolloutStep = {
      ...next,
      at: this.#clock.now(),
      by: user.username,
      overrideReason: request.overrideReason ?? null,
    };
    // Only an active rollout moves: a rollback reported meanwhile wins over this advance.
    const moved = await this.#db
      .updateTable('edge_rollouts')
      .set({ stage: next.stage, target: next.target, steps: JSON.stringify([...stepsOf(row), step]) })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .where('stage', '=', current.stage)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1)
      throw refused(409, rolloutRefusal('rollout.changed', 'the rollout changed meanwhile: look again'));
    const release = await this.#releases.info(row.release_version);
    if (release)
      await this.#issue(id, release.version, release.sha256, storesInScope(next, stores), user.username);
    return this.view(id);
  }

  /** `cause`: set when a box halts it, so the page can word the reason in its language. */
  async halt(
    id: number,
    reason: string,
    user: UserCaller | null,
    cause: HaltedCause | null = null,
  ): Promise<RolloutView> {
    const row = await this.#row(id);
    if (user) {
      const stores = await this.#stores();
      const scope: StageScope = { stage: RolloutStage.parse(row.stage), target: row.target };
      const refusal = scopeRefusal(user, scope, stores.find((s) => s.id === row.target)?.regionId ?? null);
      if (refusal) throw refused(403, refusal);
    }
    if (row.status === 'halted') return this.view(id);
    await this.#db
      .updateTable('edge_rollouts')
      .set({
        status: 'halted',
        halted_at: this.#clock.now(),
        halted_reason: user ? `${user.username}: ${reason}` : reason,
        halted_cause: cause ? JSON.stringify(cause) : null,
      })
      .where('id', '=', id)
      .where('status', '=', 'active')
      .execute();
    return this.view(id);
  }

  /**
   * A box's report: kept; a failed update halts its rollout with the box's reason; a box
   * heard for the first time (or back) gets the updates of active rollouts it is in scope of.
   */
  async report(storeId: string, report: BoxReport): Promise<void> {
    await this.boxes.record(storeId, report, this.#clock.now());
    const last = report.lastUpdate;
    if (!last || last.rolloutId === null || !UPDATE_FAILURES.includes(last.outcome)) {
      await this.#catchUp(storeId, report.version);
      return;
    }
    const row = await this.#db
      .selectFrom('edge_rollouts')
      .selectAll()
      .where('id', '=', last.rolloutId)
      .executeTakeFirst();
    if (row?.status !== 'active' || row.release_version !== last.version) return;
    const reason = `store ${storeId}: ${last.outcome.replace('_', ' ')} from ${last.version}${last.reason ? `: ${last.reason}` : ''}`;
    this.#log.warn({ rolloutId: row.id, storeId, outcome: last.outcome }, 'rollout halted by a box');
    const outcome = last.outcome === 'staged' || last.outcome === 'updated' ? 'failed' : last.outcome;
    const cause: HaltedCause = { store: storeId, outcome, release: last.version, cause: last.cause ?? null };
    await this.halt(Number(row.id), reason, null, cause);
  }

  async view(id: number): Promise<RolloutView> {
    const row = await this.#row(id);
    return this.#viewOf(row, await this.#stores(), await this.#boxMap());
  }

  async list(limit = 50): Promise<RolloutView[]> {
    const rows = await this.#db
      .selectFrom('edge_rollouts')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    const stores = await this.#stores();
    const boxes = await this.#boxMap();
    return rows.map((row) => this.#viewOf(row, stores, boxes));
  }

  #viewOf(row: RolloutRow, stores: ScopedStore[], boxes: ReadonlyMap<string, BoxStatusView>): RolloutView {
    const scope: StageScope = { stage: RolloutStage.parse(row.stage), target: row.target };
    const ids = storesInScope(scope, stores);
    return {
      id: Number(row.id),
      release: row.release_version,
      stage: scope.stage,
      target: row.target,
      status: row.status === 'halted' ? 'halted' : 'active',
      createdBy: row.created_by,
      createdAt: Number(row.created_at),
      haltedAt: row.halted_at === null ? null : Number(row.halted_at),
      haltedReason: row.halted_reason,
      haltedCause: haltedCauseOf(row.halted_cause),
      steps: stepsOf(row),
      boxes: ids.flatMap((id) => boxes.get(id) ?? []),
      waitingOn: waitingOn(row.release_version, ids, boxes),
    };
  }

  async #checkScope(scope: StageScope, stores: ScopedStore[], user: UserCaller): Promise<void> {
    const bad = targetRefusal(scope);
    if (bad) throw refused(400, bad);
    const store = scope.stage === 'store' ? stores.find((s) => s.id === scope.target) : undefined;
    const target = scope.target ?? '';
    if (scope.stage === 'store' && !store)
      throw refused(
        404,
        rolloutRefusal('rollout.no_open_store', `no open store "${scope.target}"`, { store: target }),
      );
    if (scope.stage === 'region' && !stores.some((s) => s.regionId === scope.target))
      throw refused(
        404,
        rolloutRefusal('rollout.no_store_in_region', `no store in region "${scope.target}"`, {
          region: target,
        }),
      );
    const refusal = scopeRefusal(user, scope, store?.regionId ?? null);
    if (refusal) throw refused(403, refusal);
  }

  /** The updates a reporting box has not been asked for yet, of the active rollouts whose stage holds it. */
  async #catchUp(storeId: string, running: string): Promise<void> {
    const active = await this.#db
      .selectFrom('edge_rollouts')
      .selectAll()
      .where('status', '=', 'active')
      .execute();
    if (active.length === 0) return;
    const stores = await this.#stores();
    for (const row of active) {
      if (row.release_version === running) continue;
      const scope: StageScope = { stage: RolloutStage.parse(row.stage), target: row.target };
      if (!storesInScope(scope, stores).includes(storeId)) continue;
      const release = await this.#releases.info(row.release_version);
      if (release)
        await this.#issue(Number(row.id), release.version, release.sha256, [storeId], row.created_by);
    }
  }

  /**
   * One `edge.update` per store not yet on the release and not already asked in this
   * rollout. Only to boxes that have reported themselves: an edge older than rollouts would
   * not understand the command (and would stop taking the region's other actions); a box
   * that reports later gets it then (#catchUp).
   */
  async #issue(
    rolloutId: number,
    version: string,
    sha256: string,
    storeIds: string[],
    by: string,
  ): Promise<void> {
    if (storeIds.length === 0) return;
    const asked = new Set(
      (
        await this.#db
          .selectFrom('store_commands')
          .select('store_id')
          .where('kind', '=', 'edge.update')
          .where('target_id', '=', rolloutId)
          .execute()
      ).map((r) => r.store_id),
    );
    const boxes = await this.#boxMap();
    for (const storeId of storeIds) {
      const running = boxes.get(storeId)?.version;
      if (asked.has(storeId) || running === null || running === undefined || running === version) continue;
      await this.#commands.issue(storeId, { kind: 'edge.update', rolloutId, version, sha256 }, by);
    }
  }

  async #row(id: number): Promise<RolloutRow> {
    const row = await this.#db
      .selectFrom('edge_rollouts')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw refused(404, rolloutRefusal('rollout.not_found', `no rollout ${id}`, { id }));
    return row;
  }

  async #stores(): Promise<ScopedStore[]> {
    const rows = await this.#db.selectFrom('stores').select(['id', 'region_id', 'state']).execute();
    return rows.map((r) => ({ id: r.id, regionId: r.region_id, state: String(r.state) }));
  }

  async #boxMap(): Promise<Map<string, BoxStatusView>> {
    return new Map((await this.boxes.list()).map((b) => [b.storeId, b]));
  }
}

function stepsOf(row: RolloutRow): RolloutStep[] {
  return RolloutStep.array().parse(JSON.parse(row.steps));
}

/** A stored cause that no longer parses is shown by its English text, never an error. */
function haltedCauseOf(json: string | null): HaltedCause | null {
  if (json === null) return null;
  try {
    const parsed = HaltedCause.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    // Not JSON at all (hand-edited row): the text reason is still there.
    return null;
  }
}
