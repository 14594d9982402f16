import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoreInfo } from '../../../shared/api/store';
import { RequestError } from '../../../shared/browser/json-client';
import { logIn, type PersonSession } from './person-session';

interface PinDialogProps {
  /** what the PIN is for, already translated */
  action: string;
  users: StoreInfo['users'];
  onDone: (session: PersonSession) => void;
  onCancel: () => void;
  /**
   * What the user and PIN are checked by instead of a login (a manager confirming
   * a pairing); `onDone` is then not called, `onVerified` is.
   */
  verify?: { check: (user: string, pin: string) => Promise<void>; onVerified: () => void };
}

const DIGITS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
/** The edge takes 4 to 8 digits (`SessionRequest`). */
const MIN_PIN = 4;
const MAX_PIN = 8;

/**
 * Who you are by tapping your name, then your PIN on a big keypad: gloved or wet
 * hands and no keyboard on the wall. Only where the edge did not say who works
 * here does the dialog fall back to typing a user id.
 */
export function PinDialog({ action, users, onDone, onCancel, verify }: PinDialogProps) {
  const { t } = useTranslation();
  const [user, setUser] = useState(users.length === 1 ? (users[0]?.id ?? '') : '');
  const [pin, setPin] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const chosen = users.find((u) => u.id === user);
  const picking = users.length > 0 && !chosen;

  async function submit(entered: string) {
    setBusy(true);
    setError(undefined);
    try {
      if (verify) {
        await verify.check(user.trim(), entered);
        verify.onVerified();
      } else onDone(await logIn(user.trim(), entered));
    } catch (err) {
      setPin('');
      if (err instanceof RequestError && (err.status === 401 || err.status === 400)) setError(t('pin.wrong'));
      else if (err instanceof RequestError && err.status === 429) setError(t('pin.locked'));
      else if (err instanceof RequestError && err.status === 403) setError(t('pin.forbidden'));
      else setError(t('pin.failed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  const press = (digit: string) => {
    if (busy) return;
    const next = (pin + digit).slice(0, MAX_PIN);
    setPin(next);
    // The last digit is the tap that sends: one less reach across a busy line. Only the
    // store config knows a PIN's length (the edge keeps its hash); without it, OK sends.
    if (next.length === chosen?.pinLength && next !== pin && user.trim() !== '') void submit(next);
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t('pin.title')}>
      <div className="dialog pin-dialog">
        <h2>{picking ? t('pin.user') : t('pin.title')}</h2>
        <p className="dialog-sub">{t('pin.forAction', { action })}</p>
        {picking ? (
          <div className="user-picker" data-testid="user-picker">
            {users.map((p) => (
              <button
                key={p.id}
                type="button"
                className="choice user-choice"
                data-user-id={p.id}
                onClick={() => {
                  setUser(p.id);
                  setError(undefined);
                }}
              >
                <span className="user-name">{p.name}</span>
                <span className="user-role">{t(`role.${p.role}`)}</span>
              </button>
            ))}
          </div>
        ) : (
          <>
            {chosen ? (
              <div className="pin-who">
                <span className="user-name">{chosen.name}</span>
                {users.length > 1 ? (
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      setUser('');
                      setPin('');
                    }}
                  >
                    {t('pin.otherUser')}
                  </button>
                ) : null}
              </div>
            ) : (
              <label className="field">
                <span>{t('pin.userId')}</span>
                <input
                  value={user}
                  onChange={(e) => setUser(e.target.value)}
                  autoCapitalize="off"
                  name="user"
                />
              </label>
            )}
            <output className="pin-dots" aria-label={t('pin.pin')} data-testid="pin-dots">
              {pin.replace(/./g, '●') || '\u00a0'}
            </output>
            <div className="pin-pad">
              {DIGITS.map((d) => (
                <button key={d} type="button" className="pin-key" onClick={() => press(d)}>
                  {d}
                </button>
              ))}
              <button
                type="button"
                className="pin-key pin-key-small"
                aria-label={t('pin.clear')}
                onClick={() => setPin('')}
              >
                {t('pin.clear')}
              </button>
              <button type="button" className="pin-key" onClick={() => press('0')}>
                0
              </button>
              <button
                type="button"
                className="pin-key pin-key-small"
                aria-label={t('pin.backspace')}
                onClick={() => setPin((p) => p.slice(0, -1))}
              >
                ⌫
              </button>
            </div>
          </>
        )}
        {error ? (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('pin.cancel')}
          </button>
          {picking ? null : (
            <button
              type="button"
              className="primary"
              disabled={busy || pin.length < MIN_PIN || user.trim() === ''}
              onClick={() => void submit(pin)}
            >
              {t('pin.ok')}
            </button>
          )}
        </div>
      </div>
    </div>
  );
}
