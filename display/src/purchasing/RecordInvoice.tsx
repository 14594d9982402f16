import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PurchaseOrderView } from '../../../shared/api/purchasing';
import { localized } from '../../../shared/browser/locale';
import { RecordInvoiceRequest, SupplierInvoiceView } from '../../../shared/purchasing/invoice-api';
import { requestEdge } from '../api/edge-client';
import { storeDate } from '../stock/stock-dates';
import { invoicePaths } from './invoice-api';
import { type PurchasingContext, purchasingProblem } from './purchasing-context';

interface LineText {
  line: number;
  qty: string;
  unitPrice: string;
}

/**
 * The supplier's invoice typed in as printed (登记发票): per line the quantity and unit
 * price, filled with what was received at the order's price since that is what a correct
 * invoice says; the edge matches it three ways at once and answers with the match.
 */
export function RecordInvoice({
  ctx,
  order,
  onRecorded,
  onCancel,
}: {
  ctx: PurchasingContext;
  order: PurchaseOrderView;
  onRecorded: (invoice: SupplierInvoiceView) => void;
  onCancel: () => void;
}) {
  const { t, i18n } = useTranslation();
  const [invoiceNo, setInvoiceNo] = useState('');
  const [invoiceDate, setInvoiceDate] = useState(() => storeDate(ctx.now, ctx.timezone));
  const [statedGross, setStatedGross] = useState('');
  const [lines, setLines] = useState<LineText[]>(() =>
    order.lines.map((l) => ({ line: l.line, qty: l.receivedQty, unitPrice: l.unitPrice })),
  );
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const set = (line: number, change: Partial<LineText>) =>
    setLines((all) => all.map((l) => (l.line === line ? { ...l, ...change } : l)));

  async function send() {
    setProblem(undefined);
    const parsed = RecordInvoiceRequest.safeParse({
      invoiceNo,
      invoiceDate,
      statedGross,
      // A line the supplier did not bill is left at 0 and not sent.
      lines: lines.filter((l) => Number(l.qty) > 0),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      setProblem(
        t('purchasing.receive.invalid', {
          path: issue ? issue.path.map(String).join('.') : '',
          message: issue?.message ?? '',
        }),
      );
      return;
    }
    setBusy(true);
    try {
      const person = await ctx.signIn(t('purchasing.record.action', { id: order.id }));
      onRecorded(
        await requestEdge(invoicePaths.ofOrder(order.id), SupplierInvoiceView, {
          method: 'POST',
          token: person.token,
          body: parsed.data,
        }),
      );
    } catch (err) {
      setProblem(purchasingProblem(err, t, i18n.language));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="po-form" data-testid="po-record-invoice" aria-label={t('purchasing.record.title')}>
      <h2 className="stock-heading">{t('purchasing.record.title')}</h2>
      <div className="po-row">
        <label className="field">
          <span>{t('purchasing.record.number')}</span>
          <input value={invoiceNo} maxLength={60} onChange={(e) => setInvoiceNo(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('purchasing.record.date')}</span>
          <input type="date" value={invoiceDate} onChange={(e) => setInvoiceDate(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('purchasing.record.stated')}</span>
          <input inputMode="decimal" value={statedGross} onChange={(e) => setStatedGross(e.target.value)} />
        </label>
      </div>
      {lines.map((entry) => {
        const line = order.lines.find((l) => l.line === entry.line);
        const name = line ? localized(line.name, i18n.language) : String(entry.line);
        return (
          <div key={entry.line} className="po-row">
            <label className="field">
              <span>{t('purchasing.record.qtyOf', { item: name, unit: line?.unit ?? '' })}</span>
              <input
                inputMode="decimal"
                value={entry.qty}
                onChange={(e) => set(entry.line, { qty: e.target.value })}
              />
            </label>
            <label className="field">
              <span>{t('purchasing.record.priceOf', { item: name })}</span>
              <input
                inputMode="decimal"
                value={entry.unitPrice}
                onChange={(e) => set(entry.line, { unitPrice: e.target.value })}
              />
            </label>
          </div>
        );
      })}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      <div className="po-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void send()}>
          {t('purchasing.record.confirm')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('purchasing.cancel')}
        </button>
      </div>
    </section>
  );
}
