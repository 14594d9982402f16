import { useTranslation } from 'react-i18next';

interface NumberEntryProps {
  /** the question, already translated: what to measure */
  label: string;
  /** "0 – 4 °C": what the answer should be */
  range: string;
  value: string;
  onChange: (value: string) => void;
  /** a problem with what was typed, already translated */
  problem?: string | undefined;
}

/** Calculator order, four columns: the sign, point and delete where a thumb finds them. */
const KEYS = ['7', '8', '9', '⌫', '4', '5', '6', '±', '1', '2', '3', '.', '0'];
const MAX_CHARS = 8;

/**
 * A measured value typed on a big keypad (a probe in one hand, gloves on), with a
 * field that also takes a keyboard. The range is in view while typing.
 */
export function NumberEntry({ label, range, value, onChange, problem }: NumberEntryProps) {
  const { t } = useTranslation();
  const press = (key: string) => onChange((value + key).slice(0, MAX_CHARS));
  const toggleSign = () => onChange(value.startsWith('-') ? value.slice(1) : `-${value}`);
  return (
    <div className="number-entry">
      <label className="number-field">
        <span className="number-label">{label}</span>
        <span className="number-range">{t('tasks.range', { range })}</span>
        <input
          className={`number-input ${problem ? 'invalid' : ''}`}
          inputMode="decimal"
          autoComplete="off"
          value={value}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => onChange(e.target.value.slice(0, MAX_CHARS))}
        />
      </label>
      {problem ? (
        <p className="number-problem" role="alert">
          <span aria-hidden="true">⚠ </span>
          {problem}
        </p>
      ) : null}
      <div className="pin-pad number-pad">
        {KEYS.map((k) =>
          k === '⌫' ? (
            <button
              key={k}
              type="button"
              className="pin-key pin-key-small"
              aria-label={t('pin.backspace')}
              onClick={() => onChange(value.slice(0, -1))}
            >
              ⌫
            </button>
          ) : k === '±' ? (
            <button
              key={k}
              type="button"
              className="pin-key"
              aria-label={t('tasks.minus')}
              onClick={toggleSign}
            >
              ±
            </button>
          ) : k === '.' ? (
            <button
              key={k}
              type="button"
              className="pin-key"
              aria-label={t('tasks.point')}
              onClick={() =>
                !value.includes('.') && press(value === '' || value === '-' ? `${value}0.` : '.')
              }
            >
              .
            </button>
          ) : (
            <button
              key={k}
              type="button"
              className={`pin-key ${k === '0' ? 'number-zero' : ''}`}
              onClick={() => press(k)}
            >
              {k}
            </button>
          ),
        )}
      </div>
    </div>
  );
}
