import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../shared/api/alarms';
import type { PartView } from '../../../shared/api/parts';
import { localized } from '../../../shared/browser/locale';
import { formatDateTime } from '../app/format';
import type { Resource } from '../app/use-edge-resource';
import { LoginCancelled } from '../auth/person-session';
import { PartsUsed, type PartUse, partsRequest } from './PartsUsed';
import { type ResolutionCode, resolutionCodesFor } from './resolution-codes';
import type { ResolveRequest } from './resolve-request';

interface ResolveFormProps {
  equipmentType: string;
  /** the store's spare parts (`GET /api/parts`) */
  parts: Resource<PartView[]>;
  /** the ticket's alarms that have not cleared: the fault may not be fixed */
  activeAlarms: readonly AlarmView[];
  timezone: string;
  onSubmit: (request: ResolveRequest) => Promise<void>;
  onCancel: () => void;
}

/**
 * "Repaired" as a record someone can learn from later: how it was fixed (required here,
 * though the API would take less), what parts it used and a note. A fault still active
 * is said plainly; the technician may know better (a sensor that lags), so it never blocks.
 */
export function ResolveForm(props: ResolveFormProps) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState<ResolutionCode | undefined>();
  const [used, setUsed] = useState<PartUse[]>([]);
  const [notes, setNotes] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const parts = props.parts.status === 'ok' ? props.parts.data : [];
  const request = partsRequest(used, parts);
  const stillActive = props.activeAlarms.length > 0;

  async function submit() {
    if (!code || !request.ok) return;
    setBusy(true);
    setError(undefined);
    try {
      const trimmed = notes.trim();
      await props.onSubmit({
        to: 'resolved',
        resolutionCode: code,
        parts: request.parts,
        ...(trimmed ? { notes: trimmed } : {}),
      });
    } catch (err) {
      if (err instanceof LoginCancelled) return;
      setError(t('tickets.changeFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="resolve-form"
      aria-label={t('resolve.title')}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h3>{t('resolve.title')}</h3>
      {stillActive ? (
        <div className="resolve-warning" role="alert">
          <strong>{t('resolve.stillActive')}</strong>
          <ul>
            {props.activeAlarms.map((a) => (
              <li key={a.id}>
                {t('resolve.activeAlarm', {
                  title: localized(a.title, i18n.language),
                  since: formatDateTime(a.raisedAt, props.timezone, i18n.language),
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <fieldset className="resolve-step">
        <legend>{t('resolve.code')}</legend>
        <div className="choices">
          {resolutionCodesFor(props.equipmentType).map((c) => (
            <button
              key={c}
              type="button"
              className={`choice ${code === c ? 'selected' : ''}`}
              aria-pressed={code === c}
              data-resolution-code={c}
              onClick={() => setCode(c)}
            >
              {t(`resolve.codes.${c}`)}
            </button>
          ))}
        </div>
      </fieldset>
      <PartsUsed
        equipmentType={props.equipmentType}
        parts={props.parts}
        used={used}
        onChange={setUsed}
        problems={request.ok ? {} : request.problems}
      />
      <label className="field">
        <span>{t('resolve.notes')}</span>
        <textarea value={notes} maxLength={4000} rows={3} onChange={(e) => setNotes(e.target.value)} />
      </label>
      {!code ? <p className="resolve-hint">{t('resolve.codeRequired')}</p> : null}
      {error ? (
        <p className="dialog-error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button
          type="submit"
          className={stillActive ? 'primary resolve-anyway' : 'primary'}
          disabled={busy || !code || !request.ok}
        >
          {stillActive ? t('resolve.submitAnyway') : t('resolve.submit')}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('resolve.cancel')}
        </button>
      </div>
    </form>
  );
}
