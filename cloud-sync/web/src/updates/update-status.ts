import type { TFunction } from 'i18next';
import {
  type BoxStatusView,
  type RolloutView,
  UPDATE_FAILURES,
} from '../../../../shared/central/edge-releases';
import { failureCauseWords } from './failure-words';

/** Where one store of a rollout's current stage stands, as the page words it. */
export type StoreRolloutState = 'healthy' | 'waiting' | 'rolled_back';

export interface StoreInRollout {
  storeId: string;
  state: StoreRolloutState;
  /** why it is not healthy on the release yet, in the page's language; null when healthy */
  why: string | null;
}

/**
 * The current stage's stores of a rollout, each healthy, waiting or rolled back. Central
 * sends the boxes of the stage and the stores the next stage waits on (its reasons are
 * English sentences); the page rebuilds the reason from the box so it reads in both
 * languages, keeping only the box's own free-text reason as it came.
 */
export function storesOfRollout(rollout: RolloutView, t: TFunction): StoreInRollout[] {
  const boxes = new Map(rollout.boxes.map((b) => [b.storeId, b]));
  const waiting = new Set(rollout.waitingOn.map((w) => w.storeId));
  const ids = [...new Set([...boxes.keys(), ...waiting])].sort();
  return ids.map((storeId) => {
    const box = boxes.get(storeId);
    if (!waiting.has(storeId)) return { storeId, state: 'healthy', why: null };
    return whyWaiting(storeId, rollout.release, box, t);
  });
}

function whyWaiting(
  storeId: string,
  release: string,
  box: BoxStatusView | undefined,
  t: TFunction,
): StoreInRollout {
  if (!box || box.version === null) return { storeId, state: 'waiting', why: t('updates.why.neverReported') };
  const last = box.lastUpdate;
  if (box.version !== release) {
    const failed = last && last.version === release && UPDATE_FAILURES.includes(last.outcome) ? last : null;
    if (failed)
      return {
        storeId,
        state: 'rolled_back',
        why: t('updates.why.failed', {
          running: box.version,
          outcome: t(`updates.outcomes.${failed.outcome}`),
          reason: failed.cause ? failureCauseWords(failed.cause, t) : (failed.reason ?? '—'),
        }),
      };
    return { storeId, state: 'waiting', why: t('updates.why.notYet', { running: box.version }) };
  }
  return { storeId, state: 'waiting', why: t('updates.why.unhealthy', { checks: failingChecks(box, t) }) };
}

/** The health checks a box reports failing, named in the page's language. */
export function failingChecks(box: Pick<BoxStatusView, 'checks'>, t: TFunction): string {
  const failing = Object.entries(box.checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => checkName(name, t));
  return failing.length === 0 ? t('updates.checks.unknown') : failing.join(t('updates.listSeparator'));
}

const KNOWN_CHECKS = new Set(['database', 'broker', 'sync']);
function checkName(name: string, t: TFunction): string {
  return KNOWN_CHECKS.has(name) ? t(`updates.checks.${name}`) : name;
}

/** Boxes grouped by region (by the region's name), stores in id order within each. */
export function byRegion<T extends Pick<BoxStatusView, 'regionId' | 'storeId'>>(
  boxes: readonly T[],
  regionName: (id: string) => string,
): { regionId: string; name: string; boxes: T[] }[] {
  const groups = new Map<string, T[]>();
  for (const box of boxes) groups.set(box.regionId, [...(groups.get(box.regionId) ?? []), box]);
  return [...groups.entries()]
    .map(([regionId, list]) => ({
      regionId,
      name: regionName(regionId),
      boxes: [...list].sort((a, b) => a.storeId.localeCompare(b.storeId)),
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.regionId.localeCompare(b.regionId));
}
