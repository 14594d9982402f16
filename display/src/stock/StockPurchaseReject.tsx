import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PricedStockPurchase } from '../../../shared/api/stock';

/** Reasons offered as buttons; the edge keeps the words, so they are sent in the reader's language. */
export const REJECT_REASONS = ['notNeeded', 'tooMuch', 'price', 'other'] as const;
type RejectReason = (typeof REJECT_REASONS)[number];

interface StockPurchaseRejectProps {
  request: PricedStockPurchase;
  ingredient: string;
  busy: boolean;
  onReject: (note: string) => void;
  onCancel: () => void;
}

/** A rejection always says why (the edge refuses one without a note): a tap, or a few words. */
export function StockPurchaseReject({
  request,
  ingredient,
  busy,
  onReject,
  onCancel,
}: StockPurchaseRejectProps) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<RejectReason | undefined>();
  const [other, setOther] = useState('');
  const note = reason === 'other' ? other.trim() : reason ? t(`stock.purchases.reason.${reason}`) : '';
  return (
    <div className="stock-purchase-form">
      <fieldset className="stock-choices">
        <legend>{t('stock.purchases.rejectWhy', { id: request.id, ingredient })}</legend>
        {REJECT_REASONS.map((r) => (
          <button
            key={r}
            type="button"
            className={`choice ${reason === r ? 'selected' : ''}`}
            aria-pressed={reason === r}
            onClick={() => setReason(r)}
          >
            {t(`stock.purchases.reason.${r}`)}
          </button>
        ))}
      </fieldset>
      {reason === 'other' ? (
        <label className="field">
          <span>{t('stock.purchases.otherReason')}</span>
          <input value={other} maxLength={2000} onChange={(e) => setOther(e.target.value)} />
        </label>
      ) : null}
      {!note ? <p className="stock-hint">{t('stock.purchases.pickReason')}</p> : null}
      <div className="stock-purchase-actions">
        <button
          type="button"
          className="primary stock-purchase-danger"
          disabled={busy || !note}
          onClick={() => onReject(note)}
        >
          {t('stock.purchases.confirmReject')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('stock.purchases.cancel')}
        </button>
      </div>
    </div>
  );
}
