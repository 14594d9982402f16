import { useTranslation } from 'react-i18next';
import { localized } from '../../../shared/browser/locale';
import { formatDateTime } from '../app/format';
import { useEdgeResource } from '../app/use-edge-resource';
import { InvoiceActions } from './InvoiceActions';
import { invoicePaths, SupplierInvoiceView } from './invoice-api';
import { moneyText, type PurchasingContext, personName } from './purchasing-context';

/**
 * One supplier invoice matched three ways per line (order · receipt · invoice): each line
 * within tolerance or an exception with its reasons in the current language, the
 * suggested payable, and the whole history as the edge keeps it.
 */
export function InvoiceDetail({ ctx, invoiceId }: { ctx: PurchasingContext; invoiceId: number }) {
  const { t, i18n } = useTranslation();
  const resource = useEdgeResource(
    invoicePaths.one(invoiceId),
    SupplierInvoiceView,
    ctx.person.token,
    ctx.version,
  );
  if (resource.status === 'loading') return <p className="empty">{t('purchasing.loading')}</p>;
  if (resource.status === 'error')
    return (
      <p className="dialog-error notice" role="alert">
        {t('purchasing.failed', { message: resource.message })}
      </p>
    );
  const inv = resource.data;
  const money = (amount: string) => moneyText(amount, inv.currency);
  const lang = i18n.language.startsWith('zh') ? 'zh-CN' : 'en';
  return (
    <section className="po-detail" data-testid="invoice-detail" aria-label={inv.invoiceNo}>
      <header className="po-detail-head">
        <h2 className="stock-heading">
          {t('purchasing.invoices.heading', { no: inv.invoiceNo, id: inv.orderId })} ·{' '}
          {localized(inv.supplierName, i18n.language)}
        </h2>
        <span className={`po-badge po-badge-${inv.status}`} data-testid="invoice-status">
          {t(`purchasing.invoiceState.${inv.status}`)}
        </span>
      </header>
      <table className="stock-table po-lines">
        <thead>
          <tr>
            <th scope="col">{t('purchasing.lines.item')}</th>
            <th scope="col" className="stock-num">
              {t('purchasing.invoices.qty')}
            </th>
            <th scope="col" className="stock-num">
              {t('purchasing.invoices.price')}
            </th>
            <th scope="col" className="stock-num">
              {t('purchasing.invoices.lineGross')}
            </th>
            <th scope="col">{t('purchasing.invoices.match')}</th>
            <th scope="col" className="stock-num">
              {t('purchasing.invoices.suggested')}
            </th>
          </tr>
        </thead>
        {/* One body per line: the match's reasons take a full-width row under it, readable on a portrait screen too. */}
        {inv.lines.map((l) => (
          <tbody key={l.line} data-testid={`invoice-line-${l.line}`}>
            <tr>
              <th scope="row">{localized(l.name, i18n.language)}</th>
              <td className="stock-num">
                {t('purchasing.invoices.qtyOf', {
                  invoiced: `${l.qty} ${l.unit}`,
                  received: `${l.match.receivedQty} ${l.unit}`,
                })}
              </td>
              <td className="stock-num">
                {t('purchasing.invoices.priceOf', {
                  invoiced: money(l.unitPrice),
                  ordered: money(l.match.orderPrice),
                })}
              </td>
              <td className="stock-num">{money(l.gross)}</td>
              <td>
                <span className={`po-badge po-badge-${l.match.within ? 'within_tolerance' : 'exception'}`}>
                  {t(l.match.within ? 'purchasing.invoices.within' : 'purchasing.invoices.exception')}
                </span>
              </td>
              <td className="stock-num">{money(l.match.suggestedGross)}</td>
            </tr>
            {l.match.reasons.length > 0 ? (
              <tr>
                <td colSpan={6}>
                  <ul className="po-reasons">
                    {l.match.reasons.map((r) => (
                      <li key={r.code}>{r.messages[lang]}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            ) : null}
          </tbody>
        ))}
      </table>
      {inv.reasons.length > 0 ? (
        <ul className="po-reasons">
          {inv.reasons.map((r) => (
            <li key={r.code}>{r.messages[lang]}</li>
          ))}
        </ul>
      ) : null}
      <p className="po-totals" data-testid="invoice-totals">
        {t('purchasing.invoices.totals', {
          stated: money(inv.statedGross),
          recomputed: money(inv.totals.gross),
          suggested: money(inv.suggestedPayable),
          payable: inv.payable === null ? '—' : money(inv.payable),
          paid: money(inv.paid),
        })}
      </p>
      <InvoiceActions key={`${inv.id}-${inv.status}-${inv.paid}`} ctx={ctx} invoice={inv} />
      <section aria-label={t('purchasing.history.title')}>
        <h3 className="stock-heading">{t('purchasing.history.title')}</h3>
        <ul className="plain-list history">
          {inv.history.map((h) => (
            <li key={`${h.at}-${h.kind}-${h.to}`}>
              {formatDateTime(h.at, ctx.timezone, i18n.language)} · {t(`purchasing.invoiceState.${h.to}`)} ·{' '}
              {personName(ctx.users, h.by)}
              {h.note ? ` · ${h.note}` : ''}
            </li>
          ))}
          {inv.payments.map((p) => (
            <li key={`pay-${p.id}`}>
              {t('purchasing.invoices.payment', {
                amount: money(p.amount),
                date: p.date,
                method: t(`purchasing.finance.method.${p.method}`),
                reference: p.reference,
                by: personName(ctx.users, p.by),
              })}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
