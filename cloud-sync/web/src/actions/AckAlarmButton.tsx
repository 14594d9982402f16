import { useTranslation } from 'react-i18next';
import { STORE_COMMAND_ROUTES } from '../../../../shared/central/store-commands';
import { ActionResult } from './ActionResult';
import { useStoreAction } from './action-context';

/** Acknowledge from the region: queued for the store, shown as sent until the store's change syncs back. */
export function AckAlarmButton({ storeId, alarmId }: { storeId: string; alarmId: number }) {
  const { t } = useTranslation();
  const { actor, state, send } = useStoreAction();
  if (!actor) return null;
  return (
    <span className="alarm-actions">
      <button
        type="button"
        className="secondary small"
        disabled={state.kind === 'busy' || state.kind === 'sent'}
        onClick={() => void send(STORE_COMMAND_ROUTES.ackAlarm, { storeId, alarmId }, {})}
      >
        {t('actions.ack')}
      </button>
      <ActionResult state={state} />
    </span>
  );
}
