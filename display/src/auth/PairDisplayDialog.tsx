import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PairingStarted } from '../../../shared/api/displays';
import type { StoreInfo } from '../../../shared/api/store';
import { RequestError } from '../../../shared/browser/json-client';
import { formatTime } from '../app/format';
import { claimPairing, confirmPairing, startPairing } from './display-pairing';
import { PinDialog } from './PinDialog';
import { userMay } from './permissions';

interface PairDisplayDialogProps {
  /** what someone tried to do, already translated */
  action: string;
  users: StoreInfo['users'];
  timezone: string;
  onPaired: () => void;
  onCancel: () => void;
  /** how often the display asks whether a manager confirmed */
  pollMs?: number;
}

type Stage =
  | { kind: 'asking' }
  | { kind: 'showing'; started: PairingStarted }
  | { kind: 'busy'; retryS: number }
  | { kind: 'failed'; message: string };

const BUSY_RETRY_S = 10;

/**
 * The code a manager confirms, big enough to read across the kitchen. The display
 * polls until the confirmation came (from here or from a manager's phone), takes a
 * new code when one expires, and then carries on with what was tapped.
 */
export function PairDisplayDialog({
  action,
  users,
  timezone,
  onPaired,
  onCancel,
  pollMs = 2000,
}: PairDisplayDialogProps) {
  const { t, i18n } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'asking' });
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const managers = users.filter((u) => userMay(u, 'displays.manage'));

  // biome-ignore lint/correctness/useExhaustiveDependencies: attempt only asks for a new code
  useEffect(() => {
    let live = true;
    setStage({ kind: 'asking' });
    startPairing().then(
      (started) => live && setStage({ kind: 'showing', started }),
      (err: unknown) => {
        if (!live) return;
        if (err instanceof RequestError && err.status === 429)
          setStage({ kind: 'busy', retryS: BUSY_RETRY_S });
        else setStage({ kind: 'failed', message: err instanceof Error ? err.message : String(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [attempt]);

  const started = stage.kind === 'showing' ? stage.started : undefined;
  useEffect(() => {
    if (!started) return;
    let live = true;
    const poll = async () => {
      try {
        if (await claimPairing(started)) {
          if (live) onPaired();
          return;
        }
      } catch (err) {
        // Expired (404): show a fresh code; anything else: keep asking.
        if (err instanceof RequestError && err.status === 404) {
          if (live) setAttempt((n) => n + 1);
          return;
        }
      }
      if (live) timer = setTimeout(() => void poll(), pollMs);
    };
    let timer = setTimeout(() => void poll(), pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [started, pollMs, onPaired]);

  useEffect(() => {
    if (stage.kind !== 'busy') return;
    const timer = setTimeout(() => setAttempt((n) => n + 1), stage.retryS * 1000);
    return () => clearTimeout(timer);
  }, [stage]);

  if (confirming && started) {
    return (
      <PinDialog
        action={t('pair.confirmAction', { code: started.code })}
        users={managers}
        onDone={() => setConfirming(false)}
        onCancel={() => setConfirming(false)}
        verify={{
          check: (user, pin) => confirmPairing(started.code, user, pin),
          // The next poll picks the credential up.
          onVerified: () => setConfirming(false),
        }}
      />
    );
  }

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t('pair.title')}>
      <div className="dialog pair-dialog" data-testid="pair-dialog">
        <h2>{t('pair.title')}</h2>
        <p className="dialog-sub">{action ? t('pair.why', { action }) : t('pair.whyGeneral')}</p>
        {started ? (
          <>
            <p className="pair-code-label">{t('pair.codeLabel')}</p>
            <output className="pair-code" data-testid="pair-code" aria-label={t('pair.codeLabel')}>
              {started.code.slice(0, 3)} {started.code.slice(3)}
            </output>
            <p className="pair-how">
              {t('pair.howTo', { time: formatTime(started.expiresAt, timezone, i18n.language) })}
            </p>
            <p className="pair-waiting">{t('pair.waiting')}</p>
          </>
        ) : null}
        {stage.kind === 'busy' ? (
          <p className="dialog-error" role="alert">
            {t('pair.busy', { seconds: stage.retryS })}
          </p>
        ) : null}
        {stage.kind === 'failed' ? (
          <p className="dialog-error" role="alert">
            {t('pair.failed', { message: stage.message })}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('pair.cancel')}
          </button>
          {started ? (
            <button type="button" className="primary" onClick={() => setConfirming(true)}>
              {t('pair.confirmHere')}
            </button>
          ) : null}
        </div>
      </div>
    </div>
  );
}
