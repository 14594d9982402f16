import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  InvoiceResolutionRequest,
  PaymentRequest,
  type SupplierInvoiceView,
} from '../../../shared/purchasing/invoice-api';
import { PaymentMethod, type ResolutionKind } from '../../../shared/purchasing/invoice-events';
import { storeDate } from '../stock/stock-dates';
import { approvePayment, recordPayment, resolveInvoice } from './invoice-api';
import { may, type PurchasingContext, purchasingProblem } from './purchasing-context';

const RESOLUTIONS: readonly ResolutionKind[] = ['accept', 'short_pay', 'debit_note'];

/**
 * Finance's steps on one invoice, each offered only to one whose permissions allow it and
 * only when the invoice's status lets it: resolve an exception (accept, short-pay, debit
 * note), approve the payment, record a payment. The edge decides again and keeps duties
 * apart; its refusal is shown as it words it.
 */
export function InvoiceActions({ ctx, invoice }: { ctx: PurchasingContext; invoice: SupplierInvoiceView }) {
  const { t, i18n } = useTranslation();
  const [kind, setKind] = useState<ResolutionKind>('short_pay');
  const [reason, setReason] = useState('');
  const [debitAmount, setDebitAmount] = useState('');
  const [debitRef, setDebitRef] = useState('');
  const [amount, setAmount] = useState(invoice.outstanding ?? '');
  const [date, setDate] = useState(() => storeDate(ctx.now, ctx.timezone));
  const [method, setMethod] = useState<PaymentMethod>('bank_transfer');
  const [reference, setReference] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  async function act(action: string, run: (token: string) => Promise<unknown>) {
    setBusy(true);
    setProblem(undefined);
    try {
      const person = await ctx.signIn(action);
      await run(person.token);
      ctx.changed();
    } catch (err) {
      setProblem(purchasingProblem(err, t, i18n.language));
    } finally {
      setBusy(false);
    }
  }

  function invalid(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }) {
    const issue = error.issues[0];
    setProblem(
      t('purchasing.receive.invalid', {
        path: issue ? issue.path.map(String).join('.') : '',
        message: issue?.message ?? '',
      }),
    );
  }

  const mayResolve = invoice.status === 'exception' && may(ctx, 'invoices.resolve');
  const mayApprove =
    (invoice.status === 'matched' || invoice.status === 'resolved') && may(ctx, 'payments.approve');
  const mayPay =
    (invoice.status === 'approved' || invoice.status === 'partially_paid') && may(ctx, 'payments.approve');

  return (
    <div className="po-invoice-actions" data-testid="invoice-actions">
      {mayResolve ? (
        <fieldset className="po-form">
          <legend>{t('purchasing.finance.resolveTitle')}</legend>
          <div className="choices">
            {RESOLUTIONS.map((k) => (
              <button
                key={k}
                type="button"
                className={`choice ${kind === k ? 'selected' : ''}`}
                aria-pressed={kind === k}
                onClick={() => setKind(k)}
              >
                {t(`purchasing.finance.resolution.${k}`)}
              </button>
            ))}
          </div>
          <label className="field">
            <span>{t('purchasing.finance.reason')}</span>
            <input value={reason} maxLength={1000} onChange={(e) => setReason(e.target.value)} />
          </label>
          {kind === 'debit_note' ? (
            <div className="po-row">
              <label className="field">
                <span>{t('purchasing.finance.debitAmount')}</span>
                <input
                  inputMode="decimal"
                  value={debitAmount}
                  onChange={(e) => setDebitAmount(e.target.value)}
                />
              </label>
              <label className="field">
                <span>{t('purchasing.finance.debitRef')}</span>
                <input value={debitRef} maxLength={60} onChange={(e) => setDebitRef(e.target.value)} />
              </label>
            </div>
          ) : null}
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => {
              const parsed = InvoiceResolutionRequest.safeParse(
                kind === 'debit_note'
                  ? { kind, reason, debitNote: { amount: debitAmount, ref: debitRef } }
                  : { kind, reason },
              );
              if (!parsed.success) return invalid(parsed.error);
              void act(t('purchasing.finance.resolveAction', { no: invoice.invoiceNo }), (token) =>
                resolveInvoice(invoice.id, parsed.data, token),
              );
            }}
          >
            {t('purchasing.finance.resolve')}
          </button>
        </fieldset>
      ) : null}
      {mayApprove ? (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() =>
            void act(t('purchasing.finance.approveAction', { no: invoice.invoiceNo }), (token) =>
              approvePayment(invoice.id, {}, token),
            )
          }
        >
          {t('purchasing.finance.approve')}
        </button>
      ) : null}
      {mayPay ? (
        <fieldset className="po-form">
          <legend>{t('purchasing.finance.payTitle')}</legend>
          <div className="po-row">
            <label className="field">
              <span>{t('purchasing.finance.amount')}</span>
              <input inputMode="decimal" value={amount} onChange={(e) => setAmount(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('purchasing.finance.date')}</span>
              <input type="date" value={date} onChange={(e) => setDate(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('purchasing.finance.reference')}</span>
              <input value={reference} maxLength={100} onChange={(e) => setReference(e.target.value)} />
            </label>
          </div>
          <div className="choices">
            {PaymentMethod.options.map((m) => (
              <button
                key={m}
                type="button"
                className={`choice ${method === m ? 'selected' : ''}`}
                aria-pressed={method === m}
                onClick={() => setMethod(m)}
              >
                {t(`purchasing.finance.method.${m}`)}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="primary"
            disabled={busy}
            onClick={() => {
              const parsed = PaymentRequest.safeParse({ amount, date, method, reference });
              if (!parsed.success) return invalid(parsed.error);
              void act(t('purchasing.finance.payAction', { no: invoice.invoiceNo }), (token) =>
                recordPayment(invoice.id, parsed.data, token),
              );
            }}
          >
            {t('purchasing.finance.pay')}
          </button>
        </fieldset>
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
