import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EquipmentView } from '../../../shared/api/equipment';
import { ProblemCategory as Categories, type ProblemCategory } from '../../../shared/api/tickets';
import { localized } from '../../../shared/browser/locale';
import { LoginCancelled } from '../auth/person-session';

interface ReportProblemProps {
  equipment: readonly EquipmentView[];
  /** sends the report (asking for a PIN first where needed); resolves with the ticket id */
  onSend: (report: { equipmentId: string; category: ProblemCategory; note?: string }) => Promise<number>;
  /** start with this equipment chosen (from its detail screen) */
  initialEquipmentId?: string;
}

type Outcome = { ok: true; id: number; equipment: string } | { ok: false; message: string };

/** Three taps: equipment → what is wrong → send. The note is there for who wants it, never required. */
export function ReportProblem({ equipment, onSend, initialEquipmentId }: ReportProblemProps) {
  const { t, i18n } = useTranslation();
  const [equipmentId, setEquipmentId] = useState<string | undefined>(initialEquipmentId);
  const [category, setCategory] = useState<ProblemCategory | undefined>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const chosen = equipment.find((e) => e.id === equipmentId);

  async function send() {
    if (!equipmentId || !category) return;
    setBusy(true);
    try {
      const trimmed = note.trim();
      const id = await onSend({ equipmentId, category, ...(trimmed ? { note: trimmed } : {}) });
      setOutcome({ ok: true, id, equipment: chosen ? localized(chosen.name, i18n.language) : equipmentId });
      setEquipmentId(undefined);
      setCategory(undefined);
      setNote('');
    } catch (err) {
      if (err instanceof LoginCancelled) return;
      setOutcome({ ok: false, message: err instanceof Error ? err.message : String(err) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="report" aria-label={t('report.title')}>
      <h2>{t('report.title')}</h2>
      {outcome ? (
        <p className={outcome.ok ? 'report-sent' : 'dialog-error'} role="status">
          {outcome.ok
            ? t('report.sent', { id: outcome.id, equipment: outcome.equipment })
            : t('report.failed', { message: outcome.message })}
        </p>
      ) : null}
      <div className="report-steps">
        <fieldset className="report-step">
          <legend>{t('report.stepEquipment')}</legend>
          <div className="choices">
            {equipment.map((e) => (
              <button
                key={e.id}
                type="button"
                className={`choice ${equipmentId === e.id ? 'selected' : ''}`}
                aria-pressed={equipmentId === e.id}
                data-equipment-id={e.id}
                onClick={() => {
                  setEquipmentId(e.id);
                  setOutcome(undefined);
                }}
              >
                {localized(e.name, i18n.language)}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset className="report-step" disabled={!equipmentId}>
          <legend>{t('report.stepCategory')}</legend>
          <div className="choices">
            {Categories.options.map((c) => (
              <button
                key={c}
                type="button"
                className={`choice ${category === c ? 'selected' : ''}`}
                aria-pressed={category === c}
                data-category={c}
                onClick={() => setCategory(c)}
              >
                {t(`report.category.${c}`)}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset className="report-step" disabled={!equipmentId || !category}>
          <legend>{t('report.stepSend')}</legend>
          <label className="field">
            <span>{t('report.note')}</span>
            <textarea value={note} maxLength={2000} rows={2} onChange={(e) => setNote(e.target.value)} />
          </label>
          <button type="button" className="primary send" disabled={busy} onClick={() => void send()}>
            {t('report.send')}
          </button>
        </fieldset>
      </div>
    </section>
  );
}
