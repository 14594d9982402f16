import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistItemId } from '../../../shared/api/commissioning';
import type { HandoverSignature } from '../../../shared/api/commissioning-handover';
import type { StoreInfo } from '../../../shared/api/store';
import { RequestError } from '../../../shared/browser/json-client';
import { formatDateTime } from '../app/format';
import { PinDialog } from '../auth/PinDialog';
import { personMay, userMay } from '../auth/permissions';
import type { PersonSession } from '../auth/person-session';
import { fetchHandoverFile, signHandover } from './commissioning-api';

interface HandoverPanelProps {
  person: PersonSession;
  users: StoreInfo['users'];
  timezone: string;
  /** the signature the box keeps; null before one, undefined while not yet read */
  signature: HandoverSignature | null | undefined;
  /** the checks still open now: signing over them is an admin's, with a reason */
  openItems: readonly ChecklistItemId[];
  titleOf: (id: ChecklistItemId) => string;
  onSigned: () => void;
}

const isAdmin = (u: StoreInfo['users'][number]) => u.role === 'admin' || (u.roles ?? []).includes('admin');

/** Hands a file the display holds to the browser as a download. */
function download(url: string, fileName: string): void {
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
}

/** The server's words in the screen's language where it gave both. */
function problemOf(err: unknown, lang: string): string {
  if (err instanceof RequestError)
    return err.messages?.[lang.startsWith('zh') ? 'zh-CN' : 'en'] ?? err.message;
  return err instanceof Error ? err.message : String(err);
}

/**
 * The handover: the report to download (PDF, CSV), and the one signature — a manager or an
 * admin with their PIN once every check is complete, or an admin over open checks with a
 * reason — then who signed, when, and over what.
 */
export function HandoverPanel(props: HandoverPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';
  const { signature, openItems, person } = props;
  const [reason, setReason] = useState('');
  const [signing, setSigning] = useState(false);
  const [problem, setProblem] = useState<string>();
  const [done, setDone] = useState<string>();
  const [busy, setBusy] = useState(false);
  const overriding = openItems.length > 0;
  const signers = props.users.filter(
    (u) => userMay(u, 'commissioning.handover.sign') && (!overriding || isAdmin(u)),
  );

  async function take(format: 'pdf' | 'csv') {
    setProblem(undefined);
    setDone(undefined);
    setBusy(true);
    try {
      const { blob, fileName } = await fetchHandoverFile(format, lang, person.token);
      const url = URL.createObjectURL(blob);
      const tab = format === 'pdf' ? window.open(url, '_blank') : null;
      if (!tab) download(url, fileName);
      setDone(
        t(tab ? 'commissioning.handover.opened' : 'commissioning.handover.downloaded', { file: fileName }),
      );
      // The new tab or the download reads the file after this returns: let go of it later.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (err) {
      setProblem(problemOf(err, lang));
    } finally {
      setBusy(false);
    }
  }

  function startSigning() {
    setProblem(undefined);
    setDone(undefined);
    if (overriding && !reason.trim()) {
      setProblem(t('commissioning.handover.needReason'));
      return;
    }
    setSigning(true);
  }

  return (
    <section className="cm-handover" aria-label={t('commissioning.handover.title')} data-testid="cm-handover">
      <h2>{t('commissioning.handover.title')}</h2>
      {signature === undefined ? null : signature === null ? (
        <p className="cm-unsigned" data-signed="false">
          {t('commissioning.handover.notSigned')}
        </p>
      ) : (
        <div className="cm-signed" data-signed="true">
          <p>
            {t('commissioning.handover.signed', {
              name: signature.signerName,
              role: t(`role.${signature.role}`, { defaultValue: signature.role }),
              time: formatDateTime(signature.signedAt, props.timezone, lang),
            })}
          </p>
          <p className={signature.complete ? 'cm-note-ok' : 'cm-note-warn'}>
            {signature.complete
              ? t('commissioning.handover.complete')
              : t('commissioning.handover.overridden', {
                  count: signature.openItems.length,
                  items: signature.openItems.map(props.titleOf).join(lang === 'zh-CN' ? '、' : ', '),
                  reason: signature.overrideReason ?? '',
                })}
          </p>
        </div>
      )}
      <div className="cm-files">
        <span>{t('commissioning.handover.files')}</span>
        <button type="button" className="secondary" disabled={busy} onClick={() => void take('pdf')}>
          ⤓ {t('commissioning.handover.pdf')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => void take('csv')}>
          ⤓ {t('commissioning.handover.csv')}
        </button>
      </div>
      {signature === null ? (
        personMay(person, 'commissioning.handover.sign') ? (
          <div className="cm-sign">
            <p className="cm-muted">
              {overriding
                ? t('commissioning.handover.overrideHint')
                : t('commissioning.handover.signWhenDone')}
            </p>
            {overriding ? (
              <label className="field cm-reason">
                <span>{t('commissioning.handover.overrideReason')}</span>
                <input
                  value={reason}
                  maxLength={500}
                  placeholder={t('commissioning.handover.overridePlaceholder')}
                  onChange={(e) => setReason(e.target.value)}
                />
              </label>
            ) : null}
            {signers.length === 0 ? (
              <p className="cm-muted">{t('commissioning.handover.noSigners')}</p>
            ) : (
              <button type="button" className="primary" onClick={startSigning}>
                ✍ {t('commissioning.handover.sign')}
              </button>
            )}
          </div>
        ) : (
          <p className="cm-muted">{t('commissioning.handover.needSigner', { name: person.name })}</p>
        )
      ) : null}
      {problem ? (
        <p className="dialog-error" role="alert">
          {t('commissioning.handover.refused', { message: problem })}
        </p>
      ) : null}
      {done ? <output className="cm-done">{done}</output> : null}
      {signing ? (
        <PinDialog
          action={t('commissioning.handover.signAction')}
          users={signers}
          onDone={() => setSigning(false)}
          onCancel={() => setSigning(false)}
          verify={{
            check: async (user, pin) => {
              try {
                await signHandover(
                  { user, pin, ...(overriding ? { overrideReason: reason.trim() } : {}) },
                  person.token,
                );
                setDone(t('commissioning.handover.signedNow'));
                setReason('');
              } catch (err) {
                // A wrong PIN or too many tries belong to the keypad; anything else to the panel.
                if (err instanceof RequestError && err.status === 429) throw err;
                if (err instanceof RequestError && err.status === 403 && /wrong PIN/i.test(err.message))
                  throw new RequestError('unauthorized', err.message, 401, err.apiCode);
                setProblem(problemOf(err, lang));
              }
            },
            onVerified: () => {
              setSigning(false);
              props.onSigned();
            },
          }}
        />
      ) : null}
    </section>
  );
}
