import { useTranslation } from 'react-i18next';
import type { PartView } from '../../../shared/api/parts';
import type { Resource } from '../app/use-edge-resource';
import { parsePartQuantity, type QuantityProblem } from './part-quantity';
import type { ResolveRequest } from './resolve-request';

/** A part on the repair as typed so far: the quantity stays text until it is sent. */
export interface PartUse {
  partNumber: string;
  quantityText: string;
}

type PartsRequest =
  | { ok: true; parts: ResolveRequest['parts'] }
  | { ok: false; problems: Record<string, QuantityProblem> };

/** The parts as the resolve sends them, or what is wrong with each quantity that cannot be sent. */
export function partsRequest(used: readonly PartUse[], catalogue: readonly PartView[]): PartsRequest {
  const parts: ResolveRequest['parts'] = [];
  const problems: Record<string, QuantityProblem> = {};
  for (const use of used) {
    const part = catalogue.find((p) => p.partNumber === use.partNumber);
    if (!part) continue;
    const quantity = parsePartQuantity(use.quantityText, part.decimals);
    if (quantity.ok) parts.push({ name: part.name, partNumber: part.partNumber, quantity: quantity.value });
    else problems[use.partNumber] = quantity.problem;
  }
  return Object.keys(problems).length ? { ok: false, problems } : { ok: true, parts };
}

interface PartsUsedProps {
  equipmentType: string;
  parts: Resource<PartView[]>;
  used: readonly PartUse[];
  onChange: (used: PartUse[]) => void;
  problems: Partial<Record<string, QuantityProblem>>;
}

/** Parts for this kind of machine first; the rest of the store's parts after them, since repairs improvise. */
export function PartsUsed({ equipmentType, parts, used, onChange, problems }: PartsUsedProps) {
  const { t } = useTranslation();
  if (parts.status !== 'ok') {
    return (
      <fieldset className="resolve-step parts-used">
        <legend>{t('resolve.parts')}</legend>
        <p className="empty">
          {parts.status === 'loading'
            ? t('app.loading')
            : t('resolve.partsUnavailable', { message: parts.message })}
        </p>
      </fieldset>
    );
  }
  const chosen = new Set(used.map((u) => u.partNumber));
  const left = parts.data.filter((p) => !chosen.has(p.partNumber));
  const fitting = left.filter((p) => p.equipmentTypes.includes(equipmentType));
  const others = left.filter((p) => !p.equipmentTypes.includes(equipmentType));
  const update = (partNumber: string, quantityText: string) =>
    onChange(used.map((u) => (u.partNumber === partNumber ? { partNumber, quantityText } : u)));

  return (
    <fieldset className="resolve-step parts-used">
      <legend>{t('resolve.parts')}</legend>
      {used.length === 0 ? <p className="empty">{t('resolve.noParts')}</p> : null}
      <ul className="parts-list">
        {used.map((use) => {
          const part = parts.data.find((p) => p.partNumber === use.partNumber);
          if (!part) return null;
          const problem = problems[use.partNumber];
          const parsed = parsePartQuantity(use.quantityText, part.decimals);
          const short = parsed.ok && parsed.value > part.onHand;
          return (
            <li key={use.partNumber} className="part-row" data-part-number={use.partNumber}>
              <span className="part-name">
                {part.name} <small>{part.partNumber}</small>
              </span>
              <label className="part-quantity">
                <input
                  type="text"
                  inputMode={part.decimals > 0 ? 'decimal' : 'numeric'}
                  aria-label={t('resolve.quantityOf', { part: part.name })}
                  aria-invalid={problem !== undefined}
                  value={use.quantityText}
                  onChange={(e) => update(use.partNumber, e.target.value)}
                />
                <span>{part.unit}</span>
              </label>
              <span className="part-stock">
                {t('resolve.onHand', { amount: part.onHand, unit: part.unit })}
              </span>
              <button
                type="button"
                className="secondary"
                aria-label={t('resolve.removePart', { part: part.name })}
                onClick={() => onChange(used.filter((u) => u.partNumber !== use.partNumber))}
              >
                ✕
              </button>
              {problem ? (
                <span className="dialog-error part-problem" role="alert">
                  {t(`resolve.quantity.${problem}`, { unit: part.unit, decimals: part.decimals })}
                </span>
              ) : short ? (
                <span className="badge-warning part-problem">
                  {t('resolve.beyondStock', { amount: part.onHand, unit: part.unit })}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
      {left.length ? (
        <label className="field">
          <span>{t('resolve.addPart')}</span>
          <select
            value=""
            onChange={(e) => {
              if (e.target.value) onChange([...used, { partNumber: e.target.value, quantityText: '1' }]);
            }}
          >
            <option value="">{t('resolve.choosePart')}</option>
            {fitting.length ? (
              <optgroup label={t('resolve.partsForThis')}>
                {fitting.map((p) => (
                  <PartOption key={p.partNumber} part={p} />
                ))}
              </optgroup>
            ) : null}
            {others.length ? (
              <optgroup label={t('resolve.otherParts')}>
                {others.map((p) => (
                  <PartOption key={p.partNumber} part={p} />
                ))}
              </optgroup>
            ) : null}
          </select>
        </label>
      ) : null}
    </fieldset>
  );
}

function PartOption({ part }: { part: PartView }) {
  const { t } = useTranslation();
  return (
    <option value={part.partNumber}>
      {part.name} ({part.partNumber}) · {t('resolve.onHand', { amount: part.onHand, unit: part.unit })}
    </option>
  );
}
