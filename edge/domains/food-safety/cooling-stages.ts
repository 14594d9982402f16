import type { CoolingLimit } from '../../../shared/config/food-safety';
import type { Sample } from './cooling-projection';
import { type CoolingRow, parseStages, type StoredStage } from './cooling-store';
import { toCc } from './food-safety-views';

/**
 * What the stages of a cooling batch say: each must reach its temperature within its
 * minutes of t0. A reading passes stages in order; a deadline reached fails the stage
 * pending then, and skips the ones after it.
 */

export const MINUTE = 60_000;

/** The stages of a new batch under `limit`, all pending. */
export function pendingStages(limit: CoolingLimit): StoredStage[] {
  return limit.stages.map((s) => ({
    to_cc: toCc(s.toC),
    within_min: s.withinMin,
    result: 'pending',
    at: null,
    cc: null,
    warned_at: null,
    projected_at: null,
  }));
}

/** Passes, in order, every pending stage the reading is at or below; true when one passed. */
export function passStages(stages: StoredStage[], sample: Sample): boolean {
  let passed = false;
  for (const stage of stages) {
    if (stage.result !== 'pending') continue;
    if (toCc(sample.value) > stage.to_cc) break;
    stage.result = 'passed';
    stage.at = sample.ts;
    stage.cc = toCc(sample.value);
    passed = true;
  }
  return passed;
}

/** When the pending stage of a cooling batch runs out; null when no stage is running. */
export function pendingDeadline(row: CoolingRow): number | null {
  if (row.state !== 'cooling' || row.t0 === null) return null;
  const stage = parseStages(row.stages).find((s) => s.result === 'pending');
  if (!stage) return null;
  return row.t0 + stage.within_min * MINUTE;
}

/** A stage failed at its deadline: the stages as they now stand, which one failed, and when. */
export interface DueFailure {
  stages: StoredStage[];
  index: number;
  deadline: number;
}

/**
 * Fails the pending stage whose deadline is at or before `upTo`, with the last reading
 * before its deadline, and skips the later ones; null when no stage is due.
 */
export function failDueStage(row: CoolingRow, samples: readonly Sample[], upTo: number): DueFailure | null {
  if (row.state !== 'cooling' || row.t0 === null) return null;
  const stages = parseStages(row.stages);
  const index = stages.findIndex((s) => s.result === 'pending');
  const stage = stages[index];
  if (!stage) return null;
  const deadline = row.t0 + stage.within_min * MINUTE;
  if (deadline > upTo) return null;
  const before = samples.filter((s) => s.ts <= deadline).at(-1);
  stage.result = 'failed';
  stage.at = deadline;
  stage.cc = before ? toCc(before.value) : null;
  for (const later of stages.slice(index + 1)) later.result = 'skipped';
  return { stages, index, deadline };
}
