import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StockCountRequest, type StockLevelView } from '../../../shared/api/stock';
import { NumberEntry } from '../tasks/NumberEntry';
import { postCount } from './stock-api';
import { entryRange, quantityProblem } from './stock-entry';
import { locationsOf, type StockContext } from './stock-names';
import { namedIngredients, requirePermissionOf, schemaProblem, stockProblem } from './stock-problem';
import { parseStockQuantity } from './stock-quantity';

type Step = 'choose' | 'enter' | 'review';

/**
 * A stock count, ingredient by ingredient on the big pad: choose the location (or all),
 * say whether it is a full count (every ingredient there) or a partial one, count, look
 * it over, then a manager's PIN records it. What is on hand is not shown while counting,
 * so the count is what is on the shelf, not what the screen expected.
 */
export function StockCount({ ctx }: { ctx: StockContext }) {
  const { t } = useTranslation();
  const { words } = ctx;
  const [step, setStep] = useState<Step>('choose');
  const [location, setLocation] = useState('');
  const [full, setFull] = useState(false);
  const [index, setIndex] = useState(0);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [refused, setRefused] = useState<Set<string>>(new Set());
  const [done, setDone] = useState<string | undefined>();

  const scope: StockLevelView[] = ctx.overview.levels.filter(
    (l) => location === '' || l.location === location,
  );
  const parsed = new Map(
    scope.map((l) => [l.ingredient, parseStockQuantity(texts[l.ingredient] ?? '', 'count')]),
  );
  const counted = scope.filter((l) => parsed.get(l.ingredient)?.ok);
  const skipped = scope.filter((l) => (texts[l.ingredient] ?? '').trim() === '');
  const invalid = scope.filter(
    (l) => (texts[l.ingredient] ?? '').trim() !== '' && !parsed.get(l.ingredient)?.ok,
  );
  const current = scope[index];

  function start(chosen: string) {
    setLocation(chosen);
    setIndex(0);
    setTexts({});
    setRefused(new Set());
    setProblem(undefined);
    setDone(undefined);
    setStep('enter');
  }

  async function submit() {
    setProblem(undefined);
    setRefused(new Set());
    const lines = counted.flatMap((l) => {
      const p = parsed.get(l.ingredient);
      return p?.ok ? [{ ingredient: l.ingredient, qty: p.value }] : [];
    });
    const request = StockCountRequest.safeParse({
      ...(location === '' ? {} : { location }),
      full,
      lines,
    });
    if (!request.success) {
      const { path, message } = schemaProblem(request.error);
      setProblem(t('stock.invalid', { path, message }));
      return;
    }
    setBusy(true);
    try {
      const person = await ctx.signIn(t('stock.count.action'));
      requirePermissionOf(person, 'stock.count');
      const levels = await postCount(request.data, person.token);
      setDone(t('stock.count.done', { count: levels.length, name: person.name }));
      setStep('choose');
      setTexts({});
      ctx.changed();
    } catch (err) {
      setProblem(stockProblem(err, t));
      if (err instanceof Error)
        setRefused(
          namedIngredients(
            err.message,
            scope.map((l) => l.ingredient),
          ),
        );
    } finally {
      setBusy(false);
    }
  }

  const feedback = (
    <>
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      {done ? (
        <p className="stock-done notice" role="status">
          {done}
        </p>
      ) : null}
    </>
  );

  if (step === 'choose') {
    return (
      <div className="stock-panel">
        {feedback}
        <h2 className="stock-heading">{t('stock.count.chooseLocation')}</h2>
        <fieldset className="stock-choices">
          <legend className="visually-hidden">{t('stock.count.kind')}</legend>
          <button
            type="button"
            className={`choice ${full ? '' : 'selected'}`}
            aria-pressed={!full}
            onClick={() => setFull(false)}
          >
            {t('stock.count.partial')}
          </button>
          <button
            type="button"
            className={`choice ${full ? 'selected' : ''}`}
            aria-pressed={full}
            onClick={() => setFull(true)}
          >
            {t('stock.count.full')}
          </button>
        </fieldset>
        <p className="dialog-sub">{full ? t('stock.count.fullHint') : t('stock.count.partialHint')}</p>
        <div className="stock-choices">
          <button type="button" className="choice" onClick={() => start('')}>
            {t('stock.allLocations')} ({ctx.overview.levels.length})
          </button>
          {locationsOf(ctx.overview.levels).map((loc) => (
            <button key={loc} type="button" className="choice" onClick={() => start(loc)}>
              {words.location(loc)} ({ctx.overview.levels.filter((l) => l.location === loc).length})
            </button>
          ))}
        </div>
      </div>
    );
  }

  if (step === 'enter' && current) {
    const text = texts[current.ingredient] ?? '';
    const check = parseStockQuantity(text, 'count');
    const last = index === scope.length - 1;
    return (
      <div className="stock-panel">
        <p className="stock-progress">
          {t('stock.count.progress', {
            n: index + 1,
            total: scope.length,
            location: words.location(location),
          })}
        </p>
        <NumberEntry
          label={`${words.ingredient(current.ingredient)} (${words.unit(current.baseUnit)})`}
          range={entryRange('count', current.baseUnit, words)}
          value={text}
          onChange={(value) => setTexts((all) => ({ ...all, [current.ingredient]: value }))}
          problem={text.trim() === '' ? undefined : quantityProblem(check, t)}
        />
        <div className="dialog-actions">
          <button
            type="button"
            className="secondary"
            disabled={index === 0}
            onClick={() => setIndex(index - 1)}
          >
            {t('stock.count.previous')}
          </button>
          {last ? null : (
            <button type="button" className="secondary" onClick={() => setStep('review')}>
              {t('stock.count.review')}
            </button>
          )}
          <button
            type="button"
            className="primary"
            disabled={text.trim() !== '' && !check.ok}
            onClick={() => (last ? setStep('review') : setIndex(index + 1))}
          >
            {text.trim() === ''
              ? t('stock.count.skip')
              : last
                ? t('stock.count.review')
                : t('stock.count.next')}
          </button>
        </div>
      </div>
    );
  }

  const blocked = counted.length === 0 || invalid.length > 0 || (full && skipped.length > 0);
  return (
    <div className="stock-panel">
      <h2 className="stock-heading">
        {t(full ? 'stock.count.reviewFull' : 'stock.count.reviewPartial', {
          location: words.location(location),
        })}
      </h2>
      <table className="stock-table">
        <tbody>
          {scope.map((l, i) => {
            const p = parsed.get(l.ingredient);
            return (
              <tr
                key={l.ingredient}
                className={refused.has(l.ingredient) ? 'stock-refused' : ''}
                data-testid={`stock-count-line-${l.ingredient}`}
              >
                <th scope="row">{words.ingredient(l.ingredient)}</th>
                <td className="stock-num">
                  {p?.ok ? (
                    words.qty(p.value, l.baseUnit)
                  ) : (texts[l.ingredient] ?? '').trim() === '' ? (
                    <span className="stock-untracked">{t('stock.count.skipped')}</span>
                  ) : (
                    <span className="stock-invalid">
                      {quantityProblem(p ?? { ok: false, problem: 'empty' }, t)}
                    </span>
                  )}
                </td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => {
                      setIndex(i);
                      setStep('enter');
                    }}
                  >
                    {t('stock.count.edit')}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {full && skipped.length > 0 ? (
        <p className="dialog-error" role="status">
          {t('stock.count.fullMissing', {
            items: skipped.map((l) => words.ingredient(l.ingredient)).join(', '),
          })}
        </p>
      ) : null}
      {counted.length === 0 ? <p className="empty">{t('stock.count.nothing')}</p> : null}
      {feedback}
      <div className="dialog-actions">
        <button type="button" className="secondary" onClick={() => setStep('choose')}>
          {t('stock.cancel')}
        </button>
        <button type="button" className="primary" disabled={busy || blocked} onClick={() => void submit()}>
          {t('stock.count.submit', { count: counted.length })}
        </button>
      </div>
    </div>
  );
}
