import { useTranslation } from 'react-i18next';
import { useEdgeResource } from '../app/use-edge-resource';
import { invoicePaths, SupplierInvoiceList } from './invoice-api';
import { moneyText, type PurchasingContext } from './purchasing-context';

/** The supplier's invoices against one order, each with its match status; a tap opens it. */
export function OrderInvoices({
  ctx,
  orderId,
  onOpen,
}: {
  ctx: PurchasingContext;
  orderId: number;
  onOpen: (invoiceId: number) => void;
}) {
  const { t } = useTranslation();
  const invoices = useEdgeResource(
    invoicePaths.ofOrder(orderId),
    SupplierInvoiceList,
    ctx.person.token,
    ctx.version,
  );
  if (invoices.status !== 'ok' || invoices.data.length === 0) return null;
  return (
    <section aria-label={t('purchasing.invoices.title')} data-testid="po-invoices">
      <h3 className="stock-heading">{t('purchasing.invoices.title')}</h3>
      <div className="po-actions">
        {invoices.data.map((inv) => (
          <button key={inv.id} type="button" className="secondary" onClick={() => onOpen(inv.id)}>
            {inv.invoiceNo} · {moneyText(inv.statedGross, inv.currency)} ·{' '}
            {t(`purchasing.invoiceState.${inv.status}`)}
          </button>
        ))}
      </div>
    </section>
  );
}
