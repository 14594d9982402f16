import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../shared/browser/locale';
import { useEdgeResource } from '../app/use-edge-resource';
import { type InvoiceFilter, invoicePaths, SupplierInvoiceList } from './invoice-api';
import { moneyText, type PurchasingContext } from './purchasing-context';

/**
 * Supplier invoices, newest first, each with its match status: within tolerance and
 * ready to pay, or an exception finance must resolve first. Open (not paid in full) by default.
 */
export function InvoiceList({
  ctx,
  onOpen,
}: {
  ctx: PurchasingContext;
  onOpen: (invoiceId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<InvoiceFilter>('open');
  const invoices = useEdgeResource(
    invoicePaths.list(filter),
    SupplierInvoiceList,
    ctx.person.token,
    ctx.version,
  );
  return (
    <section className="po-list" data-testid="invoice-list" aria-label={t('purchasing.invoices.title')}>
      <div className="choices">
        {(['open', 'all'] as const).map((f) => (
          <button
            key={f}
            type="button"
            className={`choice ${filter === f ? 'selected' : ''}`}
            aria-pressed={filter === f}
            onClick={() => setFilter(f)}
          >
            {t(`purchasing.orders.filter.${f}`)}
          </button>
        ))}
      </div>
      {invoices.status === 'error' ? (
        <p className="dialog-error notice" role="alert">
          {t('purchasing.failed', { message: invoices.message })}
        </p>
      ) : null}
      {invoices.status === 'loading' ? <p className="empty">{t('purchasing.loading')}</p> : null}
      {invoices.status === 'ok' && invoices.data.length === 0 ? (
        <p className="empty">{t('purchasing.invoices.none')}</p>
      ) : null}
      {invoices.status === 'ok' && invoices.data.length > 0 ? (
        <table className="stock-table po-table">
          <thead>
            <tr>
              <th scope="col">{t('purchasing.invoices.number')}</th>
              <th scope="col">{t('purchasing.orders.supplier')}</th>
              <th scope="col">{t('purchasing.orders.state')}</th>
              <th scope="col" className="stock-num">
                {t('purchasing.invoices.stated')}
              </th>
              <th scope="col" className="stock-num">
                {t('purchasing.invoices.suggested')}
              </th>
              <th scope="col" className="stock-num po-wide">
                {t('purchasing.invoices.outstanding')}
              </th>
            </tr>
          </thead>
          <tbody>
            {invoices.data.map((inv) => (
              <tr key={inv.id} data-testid={`invoice-row-${inv.id}`}>
                <th scope="row">
                  <button type="button" className="secondary po-open" onClick={() => onOpen(inv.id)}>
                    {inv.invoiceNo}
                  </button>
                </th>
                <td>
                  {localized(inv.supplierName, i18n.language)} ·{' '}
                  {t('purchasing.orders.open', { id: inv.orderId })}
                </td>
                <td>
                  <span className={`po-badge po-badge-${inv.status}`}>
                    {t(`purchasing.invoiceState.${inv.status}`)}
                  </span>
                </td>
                <td className="stock-num">{moneyText(inv.statedGross, inv.currency)}</td>
                <td className="stock-num po-gross">{moneyText(inv.suggestedPayable, inv.currency)}</td>
                <td className="stock-num po-wide">
                  {inv.outstanding === null ? '—' : moneyText(inv.outstanding, inv.currency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
