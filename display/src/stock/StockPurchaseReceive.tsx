import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type PricedStockPurchase, StockDeliveryRequest } from '../../../shared/api/stock';
import type { BaseUnit } from '../../../shared/config/stock';
import { NumberEntry } from '../tasks/NumberEntry';
import { type By, MAX_PACKS, parseAmount } from './StockDelivery';
import { receivedRef } from './stock-dates';
import { entryRange, quantityProblem } from './stock-entry';
import type { StockContext } from './stock-names';
import { schemaProblem } from './stock-problem';
import { formatQuantity } from './stock-quantity';

interface StockPurchaseReceiveProps {
  ctx: StockContext;
  request: PricedStockPurchase;
  unit: BaseUnit;
  busy: boolean;
  onReceive: (delivery: StockDeliveryRequest) => void;
  /** the delivery could not be sent as typed, already translated */
  onInvalid: (problem: string) => void;
  onCancel: () => void;
}

/**
 * Goods in against an approved request: what was asked for is filled in, since that is
 * what usually arrives; a short delivery is typed over it. It is a delivery like any
 * other (levels, ledger, variance), naming the request it fills.
 */
export function StockPurchaseReceive(props: StockPurchaseReceiveProps) {
  const { ctx, request, unit, busy } = props;
  const { t, i18n } = useTranslation();
  const { words } = ctx;
  const pack = request.packs !== null ? request.packId : null;
  const [by, setBy] = useState<By>(pack ? 'packs' : 'qty');
  const [text, setText] = useState(String(pack ? request.packs : request.qty));
  const [ref, setRef] = useState('');
  const amount = parseAmount(text, by);

  function choose(next: By) {
    setBy(next);
    setText(String(next === 'packs' ? request.packs : request.qty));
  }

  function submit() {
    if (!amount.ok) return;
    const parsed = StockDeliveryRequest.safeParse({
      ref: ref.trim() || receivedRef(ctx.now, ctx.timezone),
      lines: [
        {
          ingredient: request.ingredient,
          purchaseRequestId: request.id,
          ...(by === 'packs' && pack ? { packs: amount.value, pack } : { qty: amount.value }),
        },
      ],
    });
    if (!parsed.success) {
      props.onInvalid(t('stock.invalid', schemaProblem(parsed.error)));
      return;
    }
    props.onReceive(parsed.data);
  }

  return (
    <div className="stock-purchase-form stock-purchase-receive">
      <div className="stock-purchase-receive-what">
        <h3 className="stock-heading">
          {t('stock.purchases.receiveHeading', {
            id: request.id,
            ingredient: words.ingredient(request.ingredient),
          })}
        </h3>
        <label className="field">
          <span>{t('stock.purchases.ref')}</span>
          <input value={ref} maxLength={100} onChange={(e) => setRef(e.target.value)} name="ref" />
        </label>
        {pack ? (
          <fieldset className="stock-choices">
            <legend className="visually-hidden">{t('stock.purchases.by')}</legend>
            <button
              type="button"
              className={`choice ${by === 'packs' ? 'selected' : ''}`}
              aria-pressed={by === 'packs'}
              onClick={() => choose('packs')}
            >
              {t('stock.purchases.byPacks', { pack })}
            </button>
            <button
              type="button"
              className={`choice ${by === 'qty' ? 'selected' : ''}`}
              aria-pressed={by === 'qty'}
              onClick={() => choose('qty')}
            >
              {t('stock.purchases.byQty', { unit: words.unit(unit) })}
            </button>
          </fieldset>
        ) : null}
      </div>
      <div className="stock-purchase-receive-pad">
        <NumberEntry
          label={
            by === 'packs' && pack
              ? t('stock.purchases.howManyPacks', { pack })
              : t('stock.purchases.howMuch', { unit: words.unit(unit) })
          }
          range={
            by === 'packs'
              ? `1 – ${formatQuantity(MAX_PACKS, i18n.language)}`
              : entryRange('moved', unit, words)
          }
          value={text}
          onChange={setText}
          problem={text.trim() === '' ? undefined : quantityProblem(amount, t)}
        />
      </div>
      <div className="stock-purchase-actions stock-purchase-receive-send">
        <button type="button" className="primary" disabled={busy || !amount.ok} onClick={submit}>
          {t('stock.purchases.confirmReceive')}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t('stock.purchases.cancel')}
        </button>
      </div>
    </div>
  );
}
