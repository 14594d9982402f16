import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReorderResult, ReorderSuggestion } from '../../../shared/api/stock';
import { formatDateTime } from '../app/format';
import { useEdgeResource } from '../app/use-edge-resource';
import { postReorder, ReorderSuggestionList, StockPurchaseList, stockPaths } from './stock-api';
import type { StockContext } from './stock-names';
import { requirePermissionOf, stockProblem } from './stock-problem';

/**
 * What fell below its minimum and how much brings it back to par in whole packs; a
 * manager turns the suggestions into purchase requests (an ingredient that already has
 * an open one is skipped, and the edge says so). Below, the open ingredient requests.
 */
export function StockReorder({ ctx, version }: { ctx: StockContext; version: number }) {
  const { t, i18n } = useTranslation();
  const { words } = ctx;
  const [mine, setMine] = useState(0);
  const suggestions = useEdgeResource(
    stockPaths.reorder,
    ReorderSuggestionList,
    ctx.person.token,
    `${version}:${mine}`,
  );
  const purchases = useEdgeResource(
    stockPaths.purchases,
    StockPurchaseList,
    ctx.person.token,
    `${version}:${mine}`,
  );
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [result, setResult] = useState<ReorderResult | undefined>();

  const unitOf = (id: string) => ctx.overview.levels.find((l) => l.ingredient === id)?.baseUnit ?? 'each';
  const order = (s: ReorderSuggestion) =>
    s.kind === 'make'
      ? t('stock.reorder.make', { count: s.packs ?? 1, qty: words.qty(s.qty, unitOf(s.ingredient)) })
      : s.pack && s.packs !== null
        ? t('stock.reorder.packs', {
            count: s.packs,
            pack: s.pack.id,
            qty: words.qty(s.qty, unitOf(s.ingredient)),
          })
        : words.qty(s.qty, unitOf(s.ingredient));

  async function reorder() {
    setProblem(undefined);
    setResult(undefined);
    setBusy(true);
    try {
      const person = await ctx.signIn(t('stock.reorder.action'));
      requirePermissionOf(person, 'purchase_requests.create');
      setResult(await postReorder(person.token));
      setMine((n) => n + 1);
      ctx.changed();
    } catch (err) {
      setProblem(stockProblem(err, t));
    } finally {
      setBusy(false);
    }
  }

  const list = suggestions.status === 'ok' ? suggestions.data : undefined;
  return (
    <div className="stock-panel">
      <h2 className="stock-heading">{t('stock.reorder.suggestions')}</h2>
      {suggestions.status === 'error' ? (
        <p className="dialog-error notice" role="alert">
          {t('stock.failed', { message: suggestions.message })}
        </p>
      ) : null}
      {suggestions.status === 'loading' ? <p className="empty">{t('stock.loading')}</p> : null}
      {list && list.length === 0 ? <p className="empty">{t('stock.reorder.noneNeeded')}</p> : null}
      {list?.length ? (
        <table className="stock-table">
          <thead>
            <tr>
              <th>{t('stock.col.ingredient')}</th>
              <th>{t('stock.col.projected')}</th>
              <th>{t('stock.col.min')}</th>
              <th>{t('stock.reorder.par')}</th>
              <th>{t('stock.reorder.order')}</th>
              <th>{t('stock.reorder.leadTime')}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((s) => {
              const unit = unitOf(s.ingredient);
              return (
                <tr key={s.ingredient} data-testid={`stock-suggestion-${s.ingredient}`}>
                  <th scope="row">{words.ingredient(s.ingredient)}</th>
                  <td className="stock-num">{words.qty(s.projected, unit)}</td>
                  <td className="stock-num">{words.qty(s.min, unit)}</td>
                  <td className="stock-num">{words.qty(s.max, unit)}</td>
                  <td>
                    {order(s)}
                    {s.openPurchaseRequestId !== null ? (
                      <span className="stock-open-request">
                        {' '}
                        {t('stock.reorder.alreadyOpen', { id: s.openPurchaseRequestId })}
                      </span>
                    ) : null}
                  </td>
                  <td>{t('stock.reorder.days', { count: s.leadTimeDays })}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      {result ? (
        <div className="stock-done notice" role="status">
          <p>
            {result.created.length
              ? t('stock.reorder.created', {
                  count: result.created.length,
                  ids: result.created.map((p) => `#${p.id}`).join(', '),
                })
              : t('stock.reorder.noneCreated')}
          </p>
          {result.skipped.length ? (
            <ul>
              {result.skipped.map((s) => (
                <li key={s.ingredient}>
                  {t('stock.reorder.skipped', {
                    ingredient: words.ingredient(s.ingredient),
                    reason: s.reason,
                  })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
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
          disabled={busy || !list?.some((s) => s.kind === 'order')}
          onClick={() => void reorder()}
        >
          {t('stock.reorder.create')}
        </button>
      </div>
      <h2 className="stock-heading">{t('stock.reorder.openRequests')}</h2>
      {purchases.status === 'error' ? (
        <p className="dialog-error notice" role="alert">
          {t('stock.failed', { message: purchases.message })}
        </p>
      ) : null}
      {purchases.status === 'ok' && purchases.data.length === 0 ? (
        <p className="empty">{t('stock.reorder.noRequests')}</p>
      ) : null}
      {purchases.status === 'ok' && purchases.data.length ? (
        <ul className="stock-requests">
          {purchases.data.map((p) => (
            <li
              key={p.id}
              data-testid={`stock-request-${p.id}`}
              className={`stock-request stock-request-${p.status}`}
            >
              <span className="stock-request-id">#{p.id}</span> {words.ingredient(p.ingredient)}:{' '}
              {p.packs !== null && p.packId
                ? t('stock.reorder.packs', {
                    count: p.packs,
                    pack: p.packId,
                    qty: words.qty(p.qty, unitOf(p.ingredient)),
                  })
                : words.qty(p.qty, unitOf(p.ingredient))}{' '}
              <span className="stock-request-status">{t(`stock.reorder.status.${p.status}`)}</span>{' '}
              <span className="stock-request-by">
                {t('stock.reorder.requestedBy', {
                  name: words.person(p.requestedBy),
                  at: formatDateTime(p.requestedAt, ctx.timezone, i18n.language),
                })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
