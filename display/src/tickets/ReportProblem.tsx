import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EquipmentView } from '../../../shared/api/equipment';
import type { ProblemCategory } from '../../../shared/api/tickets';
import { localized } from '../../../shared/browser/locale';
import { LoginCancelled } from '../auth/person-session';
import { equipmentByStation } from './equipment-by-station';
import { categoryOf, faultsFor, type ProblemFault } from './problem-faults';

/** What the report sends: the fault in the display's words and its nearest API category. */
export interface ProblemReport {
  equipmentId: string;
  fault: ProblemFault;
  category: ProblemCategory;
  note?: string;
}

interface ReportProblemProps {
  equipment: readonly EquipmentView[];
  /** sends the report (asking for a PIN first where needed); resolves with the ticket id */
  onSend: (report: ProblemReport) => Promise<number>;
  /** start with this equipment chosen (from its detail screen) */
  initialEquipmentId?: string;
}

type Outcome = { ok: true; id: number; equipment: string } | { ok: false; message: string };

/**
 * Three taps: equipment → what is wrong → send. The machines are grouped by station as on
 * the board, and only faults that fit the chosen machine's kind are offered (no "not
 * cooling" for a fryer). The note is there for who wants it, never required.
 */
export function ReportProblem({ equipment, onSend, initialEquipmentId }: ReportProblemProps) {
  const { t, i18n } = useTranslation();
  const [equipmentId, setEquipmentId] = useState<string | undefined>(initialEquipmentId);
  const [fault, setFault] = useState<ProblemFault | undefined>();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | undefined>();
  const chosen = equipment.find((e) => e.id === equipmentId);
  const faults = chosen ? faultsFor(chosen.type) : [];

  async function send() {
    if (!equipmentId || !fault) return;
    setBusy(true);
    try {
      const trimmed = note.trim();
      const id = await onSend({
        equipmentId,
        fault,
        category: categoryOf(fault),
        ...(trimmed ? { note: trimmed } : {}),
      });
      setOutcome({ ok: true, id, equipment: chosen ? localized(chosen.name, i18n.language) : equipmentId });
      setEquipmentId(undefined);
      setFault(undefined);
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
          {equipmentByStation(equipment).map(([station, items]) => (
            <div key={station} className="report-station" data-station={station}>
              <h3 className="report-station-name">
                {i18n.exists(`station.${station}`) ? t(`station.${station}`) : station}
              </h3>
              <div className="choices">
                {items.map((e) => (
                  <button
                    key={e.id}
                    type="button"
                    className={`choice ${equipmentId === e.id ? 'selected' : ''}`}
                    aria-pressed={equipmentId === e.id}
                    data-equipment-id={e.id}
                    onClick={() => {
                      setEquipmentId(e.id);
                      // A fault of the last machine may not fit this one (a fryer does not "stop cooling").
                      if (fault && !faultsFor(e.type).includes(fault)) setFault(undefined);
                      setOutcome(undefined);
                    }}
                  >
                    {localized(e.name, i18n.language)}
                  </button>
                ))}
              </div>
            </div>
          ))}
        </fieldset>
        <fieldset className="report-step" disabled={!equipmentId}>
          <legend>{t('report.stepCategory')}</legend>
          <div className="choices">
            {faults.map((f) => (
              <button
                key={f}
                type="button"
                className={`choice ${fault === f ? 'selected' : ''}`}
                aria-pressed={fault === f}
                data-category={f}
                onClick={() => setFault(f)}
              >
                {t(`report.fault.${f}`)}
              </button>
            ))}
          </div>
        </fieldset>
        <fieldset className="report-step" disabled={!equipmentId || !fault}>
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
