import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StockDeliveryRequest } from '../../../shared/api/stock';
import { NumberEntry } from '../tasks/NumberEntry';
import { postDelivery } from './stock-api';
import { receivedRef } from './stock-dates';
import { entryRange, quantityProblem } from './stock-entry';
import type { StockContext } from './stock-names';
import { namedIngredients, requirePermissionOf, schemaProblem, stockProblem } from './stock-problem';
import { formatQuantity, type ParsedStockQuantity, parseStockQuantity } from './stock-quantity';

/** The edge takes at most this many packs on a line (`DeliveryLine.packs`). */
export const MAX_PACKS = 10_000;

export type By = 'packs' | 'qty';

interface Line {
  ingredient: string;
  by: By;
  value: number;
}

/** Packs are whole and at most 10,000; a quantity is any exact amount of the base unit. */
export function parseAmount(text: string, by: By): ParsedStockQuantity {
  const parsed = parseStockQuantity(text, 'moved');
  if (!parsed.ok || by === 'qty') return parsed;
  if (!Number.isInteger(parsed.value)) return { ok: false, problem: 'notWhole' };
  if (parsed.value > MAX_PACKS) return { ok: false, problem: 'tooMany' };
  return parsed;
}

/**
 * Goods received, line by line: the ingredient, then whole packs (its order pack) or a
 * quantity in its base unit, with the supplier's delivery note if there is one; a
 * manager's PIN records it.
 */
export function StockDelivery({ ctx }: { ctx: StockContext }) {
  const { t, i18n } = useTranslation();
  const { words } = ctx;
  const [lines, setLines] = useState<Line[]>([]);
  const [ingredient, setIngredient] = useState<string | undefined>();
  const [by, setBy] = useState<By>('packs');
  const [text, setText] = useState('');
  const [ref, setRef] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [refused, setRefused] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string | undefined>();
  const level = ctx.overview.levels.find((l) => l.ingredient === ingredient);
  const amount = parseAmount(text, by);
  const unitOf = (id: string) => ctx.overview.levels.find((l) => l.ingredient === id)?.baseUnit ?? 'each';
  const lineText = (line: Line) =>
    line.by === 'packs'
      ? t('stock.delivery.packsOf', { count: line.value })
      : words.qty(line.value, unitOf(line.ingredient));

  function addLine() {
    if (!level || !amount.ok) return;
    setLines((all) => [...all, { ingredient: level.ingredient, by, value: amount.value }]);
    setIngredient(undefined);
    setText('');
  }

  async function submit() {
    setProblem(undefined);
    setDone(undefined);
    setRefused(new Set());
    const request = StockDeliveryRequest.safeParse({
      ref: ref.trim() || receivedRef(ctx.now, ctx.timezone),
      lines: lines.map((l) =>
        l.by === 'packs'
          ? { ingredient: l.ingredient, packs: l.value }
          : { ingredient: l.ingredient, qty: l.value },
      ),
    });
    if (!request.success) {
      const { path, message } = schemaProblem(request.error);
      setProblem(t('stock.invalid', { path, message }));
      return;
    }
    setBusy(true);
    try {
      const person = await ctx.signIn(t('stock.delivery.action'));
      requirePermissionOf(person, 'stock.receive');
      await postDelivery(request.data, person.token);
      setDone(t('stock.delivery.done', { count: lines.length, ref: request.data.ref, name: person.name }));
      setLines([]);
      setRef('');
      ctx.changed();
    } catch (err) {
      setProblem(stockProblem(err, t));
      if (err instanceof Error)
        setRefused(
          namedIngredients(
            err.message,
            lines.map((l) => l.ingredient),
          ),
        );
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
      <label className="field">
        <span>{t('stock.delivery.ref')}</span>
        <input value={ref} maxLength={100} onChange={(e) => setRef(e.target.value)} name="ref" />
      </label>
      <h2 className="stock-heading">{t('stock.delivery.lines', { count: lines.length })}</h2>
      {lines.length ? (
        <ul className="stock-lines">
          {lines.map((line, i) => (
            <li
              // biome-ignore lint/suspicious/noArrayIndexKey: the same ingredient may arrive on two lines
              key={i}
              className={refused.has(line.ingredient) ? 'stock-refused' : ''}
              data-testid={`stock-delivery-line-${i}`}
            >
              <span>
                {words.ingredient(line.ingredient)}: {lineText(line)}
              </span>
              <button
                type="button"
                className="secondary"
                onClick={() => setLines((all) => all.filter((_, j) => j !== i))}
              >
                {t('stock.delivery.remove')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t('stock.delivery.noLines')}</p>
      )}
      <h2 className="stock-heading">{t('stock.delivery.addHeading')}</h2>
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
      {level ? (
        <>
          <fieldset className="stock-choices">
            <legend className="visually-hidden">{t('stock.delivery.by')}</legend>
            <button
              type="button"
              className={`choice ${by === 'packs' ? 'selected' : ''}`}
              aria-pressed={by === 'packs'}
              onClick={() => setBy('packs')}
            >
              {t('stock.delivery.byPacks')}
            </button>
            <button
              type="button"
              className={`choice ${by === 'qty' ? 'selected' : ''}`}
              aria-pressed={by === 'qty'}
              onClick={() => setBy('qty')}
            >
              {t('stock.delivery.byQty', { unit: words.unit(level.baseUnit) })}
            </button>
          </fieldset>
          <NumberEntry
            label={
              by === 'packs'
                ? t('stock.delivery.howManyPacks', { ingredient: words.ingredient(level.ingredient) })
                : t('stock.delivery.howMuch', {
                    ingredient: words.ingredient(level.ingredient),
                    unit: words.unit(level.baseUnit),
                  })
            }
            range={
              by === 'packs'
                ? `1 – ${formatQuantity(MAX_PACKS, i18n.language)}`
                : entryRange('moved', level.baseUnit, words)
            }
            value={text}
            onChange={setText}
            problem={text.trim() === '' ? undefined : quantityProblem(amount, t)}
          />
          <div className="dialog-actions">
            <button type="button" className="secondary" disabled={!amount.ok} onClick={addLine}>
              {t('stock.delivery.add')}
            </button>
          </div>
        </>
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="dialog-actions">
        <button
          type="button"
          className="primary"
          disabled={busy || lines.length === 0}
          onClick={() => void submit()}
        >
          {t('stock.delivery.submit')}
        </button>
      </div>
    </div>
  );
}
