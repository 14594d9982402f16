import { useTranslation } from 'react-i18next';
import type { ActionState } from './action-context';

export function ActionResult({ state }: { state: ActionState }) {
  const { t } = useTranslation();
  if (state.kind === 'sent')
    return (
      <span className="action-result sent" role="status">
        {t('actions.sent')}
      </span>
    );
  if (state.kind === 'refused')
    return (
      <span className="action-result refused" role="alert">
        {t('actions.refused', { message: state.message })}
      </span>
    );
  return null;
}
