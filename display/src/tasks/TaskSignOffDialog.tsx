import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkOrderView } from '../../../shared/api/maintenance';
import { localized } from '../../../shared/browser/locale';
import { LoginCancelled } from '../auth/person-session';
import { NumberEntry } from './NumberEntry';
import { checkMeasurement, type Measurement, rangeText, stepsToMeasure } from './task-state';

interface TaskSignOffDialogProps {
  task: WorkOrderView;
  equipmentName: string;
  /** signs the task off with the measured values (asks for the PIN); rejects on failure */
  onSubmit: (values: Record<string, number>) => Promise<void>;
  onCancel: () => void;
  /** out of range twice is a broken machine, not a typo: straight to the report */
  onReport: (equipmentId: string) => void;
}

/** A task that asks for a measurement: the value first, checked against its range, then the PIN. */
export function TaskSignOffDialog({
  task,
  equipmentName,
  onSubmit,
  onCancel,
  onReport,
}: TaskSignOffDialogProps) {
  const { t, i18n } = useTranslation();
  const steps = stepsToMeasure(task);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const checks = new Map<string, Measurement>(
    steps.map((s) => [s.stepId, checkMeasurement(s, texts[s.stepId] ?? '')]),
  );
  const allGood = [...checks.values()].every((c) => c.ok);
  const outOfRange = [...checks.values()].some((c) => !c.ok && c.reason === 'out_of_range');

  function problemFor(stepId: string, range: string): string | undefined {
    const check = checks.get(stepId);
    if (!check || check.ok) return undefined;
    if (check.reason === 'out_of_range') return t('tasks.outOfRange', { range });
    if (!tried) return undefined;
    return check.reason === 'empty' ? t('tasks.valueMissing') : t('tasks.notANumber');
  }

  async function submit() {
    setTried(true);
    if (!allGood) return;
    const values: Record<string, number> = {};
    for (const [stepId, check] of checks) if (check.ok) values[stepId] = check.value;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(values);
    } catch (err) {
      if (err instanceof LoginCancelled) return;
      setError(t('tasks.signOffFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t('tasks.measureTitle')}>
      <div className="dialog task-dialog" data-task-id={task.id}>
        <h2>{localized(task.title, i18n.language)}</h2>
        <p className="dialog-sub">{equipmentName}</p>
        {steps.map((step) => {
          const range = step.measure ? rangeText(step.measure) : '';
          return (
            <NumberEntry
              key={step.stepId}
              label={localized(step.title, i18n.language)}
              range={range}
              value={texts[step.stepId] ?? ''}
              onChange={(text) => setTexts((all) => ({ ...all, [step.stepId]: text }))}
              problem={problemFor(step.stepId, range)}
            />
          );
        })}
        {error ? (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('pin.cancel')}
          </button>
          {outOfRange ? (
            <button type="button" className="secondary" onClick={() => onReport(task.equipmentId)}>
              {t('app.report')}
            </button>
          ) : null}
          <button
            type="button"
            className="primary"
            disabled={busy || (tried && !allGood) || outOfRange}
            onClick={() => void submit()}
          >
            ✓ {t('tasks.signOff')}
          </button>
        </div>
      </div>
    </div>
  );
}
