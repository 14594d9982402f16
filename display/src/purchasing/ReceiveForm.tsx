import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GoodsReceiptRequest, PurchaseOrderView } from '../../../shared/api/purchasing';
import { localized } from '../../../shared/browser/locale';
import { PinDialog } from '../auth/PinDialog';
import { userMay } from '../auth/permissions';
import { receivedRef } from '../stock/stock-dates';
import { PurchasingRefusal, postReceipt } from './purchasing-api';
import { type PurchasingContext, purchasingProblem } from './purchasing-context';
import {
  draftReceipt,
  type LineEntry,
  linesNamed,
  outstandingOf,
  rejectWhole,
  startingEntries,
} from './receipt-entry';

interface ReceiveFormProps {
  ctx: PurchasingContext;
  order: PurchaseOrderView;
  onReceived: (order: PurchaseOrderView) => void;
  onCancel: () => void;
}

/** The edge's rule when whoever placed the order receives it alone (shared/permissions-segregation.ts). */
const ORDERER_RECEIVES_ALONE = 'orderer_receives_alone';

/**
 * Goods in against a placed order (收货): per line what was accepted and what was sent
 * back with why, lot, expiry and, for chilled goods, the delivery temperature. The edge
 * judges the temperature against the store's cold-holding limit; when it refuses, its
 * reason (limit and clause) is shown and the line can be rejected whole. When the edge
 * says the orderer may not receive alone, a second person who may receive signs with
 * their PIN.
 */
