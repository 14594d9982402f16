import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EdgeRequestError } from '../api/edge-client';
import type { StoreInfo } from '../api/store-info';
import { logIn, type PersonSession } from './person-session';

interface PinDialogProps {
  /** what the PIN is for, already translated */
  action: string;
  users: StoreInfo['users'];
  onDone: (session: PersonSession) => void;
  onCancel: () => void;
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'];

/** A big on-screen PIN pad: gloved or wet hands, no keyboard on the wall. */
export function PinDialog({ action, users, onDone, onCancel }: PinDialogProps) {
  const { t } = useTranslation();
  const people = users.filter((u) => u.role !== 'display');
  const [user, setUser] = useState(people.length === 1 ? (people[0]?.id ?? '') : '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    setError(undefined);
    try {
      onDone(await logIn(user.trim(), pin));
    } catch (err) {
      setPin('');
      if (err instanceof EdgeRequestError && (err.status === 401 || err.status === 400))
        setError(t('pin.wrong'));
      else if (err instanceof EdgeRequestError && err.status === 429) setError(t('pin.locked'));
      else setError(t('pin.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t('pin.title')}>
      <div className="dialog pin-dialog">
        <h2>{t('pin.title')}</h2>
        <p className="dialog-sub">{t('pin.forAction', { action })}</p>
        {people.length > 0 ? (
          <fieldset className="user-picker">
            <legend>{t('pin.user')}</legend>
            {people.map((p) => (
              <button
                key={p.id}
                type="button"
                className={`choice ${user === p.id ? 'selected' : ''}`}
                aria-pressed={user === p.id}
                onClick={() => setUser(p.id)}
              >
                {p.name}
              </button>
            ))}
          </fieldset>
        ) : (
          <label className="field">
            <span>{t('pin.userId')}</span>
            <input value={user} onChange={(e) => setUser(e.target.value)} autoCapitalize="off" name="user" />
          </label>
        )}
        <output className="pin-dots" aria-label={t('pin.pin')}>
          {pin.replace(/./g, '●') || '\u00a0'}
        </output>
        <div className="pin-pad">
          {DIGITS.map((d) => (
            <button
              key={d}
              type="button"
              className="pin-key"
              onClick={() => setPin((p) => (p + d).slice(0, 8))}
            >
              {d}
            </button>
          ))}
          <button type="button" className="pin-key" onClick={() => setPin('')}>
            {t('pin.clear')}
          </button>
        </div>
        {error ? (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('pin.cancel')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={busy || pin.length < 4 || user.trim() === ''}
            onClick={() => void submit()}
          >
            {t('pin.ok')}
          </button>
        </div>
      </div>
    </div>
  );
}
