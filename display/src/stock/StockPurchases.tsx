import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PurchaseStatus } from '../../../shared/api/parts';
import type { ReorderResult } from '../../../shared/api/stock';
import { useEdgeResource } from '../app/use-edge-resource';
import { personMay } from '../auth/permissions';
import { StockPurchaseCard } from './StockPurchaseCard';
import { PricedStockPurchaseList, postReorder, stockPaths } from './stock-api';
import type { StockContext } from './stock-names';
import { requirePermissionOf, stockProblem } from './stock-problem';

type Shown = 'open' | 'all';

/** What waits on a manager first, then what waits on the goods, then what is done; newest first within. */
const ORDER: Record<PurchaseStatus, number> = { requested: 0, approved: 1, received: 2, rejected: 2 };

/**
 * Ingredient purchase requests (采购申请), newest first: the open ones by default (waiting
 * for approval or for the goods), all of them on a tap. A manager turns the reorder
 * suggestions into requests, approves or rejects them and receives the goods; anyone
 * else sees the list and is told who may act, rather than meeting buttons that refuse.
 */
export function StockPurchases({ ctx, version }: { ctx: StockContext; version: number }) {
  const { t } = useTranslation();
  const { words } = ctx;
  const [shown, setShown] = useState<Shown>('open');
  const [mine, setMine] = useState(0);
  const list = useEdgeResource(
    stockPaths.purchaseList(shown),
    PricedStockPurchaseList,
    ctx.person.token,
    `${version}:${mine}`,
  );
  const [done, setDone] = useState<string | undefined>();
  const [result, setResult] = useState<ReorderResult | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  /** kept here, not on the card: the request may leave the open list once read again */
  const [refusal, setRefusal] = useState<{ id: number; problem: string } | undefined>();
  const [busy, setBusy] = useState(false);
  const mayCreate = personMay(ctx.person, 'purchase_requests.create');
  const mayDecide = personMay(ctx.person, 'purchase_requests.approve');
  const reread = () => setMine((n) => n + 1);

  async function fromSuggestions() {
    setProblem(undefined);
    setDone(undefined);
    setResult(undefined);
    setBusy(true);
    try {
      const person = await ctx.signIn(t('stock.purchases.fromSuggestionsAction'));
      requirePermissionOf(person, 'purchase_requests.create');
      setResult(await postReorder(person.token));
      reread();
      ctx.changed();
    } catch (err) {
      setProblem(stockProblem(err, t));
    } finally {
      setBusy(false);
    }
  }

  const requests =
    list.status === 'ok'
      ? [...list.data].sort((a, b) => ORDER[a.status] - ORDER[b.status] || b.id - a.id)
      : undefined;
  const refusedOffList = refusal && !requests?.some((p) => p.id === refusal.id) ? refusal : undefined;
  return (
    <div className="stock-panel">
      <div className="stock-purchases-bar">
        <h2 className="stock-heading">{t('stock.purchases.heading')}</h2>
        <fieldset className="stock-choices">
          <legend className="visually-hidden">{t('stock.purchases.show')}</legend>
          {(['open', 'all'] as const).map((s) => (
            <button
              key={s}
              type="button"
              className={`choice ${shown === s ? 'selected' : ''}`}
              aria-pressed={shown === s}
              onClick={() => setShown(s)}
            >
              {t(`stock.purchases.${s}`)}
            </button>
          ))}
        </fieldset>
        {mayCreate ? (
          <button type="button" className="secondary" disabled={busy} onClick={() => void fromSuggestions()}>
            {t('stock.purchases.fromSuggestions')}
          </button>
        ) : null}
      </div>
      {mayDecide ? null : (
        <p className="stock-hint" data-testid="stock-purchases-managers-only">
          {t('stock.purchases.managersOnly', {
            name: ctx.person.name,
            role: t(`role.${ctx.person.role}`),
          })}
        </p>
      )}
      {result ? (
        <div className="stock-done notice" role="status">
          <p>
            {result.created.length
              ? t('stock.purchases.created', {
                  count: result.created.length,
                  ids: result.created.map((p) => `#${p.id}`).join(', '),
                })
              : t('stock.purchases.noneCreated')}
          </p>
          {result.skipped.length ? (
            <ul>
              {result.skipped.map((s) => (
                <li key={s.ingredient}>
                  {t('stock.purchases.skipped', {
                    ingredient: words.ingredient(s.ingredient),
                    reason: s.reason,
                  })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {done ? (
        <p className="stock-done notice" role="status">
          {done}
        </p>
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      {refusedOffList ? (
        <p className="dialog-error notice" role="alert">
          {t('stock.purchases.refusedFor', { id: refusedOffList.id, problem: refusedOffList.problem })}
        </p>
      ) : null}
      {list.status === 'error' ? (
        <p className="dialog-error notice" role="alert">
          {t('stock.failed', { message: list.message })}
        </p>
      ) : null}
      {list.status === 'loading' ? <p className="empty">{t('stock.loading')}</p> : null}
      {requests && requests.length === 0 ? (
        <p className="empty">{t(shown === 'open' ? 'stock.purchases.none' : 'stock.purchases.noneAll')}</p>
      ) : null}
      {requests?.length ? (
        <ul className="stock-purchase-list">
          {requests.map((p) => (
            <StockPurchaseCard
              key={p.id}
              ctx={ctx}
              request={p}
              refusal={refusal?.id === p.id ? refusal.problem : undefined}
              onDone={(message) => {
                setResult(undefined);
                setRefusal(undefined);
                setDone(message);
                reread();
                ctx.changed();
              }}
              onRefused={(why) => {
                setRefusal(why === undefined ? undefined : { id: p.id, problem: why });
                if (why === undefined) return;
                setDone(undefined);
                // Refused because it moved on elsewhere, most likely: show where it is now.
                reread();
              }}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
