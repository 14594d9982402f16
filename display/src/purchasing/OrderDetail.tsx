import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrderView } from '../../../shared/api/purchasing';
import { localized } from '../../../shared/browser/locale';
import { formatDateTime } from '../app/format';
import { useEdgeResource } from '../app/use-edge-resource';
import { OrderDocuments } from './OrderDocuments';
import { OrderHistory } from './OrderHistory';
import { OrderInvoices } from './OrderInvoices';
import { moveOrder, PurchaseOrderView as OrderSchema, purchasingPaths } from './purchasing-api';
import {
  localeOf,
  may,
  moneyText,
  type PurchasingContext,
  personName,
  purchasingProblem,
} from './purchasing-context';
import { ReceiveForm } from './ReceiveForm';
import { RecordInvoice } from './RecordInvoice';

/** How far an order has come: every step and receipt adds one, so a newer view counts more. */
const stepsOf = (order: PurchaseOrderView) => order.history.length + order.receipts.length;

const RECEIVABLE = new Set<PurchaseOrderView['state']>(['placed', 'partially_received']);

/**
 * One purchase order: its lines (ordered, received, rejected), exact totals, the printed
 * order in the current language, and the steps the person signed in may take on it.
 */
export function OrderDetail({
  ctx,
  orderId,
  onOpenInvoice,
}: {
  ctx: PurchasingContext;
  orderId: number;
  onOpenInvoice: (invoiceId: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const [receiving, setReceiving] = useState(false);
  const [invoicing, setInvoicing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const resource = useEdgeResource(
    purchasingPaths.order(orderId),
    OrderSchema,
    ctx.person.token,
    ctx.version,
  );
  // The edge's answer to a step is the order as it now stands: shown at once, not after the next read.
  const [latest, setLatest] = useState<PurchaseOrderView | undefined>();

  if (resource.status === 'loading') return <p className="empty">{t('purchasing.loading')}</p>;
  if (resource.status === 'error')
    return (
      <p className="dialog-error notice" role="alert">
        {t('purchasing.failed', { message: resource.message })}
      </p>
    );
  const read = resource.data;
  const order = latest && latest.id === read.id && stepsOf(latest) > stepsOf(read) ? latest : read;
  const lang = localeOf(i18n.language);

  async function step(to: 'placed' | 'cancelled') {
    setBusy(true);
    setProblem(undefined);
    setDone(undefined);
    try {
      const person = await ctx.signIn(t(`purchasing.detail.${to}Action`, { id: order.id }));
      setLatest(await moveOrder(order.id, { to }, person.token));
      setDone(t(`purchasing.detail.${to}Done`, { id: order.id }));
      ctx.changed();
    } catch (err) {
      setProblem(purchasingProblem(err, t, i18n.language));
    } finally {
      setBusy(false);
    }
  }

  const mayPlace = may(ctx, 'purchase_orders.place');
  const mayReceive = may(ctx, 'purchase_requests.receive') && RECEIVABLE.has(order.state);

  return (
    <section
      className="po-detail"
      data-testid="po-detail"
      aria-label={t('purchasing.detail.title', { id: order.id })}
    >
      <header className="po-detail-head">
        <h2 className="stock-heading">
          {t('purchasing.detail.title', { id: order.id })} · {localized(order.supplierName, i18n.language)}
        </h2>
        <span className={`po-badge po-badge-${order.state}`} data-testid="po-state">
          {t(`purchasing.state.${order.state}`)}
        </span>
      </header>
      <p className="po-terms">
        {t('purchasing.detail.meta', {
          created: formatDateTime(order.createdAt, ctx.timezone, i18n.language),
          by: personName(ctx.users, order.createdBy),
          days: order.paymentTermsDays,
          currency: order.currency,
        })}
      </p>
      <table className="stock-table po-lines">
        <thead>
          <tr>
            <th scope="col">{t('purchasing.lines.item')}</th>
            <th scope="col" className="stock-num">
              {t('purchasing.lines.ordered')}
            </th>
            <th scope="col" className="stock-num">
              {t('purchasing.lines.received')}
            </th>
            <th scope="col" className="stock-num">
              {t('purchasing.lines.rejected')}
            </th>
            <th scope="col" className="stock-num">
              {t('purchasing.lines.unitPrice')}
            </th>
            <th scope="col" className="stock-num">
              {t('purchasing.lines.vatRate')}
            </th>
            <th scope="col" className="stock-num">
              {t('purchasing.lines.gross')}
            </th>
          </tr>
        </thead>
        <tbody>
          {order.lines.map((l) => (
            <tr key={l.line} data-testid={`po-line-${l.line}`}>
              <th scope="row">
                {localized(l.name, i18n.language)}
                {l.chilled ? <span className="po-chilled">{t('purchasing.lines.chilled')}</span> : null}
              </th>
              <td className="stock-num">
                {l.qty} {l.unit}
              </td>
              <td className="stock-num" data-testid={`po-line-${l.line}-received`}>
                {l.receivedQty} {l.unit}
              </td>
              <td className="stock-num" data-testid={`po-line-${l.line}-rejected`}>
                {l.rejectedQty} {l.unit}
              </td>
              <td className="stock-num">{moneyText(l.unitPrice, order.currency)}</td>
              <td className="stock-num">{l.taxRatePct} %</td>
              <td className="stock-num">{moneyText(l.gross, order.currency)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={6}>
              {t('purchasing.detail.totals', {
                net: moneyText(order.totals.net, order.currency),
                vat: moneyText(order.totals.vat, order.currency),
              })}
            </th>
            <td className="stock-num po-gross" data-testid="po-gross">
              {moneyText(order.totals.gross, order.currency)}
            </td>
          </tr>
        </tfoot>
      </table>
      {invoicing ? (
        <RecordInvoice
          ctx={ctx}
          order={order}
          onCancel={() => setInvoicing(false)}
          onRecorded={(invoice) => {
            setInvoicing(false);
            ctx.changed();
            onOpenInvoice(invoice.id);
          }}
        />
      ) : null}
      {receiving ? (
        <ReceiveForm
          ctx={ctx}
          order={order}
          onCancel={() => setReceiving(false)}
          onReceived={(after) => {
            setLatest(after);
            setReceiving(false);
            setDone(
              t('purchasing.receive.done', { id: after.id, state: t(`purchasing.state.${after.state}`) }),
            );
            ctx.changed();
          }}
        />
      ) : (
        <div className="stock-purchase-actions po-actions">
          {mayPlace && order.state === 'draft' ? (
            <button type="button" className="primary" disabled={busy} onClick={() => void step('placed')}>
              {t('purchasing.detail.place')}
            </button>
          ) : null}
          {mayReceive ? (
            <button type="button" className="primary" onClick={() => setReceiving(true)}>
              {t('purchasing.detail.receive')}
            </button>
          ) : null}
          {mayPlace && (order.state === 'draft' || order.state === 'placed') ? (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void step('cancelled')}
            >
              {t('purchasing.detail.cancel')}
            </button>
          ) : null}
          {may(ctx, 'invoices.record') &&
          order.state !== 'draft' &&
          order.state !== 'cancelled' &&
          !invoicing ? (
            <button type="button" className="secondary" onClick={() => setInvoicing(true)}>
              {t('purchasing.record.open')}
            </button>
          ) : null}
          <OrderDocuments ctx={ctx} orderId={order.id} lang={lang} />
        </div>
      )}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      {done ? (
        <p className="stock-done" role="status">
          {done}
        </p>
      ) : null}
      {may(ctx, 'invoices.read') ? (
        <OrderInvoices ctx={ctx} orderId={order.id} onOpen={onOpenInvoice} />
      ) : null}
      <OrderHistory ctx={ctx} order={order} />
    </section>
  );
}
