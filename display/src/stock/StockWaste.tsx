import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StockWasteRequest } from '../../../shared/api/stock';
import { NumberEntry } from '../tasks/NumberEntry';
import { postWaste } from './stock-api';
import { entryRange, quantityProblem } from './stock-entry';
import type { StockContext } from './stock-names';
import { schemaProblem, stockProblem } from './stock-problem';
import { parseStockQuantity } from './stock-quantity';

/**
 * The reasons offered as buttons. The edge takes any reason in words (`StockWasteRequest.reason`);
 * these are the ones its contract names, sent as these stable words so central can group
 * them whatever language the display speaks; "other" sends what the person typed.
 */
export const WASTE_REASONS = ['dropped', 'spoiled', 'burnt', 'expired', 'other'] as const;
type WasteReason = (typeof WASTE_REASONS)[number];

/** Waste, logged by whoever dropped it: the ingredient, how much, why, then their PIN. */
export function StockWaste({ ctx }: { ctx: StockContext }) {
  const { t } = useTranslation();
  const { words } = ctx;
  const [ingredient, setIngredient] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [reason, setReason] = useState<WasteReason | undefined>();
  const [other, setOther] = useState('');
  const [tried, setTried] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const level = ctx.overview.levels.find((l) => l.ingredient === ingredient);
  const qty = parseStockQuantity(text, 'moved');
  const said = reason === 'other' ? other.trim() : reason;

  async function submit() {
    setTried(true);
    setProblem(undefined);
    setDone(undefined);
    if (!level || !qty.ok || !said) return;
    const request = StockWasteRequest.safeParse({
      ingredient: level.ingredient,
      qty: qty.value,
      reason: said,
    });
    if (!request.success) {
      const { path, message } = schemaProblem(request.error);
      setProblem(t('stock.invalid', { path, message }));
      return;
    }
    setBusy(true);
    try {
      const person = await ctx.signIn(
        t('stock.waste.action', { ingredient: words.ingredient(level.ingredient) }),
      );
      await postWaste(request.data, person.token);
      setDone(
        t('stock.waste.done', {
          qty: words.qty(qty.value, level.baseUnit),
          ingredient: words.ingredient(level.ingredient),
          reason: reason === 'other' ? said : t(`stock.waste.reason.${reason ?? 'other'}`),
          name: person.name,
        }),
      );
      setIngredient(undefined);
      setText('');
      setReason(undefined);
      setOther('');
      setTried(false);
      ctx.changed();
    } catch (err) {
      setProblem(stockProblem(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="stock-panel">
      {done ? (
        <p className="stock-done notice" role="status">
          {done}
        </p>
      ) : null}
      <h2 className="stock-heading">{t('stock.waste.which')}</h2>
      <div className="stock-choices">
        {ctx.overview.levels.map((l) => (
          <button
            key={l.ingredient}
            type="button"
            className={`choice ${ingredient === l.ingredient ? 'selected' : ''}`}
            aria-pressed={ingredient === l.ingredient}
            onClick={() => setIngredient(l.ingredient)}
          >
            {words.ingredient(l.ingredient)}
          </button>
        ))}
      </div>
      {tried && !level ? <p className="dialog-error">{t('stock.waste.pickIngredient')}</p> : null}
      {level ? (
        <NumberEntry
          label={t('stock.waste.howMuch', { unit: words.unit(level.baseUnit) })}
          range={entryRange('moved', level.baseUnit, words)}
          value={text}
          onChange={setText}
          problem={text.trim() === '' && !tried ? undefined : quantityProblem(qty, t)}
        />
      ) : null}
      <h2 className="stock-heading">{t('stock.waste.why')}</h2>
      <div className="stock-choices">
        {WASTE_REASONS.map((r) => (
          <button
            key={r}
            type="button"
            className={`choice ${reason === r ? 'selected' : ''}`}
            aria-pressed={reason === r}
            onClick={() => setReason(r)}
          >
            {t(`stock.waste.reason.${r}`)}
          </button>
        ))}
      </div>
      {reason === 'other' ? (
        <label className="field">
          <span>{t('stock.waste.otherReason')}</span>
          <input value={other} maxLength={500} onChange={(e) => setOther(e.target.value)} />
        </label>
      ) : null}
      {tried && !said ? <p className="dialog-error">{t('stock.waste.pickReason')}</p> : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
          {t('stock.waste.submit')}
        </button>
      </div>
    </div>
  );
}
