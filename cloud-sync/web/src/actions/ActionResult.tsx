import { useTranslation } from 'react-i18next';
import { refusalText } from '../app/refusal-text';
import type { ActionState } from './action-context';
import { storeCommandParamWords } from './store-command-refusal-words';

/** What came of a regional action: queued for the store, or central's refusal in the page's language. */
export function ActionResult({ state }: { state: ActionState }) {
  const { t, i18n } = useTranslation();
  if (state.kind === 'sent')
    return (
      <span className="action-result sent" role="status">
        {t('actions.sent')}
      </span>
    );
  if (state.kind === 'refused')
    return (
      <span className="action-result refused" role="alert">
        {t('actions.refused', { message: refusalText(state.error, i18n, storeCommandParamWords) })}
      </span>
    );
  return null;
}
