import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PricedStockPurchase, StockDeliveryRequest } from '../../../shared/api/stock';
import type { Permission } from '../../../shared/permissions';
import { formatDateTime } from '../app/format';
import { personMay } from '../auth/permissions';
import { StockPurchaseReceive } from './StockPurchaseReceive';
import { StockPurchaseReject } from './StockPurchaseReject';
import { postDelivery, postPurchaseStep } from './stock-api';
import type { StockContext } from './stock-names';
import { requirePermissionOf, stockProblem } from './stock-problem';
import { formatMoney } from './stock-quantity';

interface StockPurchaseCardProps {
  ctx: StockContext;
  request: PricedStockPurchase;
  /** why the last step on this request did not go through, already translated */
  refusal: string | undefined;
  /** the step went through: what to say, already translated */
  onDone: (message: string) => void;
  /** the step did not go through (nothing to say when the PIN pad was closed) */
  onRefused: (problem: string | undefined) => void;
}

/**
 * One ingredient purchase request: what, how much, what it costs, who asked and who
 * decided, with the next steps as big buttons for a manager (the edge checks again).
 * A refusal stays on the card it concerns, saying why.
 */
export function StockPurchaseCard({ ctx, request: p, refusal, onDone, onRefused }: StockPurchaseCardProps) {
  const { t, i18n } = useTranslation();
  const { words } = ctx;
  const [form, setForm] = useState<'approve' | 'reject' | 'receive' | undefined>();
  const [busy, setBusy] = useState(false);
  const [invalid, setInvalid] = useState<string | undefined>();
  const problem = invalid ?? refusal;
  const unit = ctx.overview.levels.find((l) => l.ingredient === p.ingredient)?.baseUnit ?? 'each';
  const at = (ts: number) => formatDateTime(ts, ctx.timezone, i18n.language);
  const ingredient = words.ingredient(p.ingredient);
  const amount =
    p.packs !== null && p.packId
      ? t('stock.purchases.amount', { count: p.packs, pack: p.packId, qty: words.qty(p.qty, unit) })
      : words.qty(p.qty, unit);
  const cost = p.cost
    ? t('stock.purchases.cost', { cost: formatMoney(p.cost, i18n.language) })
    : t('stock.purchases.noCost');
  const notes = p.history.filter((h) => h.to !== 'requested' && h.note);
  // Whoever requested it may not approve it (segregation of duties): the edge refuses, so it is not offered.
  const mayDecide = personMay(ctx.person, 'purchase_requests.approve') && p.requestedBy !== ctx.person.userId;
  const mayReceive = personMay(ctx.person, 'stock.receive');

  async function act(
    action: string,
    needs: Permission,
    send: (token: string) => Promise<unknown>,
    done: (name: string) => string,
  ) {
    setInvalid(undefined);
    setBusy(true);
    try {
      const person = await ctx.signIn(action);
      requirePermissionOf(person, needs);
      await send(person.token);
      setForm(undefined);
      onDone(done(person.name));
    } catch (err) {
      onRefused(stockProblem(err, t));
    } finally {
      setBusy(false);
    }
  }

  const approve = () =>
    act(
      t('stock.purchases.approveAction', { id: p.id }),
      'purchase_requests.approve',
      (token) => postPurchaseStep(p.id, { to: 'approved' }, token),
      (name) => t('stock.purchases.approvedDone', { id: p.id, name }),
    );
  const reject = (note: string) =>
    act(
      t('stock.purchases.rejectAction', { id: p.id }),
      'purchase_requests.approve',
      (token) => postPurchaseStep(p.id, { to: 'rejected', note }, token),
      (name) => t('stock.purchases.rejectedDone', { id: p.id, name }),
    );
  const receive = (delivery: StockDeliveryRequest) =>
    act(
      t('stock.purchases.receiveAction', { id: p.id }),
      'stock.receive',
      (token) => postDelivery(delivery, token),
      (name) => t('stock.purchases.receivedDone', { id: p.id, ref: delivery.ref, name }),
    );

  return (
    <li data-testid={`stock-purchase-${p.id}`} className={`stock-purchase stock-purchase-${p.status}`}>
      <div className="stock-purchase-head">
        <span className="stock-purchase-id">{t('stock.purchases.id', { id: p.id })}</span>
        <span className="stock-purchase-ingredient">{ingredient}</span>
        <span className="stock-purchase-state">{t(`stock.purchases.status.${p.status}`)}</span>
      </div>
      <div className="stock-purchase-facts">
        <span className="stock-purchase-amount">{amount}</span>
        <span className="stock-purchase-cost">{cost}</span>
      </div>
      <ul className="stock-purchase-who">
        <li>
          {t('stock.purchases.requested', { name: words.person(p.requestedBy), at: at(p.requestedAt) })}
        </li>
        {p.decidedBy !== null && p.decidedAt !== null ? (
          <li>
            {t(p.status === 'rejected' ? 'stock.purchases.rejected' : 'stock.purchases.approved', {
              name: words.person(p.decidedBy),
              at: at(p.decidedAt),
            })}
          </li>
        ) : null}
        {p.receivedBy !== null && p.receivedAt !== null ? (
          <li>
            {t('stock.purchases.received', {
              qty: words.qty(p.receivedQty ?? p.qty, unit),
              name: words.person(p.receivedBy),
              at: at(p.receivedAt),
            })}
          </li>
        ) : null}
        {notes.map((h) => (
          <li key={`${h.at}-${h.to}`}>{t('stock.purchases.note', { note: h.note })}</li>
        ))}
      </ul>
      {mayDecide && form === 'approve' ? (
        // Approving spends money and cannot be taken back (an approved request only waits for
        // its goods), so a stray tap on a tablet asks once more, naming what and how much.
        <div className="stock-purchase-form">
          <p className="stock-purchase-confirm">
            {p.cost
              ? t('stock.purchases.confirmApprove', {
                  id: p.id,
                  amount,
                  ingredient,
                  cost: formatMoney(p.cost, i18n.language),
                })
              : t('stock.purchases.confirmApproveUnpriced', { id: p.id, amount, ingredient })}
          </p>
          <div className="stock-purchase-actions">
            <button type="button" className="primary" disabled={busy} onClick={() => void approve()}>
              {t('stock.purchases.yesApprove')}
            </button>
            <button type="button" className="secondary" onClick={() => setForm(undefined)}>
              {t('stock.purchases.cancel')}
            </button>
          </div>
        </div>
      ) : null}
      {mayDecide && form === 'reject' ? (
        <StockPurchaseReject
          request={p}
          ingredient={ingredient}
          busy={busy}
          onReject={(note) => void reject(note)}
          onCancel={() => setForm(undefined)}
        />
      ) : null}
      {mayReceive && form === 'receive' ? (
        <StockPurchaseReceive
          ctx={ctx}
          request={p}
          unit={unit}
          busy={busy}
          onReceive={(delivery) => void receive(delivery)}
          onInvalid={setInvalid}
          onCancel={() => setForm(undefined)}
        />
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      {form === undefined &&
      ((p.status === 'requested' && mayDecide) || (p.status === 'approved' && mayReceive)) ? (
        <div className="stock-purchase-actions">
          {p.status === 'requested' ? (
            <>
              <button type="button" className="primary" disabled={busy} onClick={() => setForm('approve')}>
                {t('stock.purchases.approve')}
              </button>
              <button
                type="button"
                className="secondary stock-purchase-danger"
                disabled={busy}
                onClick={() => setForm('reject')}
              >
                {t('stock.purchases.reject')}
              </button>
            </>
          ) : (
            <button type="button" className="primary" disabled={busy} onClick={() => setForm('receive')}>
              {t('stock.purchases.receive')}
            </button>
          )}
        </div>
      ) : null}
    </li>
  );
}
