import { useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { centralPath } from '../../../../shared/central/api';
import {
  COMMISSIONING_PROGRESS_ROUTES,
  StoreCommissioning,
} from '../../../../shared/central/commissioning-progress';
import { STORE_LIFECYCLE_ROUTES, StoreStateChange } from '../../../../shared/central/store-lifecycle';
import { ActorContext } from '../actions/action-context';
import { requestCentral } from '../api/central-client';
import { refusalText } from '../app/refusal-text';
import { type PollOptions, usePoll } from '../app/use-poll';
import { CommissioningProgressView } from './CommissioningProgressView';
import { storeStateParamWords } from './store-state-refusal-words';
import './commissioning.css';

interface CommissioningPanelProps {
  storeId: string;
  poll: PollOptions;
  nameOf?: (subject: string) => string;
}

/**
 * A store's commissioning on its page: the checklist progress its box sent, the handover,
 * and while it is still commissioning the admin's way to open it before the handover, with
 * a reason recorded as an override. Nothing for a store that never commissioned through a box.
 */
export function CommissioningPanel({ storeId, poll, nameOf }: CommissioningPanelProps) {
  const { t, i18n } = useTranslation();
  const actor = useContext(ActorContext);
  const { data } = usePoll(
    centralPath(COMMISSIONING_PROGRESS_ROUTES.store, { storeId }),
    StoreCommissioning,
    poll,
  );
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<
    { kind: 'idle' | 'busy' | 'opened' } | { kind: 'refused'; error: unknown }
  >({ kind: 'idle' });
  if (!data) return null;
  const commissioning = data.lifecycle.state === 'commissioning';
  if (!commissioning && data.progress === null && data.handover === null) return null;

  const openEarly = async () => {
    if (!actor || !reason.trim()) return;
    setOutcome({ kind: 'busy' });
    try {
      await requestCentral(centralPath(STORE_LIFECYCLE_ROUTES.changeState, { storeId }), StoreStateChange, {
        method: 'POST',
        token: actor.token,
        // On the table, but before the handover: the admin's override, with the reason on record.
        body: { to: 'open', override: true, reason: reason.trim() },
      });
      setOutcome({ kind: 'opened' });
      setReason('');
    } catch (err) {
      setOutcome({ kind: 'refused', error: err });
    }
  };

  return (
    <section className="commissioning-panel" aria-label={t('commissioning.title')}>
      <h3>{t('commissioning.title')}</h3>
      <CommissioningProgressView commissioning={data} detailed nameOf={nameOf} />
      {commissioning && data.handover === null && outcome.kind !== 'opened' ? (
        actor?.role === 'admin' ? (
          <form
            className="state-change"
            aria-label={t('commissioning.openEarly')}
            onSubmit={(e) => {
              e.preventDefault();
              void openEarly();
            }}
          >
            <p className="muted small">{t('commissioning.opensOnHandover')}</p>
            <label>
              {t('commissioning.openReason')}
              <input
                type="text"
                name="open-reason"
                value={reason}
                maxLength={500}
                required
                placeholder={t('commissioning.openReasonHint')}
                onChange={(e) => setReason(e.target.value)}
              />
            </label>
            <button type="submit" className="primary" disabled={outcome.kind === 'busy' || !reason.trim()}>
              {t('commissioning.openSubmit')}
            </button>
          </form>
        ) : (
          <p className="muted small">{t('commissioning.opensOnHandover')}</p>
        )
      ) : null}
      {outcome.kind === 'opened' ? (
        <p className="tone-ok" role="status">
          {t('commissioning.opened')}
        </p>
      ) : null}
      {outcome.kind === 'refused' ? (
        <p className="tone-critical" role="alert">
          {t('commissioning.refused', { message: refusalText(outcome.error, i18n, storeStateParamWords) })}
        </p>
      ) : null}
    </section>
  );
}
