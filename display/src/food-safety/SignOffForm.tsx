import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type CorrectiveActionSignOff,
  type Disposition,
  type QuantityUnit,
  QuantityUnit as Units,
} from '../../../shared/api/food-safety';
import { parseStockQuantity } from '../stock/stock-quantity';
import { NumberEntry } from '../tasks/NumberEntry';

/** The steps offered as buttons; what is sent is their words in the screen's language, with anything typed. */
export const QUICK_STEPS = [
  'movedFood',
  'closedDoor',
  'checkedProbe',
  'adjusted',
  'calledRepair',
  'defrosted',
] as const;
const DISPOSITIONS: readonly Disposition[] = ['kept', 'moved', 'discarded'];
/** A batch that missed its cooling time is reheated and cooled again, or thrown away: nothing else is allowed. */
const COOLING_DISPOSITIONS: readonly Disposition[] = ['reheat_recool', 'discarded'];
/** The contract's ceiling for a quantity (`ProductQuantity`). */
const MAX_AMOUNT = 100_000;

export type SignOffDetails = Omit<CorrectiveActionSignOff, 'user' | 'pin'>;

interface SignOffFormProps {
  /** other units product can go to, already in words */
  places: string[];
  busy: boolean;
  /** the action is for a cooling batch that missed a stage */
  cooling?: boolean;
  onSubmit: (details: SignOffDetails) => void;
  onCancel: () => void;
}

/**
 * What the person in charge records before signing: what was done (quick choices and
 * words), what became of the product and how much, on the big pad. The PIN comes last.
 */
export function SignOffForm({ places, busy, cooling = false, onSubmit, onCancel }: SignOffFormProps) {
  const { t } = useTranslation();
  const [steps, setSteps] = useState<string[]>([]);
  const [words, setWords] = useState('');
  const [disposition, setDisposition] = useState<Disposition | undefined>();
  const [movedTo, setMovedTo] = useState('');
  const [amount, setAmount] = useState('');
  const [unit, setUnit] = useState<QuantityUnit>('kg');
  const [tried, setTried] = useState(false);
  const qty = parseStockQuantity(amount, 'count');
  const qtyProblem = !qty.ok
    ? t(
        `foodSafety.signOff.qtyProblem.${qty.problem === 'notWhole' || qty.problem === 'zero' ? 'notANumber' : qty.problem}`,
      )
    : qty.value > MAX_AMOUNT
      ? t('foodSafety.signOff.qtyProblem.tooMany')
      : undefined;
  const whatDone = [...steps.map((s) => t(`foodSafety.signOff.step.${s}`)), words.trim()]
    .filter(Boolean)
    .join('; ');

  function submit() {
    setTried(true);
    if (!whatDone || !disposition || qtyProblem || !qty.ok) return;
    if (disposition === 'moved' && !movedTo.trim()) return;
    onSubmit({
      whatDone,
      disposition,
      quantity: { amount: qty.value, unit },
      ...(disposition === 'moved' ? { movedTo: movedTo.trim() } : {}),
    });
  }

  const toggle = (s: string) =>
    setSteps((now) => (now.includes(s) ? now.filter((x) => x !== s) : [...now, s]));

  return (
    <div className="fs-sign-off" data-testid="fs-sign-off">
      <h3 className="fs-subheading">{t('foodSafety.signOff.whatDone')}</h3>
      <div className="stock-choices">
        {QUICK_STEPS.map((s) => (
          <button
            key={s}
            type="button"
            className={`choice ${steps.includes(s) ? 'selected' : ''}`}
            aria-pressed={steps.includes(s)}
            onClick={() => toggle(s)}
          >
            {t(`foodSafety.signOff.step.${s}`)}
          </button>
        ))}
      </div>
      <label className="field">
        <span>{t('foodSafety.signOff.words')}</span>
        <input value={words} maxLength={1500} onChange={(e) => setWords(e.target.value)} />
      </label>
      {tried && !whatDone ? <p className="dialog-error">{t('foodSafety.signOff.pickWhatDone')}</p> : null}

      <h3 className="fs-subheading">{t('foodSafety.signOff.product')}</h3>
      <div className="stock-choices">
        {(cooling ? COOLING_DISPOSITIONS : DISPOSITIONS).map((d) => (
          <button
            key={d}
            type="button"
            className={`choice fs-disposition-${d} ${disposition === d ? 'selected' : ''}`}
            aria-pressed={disposition === d}
            onClick={() => setDisposition(d)}
          >
            {t(`foodSafety.signOff.choose.${d}`)}
          </button>
        ))}
      </div>
      {tried && !disposition ? (
        <p className="dialog-error">{t('foodSafety.signOff.pickDisposition')}</p>
      ) : null}
      {disposition === 'moved' ? (
        <>
          <h3 className="fs-subheading">{t('foodSafety.signOff.movedTo')}</h3>
          <div className="stock-choices">
            {places.map((p) => (
              <button
                key={p}
                type="button"
                className={`choice ${movedTo === p ? 'selected' : ''}`}
                aria-pressed={movedTo === p}
                onClick={() => setMovedTo(p)}
              >
                {p}
              </button>
            ))}
          </div>
          <label className="field">
            <span>{t('foodSafety.signOff.movedToWords')}</span>
            <input value={movedTo} maxLength={200} onChange={(e) => setMovedTo(e.target.value)} />
          </label>
          {tried && !movedTo.trim() ? (
            <p className="dialog-error">{t('foodSafety.signOff.pickMovedTo')}</p>
          ) : null}
        </>
      ) : null}

      <h3 className="fs-subheading">{t('foodSafety.signOff.unit')}</h3>
      <fieldset className="fs-units stock-choices" aria-label={t('foodSafety.signOff.unit')}>
        {Units.options.map((u) => (
          <button
            key={u}
            type="button"
            className={`choice ${unit === u ? 'selected' : ''}`}
            aria-pressed={unit === u}
            onClick={() => setUnit(u)}
          >
            {t(`foodSafety.unit.${u}`)}
          </button>
        ))}
      </fieldset>
      <div className="fs-quantity">
        <NumberEntry
          label={t('foodSafety.signOff.howMuch', { unit: t(`foodSafety.unit.${unit}`) })}
          range={`0 – ${MAX_AMOUNT.toLocaleString('en')}`}
          value={amount}
          onChange={setAmount}
          problem={amount.trim() === '' && !tried ? undefined : qtyProblem}
        />
      </div>

      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={onCancel}>
          {t('foodSafety.signOff.cancel')}
        </button>
        <button type="button" className="primary" disabled={busy} onClick={submit}>
          {t('foodSafety.signOff.submit')}
        </button>
      </div>
    </div>
  );
}
