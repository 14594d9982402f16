import type { BoxStatusView, RolloutStage } from '../../../shared/central/edge-releases';
import { type RolloutRefusal, rolloutRefusal } from './rollout-refusal';

/**
 * The stage rules of an edge rollout, without I/O so they are tested alone. A rollout
 * widens one way, store → region → all; each wider stage starts only when every box of
 * the current one reports healthy on the release (or an admin overrides, with a reason);
 * a halted rollout never moves again: a new one is started once the cause is fixed.
 */
export const STAGE_ORDER: Record<RolloutStage, number> = { store: 0, region: 1, all: 2 };

export interface StageScope {
  stage: RolloutStage;
  /** store id for 'store', region id for 'region', null for 'all' */
  target: string | null;
}

export interface ScopedStore {
  id: string;
  regionId: string;
  state: string;
}

/** A closed store has no box any more: it is never in a rollout's scope. */
export function storesInScope(scope: StageScope, stores: readonly ScopedStore[]): string[] {
  return stores
    .filter((s) => s.state !== 'closed')
    .filter((s) =>
      scope.stage === 'store'
        ? s.id === scope.target
        : scope.stage === 'region'
          ? s.regionId === scope.target
          : true,
    )
    .map((s) => s.id)
    .sort();
}

/** Why each store of the stage does not yet count as updated and healthy; empty when all do. */
export function waitingOn(
  release: string,
  storeIds: readonly string[],
  boxes: ReadonlyMap<string, BoxStatusView>,
): { storeId: string; why: string }[] {
  const waiting: { storeId: string; why: string }[] = [];
  for (const storeId of storeIds) {
    const box = boxes.get(storeId);
    if (!box || box.version === null) {
      waiting.push({ storeId, why: 'its box has not reported yet' });
      continue;
    }
    if (box.version !== release) {
      const last = box.lastUpdate;
      const told = last && last.version === release && last.outcome !== 'updated' ? last : null;
      waiting.push({
        storeId,
        why: told
          ? `runs ${box.version}; the update to ${release} was ${told.outcome.replace('_', ' ')}${told.reason ? `: ${told.reason}` : ''}`
          : `runs ${box.version}, not ${release} yet`,
      });
      continue;
    }
    if (!box.healthy) {
      const failing = Object.entries(box.checks)
        .filter(([, ok]) => !ok)
        .map(([name]) => name);
      waiting.push({
        storeId,
        why: `runs ${release} but is not healthy (${failing.join(', ') || 'unknown'})`,
      });
    }
  }
  return waiting;
}

export interface AdvanceInput {
  halted: boolean;
  current: StageScope;
  next: StageScope;
  /** the region of the current stage's store, when the current stage is 'store' */
  currentStoreRegion: string | null;
  waiting: readonly { storeId: string; why: string }[];
  overrideReason: string | null;
  byAdmin: boolean;
}

/** Why an advance is refused (code, parameters and English words), or null when it may go ahead. */
export function advanceRefusal(input: AdvanceInput): RolloutRefusal | null {
  const { current, next } = input;
  if (input.halted)
    return rolloutRefusal('rollout.halted', 'the rollout is halted: start a new one once the cause is fixed');
  if (STAGE_ORDER[next.stage] <= STAGE_ORDER[current.stage])
    return rolloutRefusal(
      'rollout.only_widens',
      `a rollout only widens (store → region → all): it is at '${current.stage}', not past '${next.stage}'`,
      { current: current.stage, next: next.stage },
    );
  if (next.stage === 'region') {
    if (!next.target)
      return rolloutRefusal('rollout.stage_needs_target', "the 'region' stage needs the region as target", {
        stage: 'region',
      });
    if (current.stage === 'store' && current.target !== null && input.currentStoreRegion !== next.target)
      return rolloutRefusal(
        'rollout.region_must_hold_store',
        `the region stage must hold the store already updated: ${current.target} is in ${input.currentStoreRegion ?? 'no region'}, not ${next.target}`,
        { store: current.target, storeRegion: input.currentStoreRegion ?? '', region: next.target },
      );
  }
  if (next.stage === 'all' && next.target)
    return rolloutRefusal('rollout.all_takes_no_target', "the 'all' stage takes no target");
  if (input.overrideReason !== null && !input.byAdmin)
    return rolloutRefusal(
      'rollout.override_admin_only',
      'only an admin may override a stage that is not healthy',
    );
  if (input.waiting.length > 0 && input.overrideReason === null)
    return rolloutRefusal(
      'rollout.stage_not_healthy',
      `not every box of the '${current.stage}' stage is healthy on the release yet: ${input.waiting
        .map((w) => `${w.storeId} (${w.why})`)
        .join('; ')}`,
      { stage: current.stage, stores: input.waiting.map((w) => w.storeId) },
    );
  return null;
}

/** Whether the target of a new stage names what the stage needs. */
export function targetRefusal(scope: StageScope): RolloutRefusal | null {
  if (scope.stage === 'all')
    return scope.target
      ? rolloutRefusal('rollout.all_takes_no_target', "the 'all' stage takes no target")
      : null;
  return scope.target
    ? null
    : rolloutRefusal(
        'rollout.stage_needs_target',
        `the '${scope.stage}' stage needs a target (${scope.stage} id)`,
        { stage: scope.stage },
      );
}
