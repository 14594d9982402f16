import type { TFunction } from 'i18next';
import type { RolloutView, UpdateFailureCause } from '../../../../shared/central/edge-releases';

/**
 * A box's failed update in the page's language, from the structured cause the box sends
 * beside its English reason. The box's own observation (probe answer, exit code) is machine
 * text and is shown as it came, in brackets.
 */
export function failureCauseWords(cause: UpdateFailureCause, t: TFunction): string {
  const words = t(`updates.causes.${cause.code}`, { seconds: cause.seconds ?? '—' });
  return cause.detail ? t('updates.causeDetail', { cause: words, detail: cause.detail }) : words;
}

/**
 * Why a rollout was halted. A box's halt is worded from its structured cause; a person's
 * halt (their own words), an older row or a shape this page does not know keeps central's
 * stored English text.
 */
export function haltedReasonWords(
  rollout: Pick<RolloutView, 'haltedReason' | 'haltedCause'>,
  t: TFunction,
): string {
  const halted = rollout.haltedCause;
  if (!halted) return rollout.haltedReason ?? '—';
  const backTo = halted.cause?.backTo ?? null;
  const key = halted.outcome === 'rolled_back' && backTo ? 'rolled_back_to' : halted.outcome;
  const what = t(`updates.haltedByBox.${key}`, { store: halted.store, release: halted.release, backTo });
  return halted.cause ? t('updates.haltedWhy', { what, why: failureCauseWords(halted.cause, t) }) : what;
}
