import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChecklistStepView } from '../../../shared/api/maintenance';
import { localized } from '../../../shared/browser/locale';
import { LoginCancelled } from '../auth/person-session';
import { NumberEntry } from '../tasks/NumberEntry';
import { checkMeasurement, rangeText } from '../tasks/task-state';

interface StepMeasureDialogProps {
  step: ChecklistStepView;
  /** signs the step with the value (asks for the PIN); rejects on failure */
  onSubmit: (value: number) => Promise<void>;
  onCancel: () => void;
}

/**
 * A technician's measured step. Unlike a staff task, a value out of range is
 * recorded when confirmed: the record of what was found is the point of the check.
 */
export function StepMeasureDialog({ step, onSubmit, onCancel }: StepMeasureDialogProps) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const range = step.measure ? rangeText(step.measure) : '';
  const check = checkMeasurement(step, text);
  const value = check.ok ? check.value : check.reason === 'out_of_range' ? check.value : undefined;
  const problem = check.ok
    ? undefined
    : check.reason === 'out_of_range'
      ? t('maintenance.outOfRangeRecord', { range })
      : tried
        ? t(check.reason === 'empty' ? 'tasks.valueMissing' : 'tasks.notANumber')
        : undefined;

  async function submit() {
    setTried(true);
    if (value === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSubmit(value);
    } catch (err) {
      if (err instanceof LoginCancelled) return;
      setError(t('maintenance.changeFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={t('tasks.measureTitle')}>
      <div className="dialog task-dialog">
        <NumberEntry
          label={localized(step.title, i18n.language)}
          range={range}
          value={text}
          onChange={setText}
          problem={problem}
        />
        {error ? (
          <p className="dialog-error" role="alert">
            {error}
          </p>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={onCancel}>
            {t('pin.cancel')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            {check.ok || value === undefined
              ? `✓ ${t('maintenance.sign')}`
              : `⚠ ${t('maintenance.recordAnyway')}`}
          </button>
        </div>
      </div>
    </div>
  );
}
