import { useTranslation } from 'react-i18next';
import type { PurchaseOrderView } from '../../../shared/api/purchasing';
import { localized } from '../../../shared/browser/locale';
import { formatDateTime } from '../app/format';
import { type PurchasingContext, personName } from './purchasing-context';

/**
 * Every step of the order and every receipt against it, who and when: the document's
 * history as the edge keeps it, never edited.
 */
export function OrderHistory({ ctx, order }: { ctx: PurchasingContext; order: PurchaseOrderView }) {
  const { t, i18n } = useTranslation();
  const when = (at: number) => formatDateTime(at, ctx.timezone, i18n.language);
  const lineName = (line: number) => {
    const found = order.lines.find((l) => l.line === line);
    return found ? localized(found.name, i18n.language) : String(line);
  };
  const unitOf = (line: number) => order.lines.find((l) => l.line === line)?.unit ?? '';
  return (
    <div className="po-history">
      <section aria-label={t('purchasing.history.title')}>
        <h3 className="stock-heading">{t('purchasing.history.title')}</h3>
        <ul className="plain-list history">
          {order.history.map((h) => (
            <li key={`${h.at}-${h.to}`}>
              {when(h.at)} · {t(`purchasing.state.${h.to}`)} · {personName(ctx.users, h.by)}
              {h.note ? ` · ${h.note}` : ''}
            </li>
          ))}
        </ul>
      </section>
      <section aria-label={t('purchasing.history.receipts')} data-testid="po-receipts">
        <h3 className="stock-heading">{t('purchasing.history.receipts')}</h3>
        {order.receipts.length === 0 ? <p className="empty">{t('purchasing.history.noReceipts')}</p> : null}
        {order.receipts.map((r) => (
          <div key={r.id} className="po-receipt" data-testid={`po-receipt-${r.id}`}>
            <p>
              {t('purchasing.history.receipt', {
                ref: r.ref,
                at: when(r.at),
                by: personName(ctx.users, r.by),
              })}
              {r.witnessedBy
                ? ` · ${t('purchasing.history.witnessed', { name: personName(ctx.users, r.witnessedBy) })}`
                : ''}
            </p>
            <ul className="plain-list">
              {r.lines.map((l) => (
                <li key={l.line}>
                  {lineName(l.line)}:{' '}
                  {t('purchasing.history.receiptLine', {
                    accepted: `${l.acceptedQty} ${unitOf(l.line)}`,
                    rejected: `${l.rejectedQty} ${unitOf(l.line)}`,
                  })}
                  {l.rejectReason ? ` (${l.rejectReason})` : ''}
                  {l.lot ? ` · ${t('purchasing.history.lot', { lot: l.lot })}` : ''}
                  {l.expiry ? ` · ${t('purchasing.history.expiry', { date: l.expiry })}` : ''}
                  {l.deliveryTempC !== null ? ` · ${l.deliveryTempC} °C` : ''}
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
    </div>
  );
}