export function ReceiveForm({ ctx, order, onReceived, onCancel }: ReceiveFormProps) {
  const { t, i18n } = useTranslation();
  const [ref, setRef] = useState('');
  const [entries, setEntries] = useState<LineEntry[]>(() => startingEntries(order));
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [tooWarm, setTooWarm] = useState<number[]>([]);
  const [needsWitness, setNeedsWitness] = useState<GoodsReceiptRequest | undefined>();
  const [signing, setSigning] = useState<GoodsReceiptRequest | undefined>();

  const set = (line: number, change: Partial<LineEntry>) =>
    setEntries((all) => all.map((e) => (e.line === line ? { ...e, ...change } : e)));

  function refused(err: unknown, receipt: GoodsReceiptRequest) {
    setProblem(purchasingProblem(err, t, i18n.language));
    setTooWarm(
      err instanceof PurchasingRefusal && err.status === 422 ? linesNamed(err.problem.issues, receipt) : [],
    );
    setNeedsWitness(
      err instanceof PurchasingRefusal && err.rule === ORDERER_RECEIVES_ALONE ? receipt : undefined,
    );
  }

  async function send() {
    setProblem(undefined);
    setTooWarm([]);
    setNeedsWitness(undefined);
    // No delivery note typed: when it came, as the stock room names such deliveries.
    const draft = draftReceipt(ref.trim() || receivedRef(ctx.now, ctx.timezone), entries);
    if (!draft.ok) {
      if (draft.error === 'nothing') setProblem(t('purchasing.receive.nothing'));
      else {
        const issue = draft.error.issues[0];
        setProblem(
          t('purchasing.receive.invalid', {
            path: issue ? issue.path.join('.') : '',
            message: issue?.message ?? '',
          }),
        );
      }
      return;
    }
    // A chilled line taken in needs its probe reading: said here, before the edge would refuse it.
    const unprobed = draft.receipt.lines.filter(
      (l) =>
        Number(l.qty) > 0 &&
        l.deliveryTempC === undefined &&
        order.lines.find((o) => o.line === l.line)?.chilled,
    );
    if (unprobed.length > 0) {
      setTooWarm(unprobed.map((l) => l.line));
      setProblem(
        t('purchasing.receive.needsTemp', {
          items: unprobed
            .map((l) => order.lines.find((o) => o.line === l.line))
            .map((o) => (o ? localized(o.name, i18n.language) : ''))
            .join(', '),
        }),
      );
      return;
    }
    setBusy(true);
    try {
      const person = await ctx.signIn(t('purchasing.receive.action', { id: order.id }));
      onReceived(await postReceipt(order.id, draft.receipt, person.token));
    } catch (err) {
      refused(err, draft.receipt);
    } finally {
      setBusy(false);
    }
  }

  const witnesses = ctx.users.filter(
    (u) =>
      u.id !== ctx.person.userId &&
      u.id !== order.placedBy &&
      (userMay(u, 'purchase_requests.receive') || userMay(u, 'stock.receive')),
  );

  return (
    <section className="po-receive" data-testid="po-receive" aria-label={t('purchasing.receive.title')}>
      <h2 className="stock-heading">{t('purchasing.receive.title')}</h2>
      <label className="field po-ref">
        <span>{t('purchasing.receive.ref')}</span>
        <input name="ref" value={ref} maxLength={100} onChange={(e) => setRef(e.target.value)} />
      </label>
      <table className="stock-table po-receive-table">
        <thead>
          <tr>
            <th scope="col">{t('purchasing.lines.item')}</th>
            <th scope="col">{t('purchasing.receive.outstanding')}</th>
            <th scope="col">{t('purchasing.receive.accepted')}</th>
            <th scope="col">{t('purchasing.receive.rejected')}</th>
            <th scope="col">{t('purchasing.receive.reason')}</th>
            <th scope="col">{t('purchasing.receive.lot')}</th>
            <th scope="col">{t('purchasing.receive.expiry')}</th>
            <th scope="col">{t('purchasing.receive.temp')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => {
            const line = order.lines.find((l) => l.line === e.line);
            if (!line) return null;
            const name = localized(line.name, i18n.language);
            const warm = tooWarm.includes(e.line);
            return (
              <tr
                key={e.line}
                data-testid={`po-receive-line-${e.line}`}
                className={warm ? 'stock-refused' : ''}
              >
                <th scope="row">
                  {name}
                  {line.chilled ? <span className="po-chilled">{t('purchasing.lines.chilled')}</span> : null}
                </th>
                <td data-label={t('purchasing.receive.outstanding')} className="stock-num">
                  {outstandingOf(line)} {line.unit}
                </td>
                <td data-label={t('purchasing.receive.accepted')}>
                  <input
                    className="po-input po-num"
                    name={`qty-${e.line}`}
                    aria-label={t('purchasing.receive.acceptedOf', { item: name })}
                    inputMode="decimal"
                    value={e.qty}
                    onChange={(ev) => set(e.line, { qty: ev.target.value })}
                  />
                </td>
                <td data-label={t('purchasing.receive.rejected')}>
                  <input
                    className="po-input po-num"
                    name={`rejected-${e.line}`}
                    aria-label={t('purchasing.receive.rejectedOf', { item: name })}
                    inputMode="decimal"
                    value={e.rejectedQty}
                    onChange={(ev) => set(e.line, { rejectedQty: ev.target.value })}
                  />
                </td>
                <td data-label={t('purchasing.receive.reason')}>
                  <input
                    className="po-input"
                    name={`reason-${e.line}`}
                    aria-label={t('purchasing.receive.reasonOf', { item: name })}
                    value={e.rejectReason}
                    maxLength={500}
                    onChange={(ev) => set(e.line, { rejectReason: ev.target.value })}
                  />
                </td>
                <td data-label={t('purchasing.receive.lot')}>
                  <input
                    className="po-input"
                    name={`lot-${e.line}`}
                    aria-label={t('purchasing.receive.lotOf', { item: name })}
                    value={e.lot}
                    maxLength={60}
                    onChange={(ev) => set(e.line, { lot: ev.target.value })}
                  />
                </td>
                <td data-label={t('purchasing.receive.expiry')}>
                  <input
                    className="po-input"
                    type="date"
                    name={`expiry-${e.line}`}
                    aria-label={t('purchasing.receive.expiryOf', { item: name })}
                    value={e.expiry}
                    onChange={(ev) => set(e.line, { expiry: ev.target.value })}
                  />
                </td>
                <td data-label={t('purchasing.receive.temp')}>
                  {line.chilled ? (
                    <input
                      className="po-input po-num"
                      name={`temp-${e.line}`}
                      aria-label={t('purchasing.receive.tempOf', { item: name })}
                      inputMode="decimal"
                      value={e.tempC}
                      onChange={(ev) => set(e.line, { tempC: ev.target.value })}
                    />
                  ) : (
                    <span className="po-muted">—</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {problem ? (
        <div className="dialog-error notice po-refusal" role="alert">
          <p>{problem}</p>
          {tooWarm.map((lineNo) => {
            const entry = entries.find((e) => e.line === lineNo);
            const line = order.lines.find((l) => l.line === lineNo);
            // Rejecting whole is for goods probed too warm; a missing reading is typed in instead.
            if (!entry || !line || entry.tempC.trim() === '') return null;
            return (
              <button
                key={lineNo}
                type="button"
                className="secondary"
                onClick={() => {
                  set(
                    lineNo,
                    rejectWhole(
                      entry,
                      outstandingOf(line),
                      t('purchasing.receive.tooWarmReason', { temp: entry.tempC.trim() }),
                    ),
                  );
                  setTooWarm((all) => all.filter((n) => n !== lineNo));
                  setProblem(undefined);
                }}
              >
                {t('purchasing.receive.rejectWhole', { item: localized(line.name, i18n.language) })}
              </button>
            );
          })}
          {needsWitness ? (
            <button type="button" className="primary" onClick={() => setSigning(needsWitness)}>
              {t('purchasing.receive.witness')}
            </button>
          ) : null}
        </div>
      ) : null}
      <div className="stock-purchase-actions">
        <button type="button" className="primary" disabled={busy} onClick={() => void send()}>
          {t('purchasing.receive.confirm')}
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          {t('purchasing.cancel')}
        </button>
      </div>
      {signing ? (
        <PinDialog
          action={t('purchasing.receive.witnessAction', { id: order.id })}
          users={witnesses}
          onDone={() => undefined}
          onCancel={() => setSigning(undefined)}
          verify={{
            check: async (user, pin) => {
              try {
                onReceived(
                  await postReceipt(order.id, { ...signing, witness: { user, pin } }, ctx.person.token),
                );
              } catch (err) {
                // A wrong PIN (403 without a rule) or too many tries stay on the keypad; anything else is the form's.
                if (
                  err instanceof PurchasingRefusal &&
                  (err.status === 429 || (err.status === 403 && !err.rule))
                )
                  throw err;
                refused(err, signing);
              }
            },
            onVerified: () => setSigning(undefined),
          }}
        />
      ) : null}
    </section>
  );
}
