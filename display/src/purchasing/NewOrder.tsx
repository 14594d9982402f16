import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestRef } from '../../../shared/api/purchasing';
import { StockOverview } from '../../../shared/api/stock';
import { localized } from '../../../shared/browser/locale';
import type { Supplier } from '../../../shared/config/purchasing';
import { useEdgeResource } from '../app/use-edge-resource';
import { formatQuantity } from '../stock/stock-quantity';
import {
  createOrder,
  PurchaseOrderList,
  PurchaseRequestList,
  purchasingPaths,
  StockPurchaseList,
  SupplierList,
} from './purchasing-api';
import { type PurchasingContext, purchasingProblem } from './purchasing-context';

/** An approved request the chosen supplier sells, as the picker lists it. */
interface Candidate {
  ref: RequestRef;
  label: string;
  qty: string;
}

const keyOf = (ref: RequestRef) => `${ref.kind}:${ref.id}`;

/**
 * The purchaser's desk (采购): approved requests become an order to one supplier. Only
 * what that supplier's price list sells is offered, and nothing already on an open order;
 * the edge prices the lines and checks every request again.
 */
export function NewOrder({
  ctx,
  onCreated,
}: {
  ctx: PurchasingContext;
  onCreated: (orderId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const token = ctx.person.token;
  const suppliers = useEdgeResource(purchasingPaths.suppliers, SupplierList, token, ctx.version);
  const ingredients = useEdgeResource(
    purchasingPaths.approvedIngredients,
    StockPurchaseList,
    token,
    ctx.version,
  );
  const parts = useEdgeResource(purchasingPaths.approvedParts, PurchaseRequestList, token, ctx.version);
  const open = useEdgeResource(purchasingPaths.orders('open'), PurchaseOrderList, token, ctx.version);
  const stock = useEdgeResource('/api/stock', StockOverview, token, ctx.version);
  const [supplierId, setSupplierId] = useState<string | undefined>();
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  const supplier: Supplier | undefined =
    suppliers.status === 'ok' ? suppliers.data.find((s) => s.id === supplierId) : undefined;

  const candidates = useMemo((): Candidate[] => {
    if (!supplier) return [];
    const onOrder = new Set<string>();
    if (open.status === 'ok')
      for (const order of open.data)
        for (const line of order.lines) for (const id of line.requests) onOrder.add(`${line.kind}:${id}`);
    const sells = new Set(supplier.items.map((item) => `${item.kind}:${item.id}`));
    const levels = stock.status === 'ok' ? stock.data.levels : [];
    const found: Candidate[] = [];
    if (ingredients.status === 'ok')
      for (const r of ingredients.data) {
        if (!sells.has(`ingredient:${r.ingredient}`)) continue;
        const level = levels.find((l) => l.ingredient === r.ingredient);
        found.push({
          ref: { kind: 'ingredient', id: r.id },
          label: level ? localized(level.name, i18n.language) : r.ingredient,
          qty: `${formatQuantity(r.qty, i18n.language)} ${level?.baseUnit ?? ''}`.trim(),
        });
      }
    if (parts.status === 'ok')
      for (const r of parts.data) {
        if (!sells.has(`part:${r.partNumber}`)) continue;
        found.push({
          ref: { kind: 'part', id: r.id },
          label: r.partNumber,
          qty: formatQuantity(r.quantity, i18n.language),
        });
      }
    return found.filter((c) => !onOrder.has(keyOf(c.ref)));
  }, [supplier, open, ingredients, parts, stock, i18n.language]);

  const chosen = candidates.filter((c) => !left.has(keyOf(c.ref)));

  async function draft() {
    if (!supplier || chosen.length === 0) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const person = await ctx.signIn(t('purchasing.create.action'));
      const order = await createOrder(
        { supplier: supplier.id, requests: chosen.map((c) => c.ref) },
        person.token,
      );
      ctx.changed();
      onCreated(order.id);
    } catch (err) {
      setProblem(purchasingProblem(err, t, i18n.language));
    } finally {
      setBusy(false);
    }
  }

  const failed = [suppliers, ingredients, parts, open].find((r) => r.status === 'error');
  return (
    <section className="po-new" data-testid="po-new" aria-label={t('purchasing.create.title')}>
      <h2 className="stock-heading">{t('purchasing.create.supplier')}</h2>
      {failed?.status === 'error' ? (
        <p className="dialog-error notice" role="alert">
          {t('purchasing.failed', { message: failed.message })}
        </p>
      ) : null}
      <div className="choices">
        {suppliers.status === 'ok'
          ? suppliers.data.map((s) => (
              <button
                key={s.id}
                type="button"
                data-supplier={s.id}
                className={`choice ${s.id === supplierId ? 'selected' : ''}`}
                aria-pressed={s.id === supplierId}
                onClick={() => {
                  setSupplierId(s.id);
                  setLeft(new Set());
                }}
              >
                {localized(s.name, i18n.language)}
              </button>
            ))
          : null}
      </div>
      {supplier ? (
        <>
          <p className="po-terms">
            {t('purchasing.create.terms', {
              days: supplier.paymentTermsDays,
              rate: supplier.taxRatePct,
              currency: supplier.currency,
              contact: supplier.contact.name,
            })}
          </p>
          <h2 className="stock-heading">{t('purchasing.create.requests')}</h2>
          {candidates.length === 0 ? <p className="empty">{t('purchasing.create.none')}</p> : null}
          <ul className="po-candidates">
            {candidates.map((c) => {
              const key = keyOf(c.ref);
              return (
                <li key={key}>
                  <label className="po-candidate">
                    <input
                      type="checkbox"
                      checked={!left.has(key)}
                      onChange={(e) =>
                        setLeft((prev) => {
                          const next = new Set(prev);
                          if (e.target.checked) next.delete(key);
                          else next.add(key);
                          return next;
                        })
                      }
                    />
                    <span>
                      {t(`purchasing.kind.${c.ref.kind}`)} #{c.ref.id} · {c.label} · {c.qty}
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          <button
            type="button"
            className="primary"
            disabled={busy || chosen.length === 0}
            onClick={() => void draft()}
          >
            {t('purchasing.create.draft', { n: chosen.length })}
          </button>
        </>
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
    </section>
  );
}
