import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BatchView, MAX_BATCHES_MADE, StockBatchRequest } from '../../../../shared/api/stock';
import { localized } from '../../../../shared/browser/locale';
import { fromThousandths, toThousandths } from '../../../../shared/quantity';
import { formatDateTime } from '../../app/format';
import { NumberEntry } from '../../tasks/NumberEntry';
import type { StockContext } from '../stock-names';
import { schemaProblem, stockProblem } from '../stock-problem';
import { postBatch } from './batch-api';
import { parseBatchCount } from './batch-count';

type Step = 'enter' | 'confirm';

/**
 * Making a batch of a sub-recipe kept as stock (the sauce in its tubs): pick it, say how
 * many batches on the big pad, check what that makes and uses, confirm, then a PIN says
 * who made it. Anyone logged in may, as with waste: the cooks make the sauce. Nothing
 * shows when the store makes nothing in batches.
 */
export function StockBatches({ ctx }: { ctx: StockContext }) {
  const { t, i18n } = useTranslation();
  const { words } = ctx;
  const [chosen, setChosen] = useState<string | undefined>();
  const [text, setText] = useState('');
  const [step, setStep] = useState<Step>('enter');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const batches = ctx.overview.batches;
  if (batches.length === 0) return null;

  const batch = batches.find((b) => b.subRecipe === chosen);
  const count = parseBatchCount(text);
  const name = (b: BatchView) => localized(b.name, i18n.language);
  const uses = (b: BatchView, times: number) =>
    b.ingredients
      .map((line) => {
        const unit = ctx.overview.levels.find((l) => l.ingredient === line.ingredient)?.baseUnit ?? 'each';
        return `${words.qty(multiplied(line.qty, times), unit)} ${words.ingredient(line.ingredient)}`;
      })
      .join(', ');
  const made = (b: BatchView, times: number) => words.qty(multiplied(b.yield, times), b.unit);

  function choose(b: BatchView) {
    setChosen(b.subRecipe);
    setText(b.suggestedBatches === null ? '' : String(b.suggestedBatches));
    setStep('enter');
    setProblem(undefined);
    setDone(undefined);
  }

  async function submit() {
    if (!batch || !count.ok) return;
    setProblem(undefined);
    const request = StockBatchRequest.safeParse({ subRecipe: batch.subRecipe, batches: count.value });
    if (!request.success) {
      const { path, message } = schemaProblem(request.error);
      setProblem(t('stock.invalid', { path, message }));
      return;
    }
    setBusy(true);
    try {
      const person = await ctx.signIn(t('stock.batches.action', { count: count.value, name: name(batch) }));
      const result = await postBatch(request.data, person.token);
      const said = {
        name: person.name,
        count: result.batches ?? count.value,
        item: name(batch),
        qty: words.qty(result.qty, batch.unit),
      };
      setDone(
        result.expiresAt === null
          ? t('stock.batches.done', said)
          : t('stock.batches.doneUntil', {
              ...said,
              until: formatDateTime(result.expiresAt, ctx.timezone, i18n.language),
            }),
      );
      setChosen(undefined);
      setText('');
      setStep('enter');
      ctx.changed();
    } catch (err) {
      setProblem(stockProblem(err, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section
      className="stock-panel stock-batches"
      data-testid="stock-batches"
      aria-label={t('stock.batches.title')}
    >
      <h2 className="stock-heading">{t('stock.batches.title')}</h2>
      {done ? (
        <p className="stock-done notice" role="status">
          {done}
        </p>
      ) : null}
      <div className="stock-choices">
        {batches.map((b) => (
          <button
            key={b.subRecipe}
            type="button"
            className={`choice ${chosen === b.subRecipe ? 'selected' : ''}`}
            aria-pressed={chosen === b.subRecipe}
            onClick={() => choose(b)}
          >
            {name(b)}
            {b.suggestedBatches === null ? null : (
              <span className="stock-batch-suggested">
                {' '}
                · {t('stock.batches.below', { count: b.suggestedBatches })}
              </span>
            )}
          </button>
        ))}
      </div>
      {batch ? (
        <>
          <p className="dialog-sub">
            {t('stock.batches.perBatch', { qty: made(batch, 1), uses: uses(batch, 1) })}
            {batch.shelfLifeHours === null
              ? null
              : ` ${t('stock.batches.shelfLife', { hours: batch.shelfLifeHours })}`}
            {batch.lastMadeAt === null
              ? null
              : ` ${t('stock.batches.lastMade', { at: formatDateTime(batch.lastMadeAt, ctx.timezone, i18n.language) })}`}
          </p>
          {step === 'enter' ? (
            <NumberEntry
              label={t('stock.batches.howMany', { name: name(batch) })}
              range={`1 – ${MAX_BATCHES_MADE}`}
              value={text}
              onChange={setText}
              problem={
                text.trim() === '' || count.ok
                  ? undefined
                  : t(`stock.batches.problem.${count.problem}`, { max: MAX_BATCHES_MADE })
              }
            />
          ) : null}
          {count.ok ? (
            <p className="stock-batch-summary" data-testid="stock-batch-summary">
              {t('stock.batches.makes', {
                count: count.value,
                yield: made(batch, 1),
                qty: made(batch, count.value),
                name: name(batch),
                uses: uses(batch, count.value),
              })}
            </p>
          ) : null}
        </>
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      {batch && step === 'enter' ? (
        <div className="dialog-actions">
          <button type="button" className="primary" disabled={!count.ok} onClick={() => setStep('confirm')}>
            {t('stock.batches.review')}
          </button>
        </div>
      ) : null}
      {batch && step === 'confirm' && count.ok ? (
        <div className="dialog-actions">
          <button type="button" className="secondary" onClick={() => setStep('enter')}>
            {t('stock.batches.change')}
          </button>
          <button type="button" className="primary" disabled={busy} onClick={() => void submit()}>
            {t('stock.batches.submit', { count: count.value })}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** Whole batches of an exact quantity, in thousandths so 3 × 0.1 shows as 0.3. */
function multiplied(qty: number, batches: number): number {
  return fromThousandths(toThousandths(qty) * batches);
}
