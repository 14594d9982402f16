import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../../shared/browser/locale';
import { centralPath } from '../../../../shared/central/api';
import {
  allowedNextStates,
  REASON_REQUIRED_FOR,
  STORE_LIFECYCLE_ROUTES,
  STORE_LIFECYCLE_STATES,
  STORE_STATE_NAMES,
  StoreLifecycleState,
  StoreStateChange,
} from '../../../../shared/central/store-lifecycle';
import type { Actor } from '../actions/action-context';
import { requestCentral } from '../api/central-client';
import { refusalText } from '../app/refusal-text';
import { storeStateParamWords } from './store-state-refusal-words';

interface StoreStateControlProps {
  storeId: string;
  state: StoreLifecycleState;
  actor: Actor;
  onChanged: (change: StoreStateChange) => void;
}

type Outcome =
  | { kind: 'idle' | 'busy' }
  | { kind: 'moved'; to: StoreLifecycleState }
  | { kind: 'refused'; error: unknown };

/**
 * Moves the store to a next state of the table; an admin may override it with a reason.
 * The same rules are checked by central (which also refuses a store outside one's region).
 */
export function StoreStateControl({ storeId, state, actor, onChanged }: StoreStateControlProps) {
  const { t, i18n } = useTranslation();
  const [override, setOverride] = useState(false);
  const choices = override ? STORE_LIFECYCLE_STATES.filter((s) => s !== state) : allowedNextStates(state);
  const [to, setTo] = useState<StoreLifecycleState | ''>('');
  const [reason, setReason] = useState('');
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'idle' });
  const target = to !== '' && choices.includes(to) ? to : choices[0];
  const needsReason = override || (target !== undefined && REASON_REQUIRED_FOR.includes(target));
  const name = (s: StoreLifecycleState) => localized(STORE_STATE_NAMES[s], i18n.language);

  if (choices.length === 0 && actor.role !== 'admin') return <p className="muted">{t('lifecycle.final')}</p>;

  const submit = async () => {
    if (!target) return;
    setOutcome({ kind: 'busy' });
    try {
      const change = await requestCentral(
        centralPath(STORE_LIFECYCLE_ROUTES.changeState, { storeId }),
        StoreStateChange,
        {
          method: 'POST',
          token: actor.token,
          body: { to: target, override, ...(reason.trim() ? { reason: reason.trim() } : {}) },
        },
      );
      setOutcome({ kind: 'moved', to: change.to });
      setReason('');
      setTo('');
      setOverride(false);
      onChanged(change);
    } catch (err) {
      setOutcome({ kind: 'refused', error: err });
    }
  };

  return (
    <form
      className="state-change"
      aria-label={t('lifecycle.change')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      {choices.length === 0 ? <p className="muted">{t('lifecycle.final')}</p> : null}
      <label>
        {t('lifecycle.to')}
        <select
          name="to"
          value={target ?? ''}
          disabled={choices.length === 0}
          onChange={(e) => setTo(StoreLifecycleState.parse(e.target.value))}
        >
          {choices.map((s) => (
            <option key={s} value={s}>
              {name(s)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('lifecycle.reason')}
        <input
          type="text"
          name="reason"
          value={reason}
          maxLength={500}
          required={needsReason}
          placeholder={t('lifecycle.reasonHint')}
          onChange={(e) => setReason(e.target.value)}
        />
      </label>
      {actor.role === 'admin' ? (
        <label className="inline">
          <input type="checkbox" checked={override} onChange={(e) => setOverride(e.target.checked)} />{' '}
          {t('lifecycle.override')}
        </label>
      ) : null}
      <button
        type="submit"
        className="primary"
        disabled={outcome.kind === 'busy' || target === undefined || (needsReason && !reason.trim())}
      >
        {t('lifecycle.submit')}
      </button>
      {outcome.kind === 'moved' ? (
        <span className="tone-ok" role="status">
          {t('lifecycle.moved', { state: name(outcome.to) })}
        </span>
      ) : null}
      {outcome.kind === 'refused' ? (
        <span className="tone-critical" role="alert">
          {t('lifecycle.refused', { message: refusalText(outcome.error, i18n, storeStateParamWords) })}
        </span>
      ) : null}
    </form>
  );
}
