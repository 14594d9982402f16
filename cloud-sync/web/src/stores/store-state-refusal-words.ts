import { localized } from '../../../../shared/browser/locale';
import { STORE_STATE_NAMES, StoreLifecycleState } from '../../../../shared/central/store-lifecycle';
import type { RefusalParamWords } from '../app/refusal-text';

const STATE_PARAMS = new Set(['from', 'to', 'allowed']);

/**
 * The names a store state refusal's parameters stand for (shared/central/store-lifecycle.ts,
 * StoreStateRefusalCode): every state, the list of next states included, by its name in the
 * page's language.
 */
export const storeStateParamWords: RefusalParamWords = (name, value, i18n) => {
  const state = StoreLifecycleState.safeParse(value);
  if (!STATE_PARAMS.has(name) || !state.success) return undefined;
  return localized(STORE_STATE_NAMES[state.data], i18n.language);
};
