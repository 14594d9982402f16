import { useTranslation } from 'react-i18next';
import { localized } from '../../../../shared/browser/locale';
import {
  PURCHASING_ROUTES,
  type RegionalInvoice,
  RegionalInvoices,
  type RegionalOrder,
  RegionalOrders,
  RegionalSpend,
  type SpendRow,
  type SpendTotal,
} from '../../../../shared/central/purchasing-api';
import { type PollOptions, usePoll } from '../app/use-poll';
import { formatDateTime } from '../format/time';
import { ApprovalsPanel } from './ApprovalsPanel';
import { formatAmount } from './purchasing-format';
import './purchasing.css';

interface PurchasingPanelProps {
  poll: PollOptions;
  /** Only the rows of these regions (all when undefined): the page's region filter. */
  inRegion: <T extends { regionId: string }>(rows: readonly T[] | undefined) => T[];
  onOpenStore: (storeId: string) => void;
}

/** 采购: what the stores spent with whom, orders waiting on goods, invoices finance must act on. */
export function PurchasingPanel({ poll, inRegion, onOpenStore }: PurchasingPanelProps) {
  const { t } = useTranslation();
  // Central's default range: the 30 days up to now.
  const spend = usePoll(PURCHASING_ROUTES.spend, RegionalSpend, poll);
  const orders = usePoll(`${PURCHASING_ROUTES.orders}?status=open`, RegionalOrders, poll);
  const invoices = usePoll(`${PURCHASING_ROUTES.invoices}?status=open`, RegionalInvoices, poll);
  // What waits for the user's own decision comes first; it loads on its own.
  const approvals = <ApprovalsPanel poll={poll} onOpenStore={onOpenStore} />;
  if (!spend.data || !orders.data || !invoices.data)
    return (
      <div className="purchasing-board">
        {approvals}
        <p className="empty">{t('app.loading')}</p>
      </div>
    );
  const rows = inRegion(spend.data.rows);
  return (
    <div className="purchasing-board">
      {approvals}
      <PurchasingBoard
        spend={rows}
        // Filtered by region, the totals are the page's own sums of the rows shown.
        totals={rows.length === spend.data.rows.length ? spend.data.totals : undefined}
        orders={inRegion(orders.data.orders)}
        invoices={inRegion(invoices.data.invoices)}
        onOpenStore={onOpenStore}
      />
    </div>
  );
}

interface PurchasingBoardProps {
  spend: readonly SpendRow[];
  totals: readonly SpendTotal[] | undefined;
  orders: readonly RegionalOrder[];
  invoices: readonly RegionalInvoice[];
  onOpenStore: (storeId: string) => void;
}

export function PurchasingBoard({ spend, totals, orders, invoices, onOpenStore }: PurchasingBoardProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const money = (text: string, currency: string) => formatAmount(text, currency, language);
  const storeCell = (store: { storeId: string; storeName: string }) => (
    <td className="store-cell">
      <button type="button" className="link store-link" onClick={() => onOpenStore(store.storeId)}>
        {store.storeName}
      </button>
      <span className="muted small"> {store.storeId}</span>
    </td>
  );
  return (
    <div className="purchasing-board">
      <section data-testid="purchasing-spend">
        <h2>{t('purchasing.spendTitle')}</h2>
        <p className="muted small">{t('purchasing.spendHint')}</p>
        {spend.length === 0 ? (
          <p className="empty">{t('purchasing.noSpend')}</p>
        ) : (
          <div className="table-scroll">
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('purchasing.store')}</th>
                  <th>{t('purchasing.supplier')}</th>
                  <th className="num">{t('purchasing.ordered')}</th>
                  <th className="num">{t('purchasing.received')}</th>
                  <th className="num">{t('purchasing.invoiced')}</th>
                  <th className="num">{t('purchasing.paid')}</th>
                </tr>
              </thead>
              <tbody>
                {spend.map((row) => (
                  <tr
                    key={`${row.storeId}/${row.supplier}/${row.currency}`}
                    data-testid={`spend-${row.storeId}-${row.supplier}`}
                  >
                    {storeCell(row)}
                    <td>
                      {row.supplierName ? localized(row.supplierName, language) : row.supplier}
                      <div className="muted small">
                        {t('purchasing.counts', { orders: row.orders, receipts: row.receipts })}
                      </div>
                    </td>
                    <td className="num">{money(row.ordered, row.currency)}</td>
                    <td className="num">{money(row.received, row.currency)}</td>
                    <td className="num">{money(row.invoiced, row.currency)}</td>
                    <td className="num">{money(row.paid, row.currency)}</td>
                  </tr>
                ))}
                {(totals ?? []).map((total) => (
                  <tr key={`total/${total.currency}`} data-testid={`spend-total-${total.currency}`}>
                    <td colSpan={2}>
                      <strong>{t('purchasing.total', { currency: total.currency })}</strong>
                    </td>
                    <td className="num">
                      <strong>{money(total.ordered, total.currency)}</strong>
                    </td>
                    <td className="num">
                      <strong>{money(total.received, total.currency)}</strong>
                    </td>
                    <td className="num">
                      <strong>{money(total.invoiced, total.currency)}</strong>
                    </td>
                    <td className="num">
                      <strong>{money(total.paid, total.currency)}</strong>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section data-testid="purchasing-orders">
        <h2>{t('purchasing.ordersTitle')}</h2>
        <p className="muted small">{t('purchasing.ordersHint')}</p>
        {orders.length === 0 ? (
          <p className="empty">{t('purchasing.noOrders')}</p>
        ) : (
          <div className="table-scroll">
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('purchasing.store')}</th>
                  <th>{t('purchasing.order')}</th>
                  <th>{t('purchasing.state')}</th>
                  <th className="num">{t('purchasing.gross')}</th>
                  <th className="num">{t('purchasing.receivedSoFar')}</th>
                  <th className="num">{t('purchasing.outstanding')}</th>
                  <th>{t('purchasing.placed')}</th>
                </tr>
              </thead>
              <tbody>
                {orders.map((o) => (
                  <tr key={`${o.storeId}/${o.orderId}`} data-testid={`order-${o.storeId}-${o.orderId}`}>
                    {storeCell(o)}
                    <td className="doc-cell">
                      #{o.orderId} · {localized(o.supplierName, language)}
                    </td>
                    <td>{t(`purchasing.states.${o.state}`)}</td>
                    <td className="num">{money(o.gross, o.currency)}</td>
                    <td className="num">{money(o.receivedGross, o.currency)}</td>
                    <td className="num">{o.linesOutstanding}</td>
                    <td>{o.placedAt === null ? '—' : formatDateTime(o.placedAt, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section data-testid="purchasing-invoices">
        <h2>{t('purchasing.invoicesTitle')}</h2>
        <p className="muted small">{t('purchasing.invoicesHint')}</p>
        {invoices.length === 0 ? (
          <p className="empty">{t('purchasing.noInvoices')}</p>
        ) : (
          <div className="table-scroll">
            <table className="grid">
              <thead>
                <tr>
                  <th>{t('purchasing.store')}</th>
                  <th>{t('purchasing.invoice')}</th>
                  <th>{t('purchasing.status')}</th>
                  <th className="num">{t('purchasing.invoiced')}</th>
                  <th className="num">{t('purchasing.owed')}</th>
                  <th>{t('purchasing.due')}</th>
                </tr>
              </thead>
              <tbody>
                {invoices.map((i) => (
                  <tr
                    key={`${i.storeId}/${i.invoiceId}`}
                    data-testid={`invoice-${i.storeId}-${i.invoiceId}`}
                    className={i.unmatched ? 'row-critical' : undefined}
                  >
                    {storeCell(i)}
                    <td className="doc-cell">
                      {i.supplierInvoiceNo} · {i.supplier}
                      <div className="muted small">
                        {t('purchasing.order')} #{i.orderId} · {i.invoiceDate}
                      </div>
                    </td>
                    <td>
                      <span className={i.unmatched ? 'tone-critical' : undefined}>
                        {t(`purchasing.statuses.${i.status}`)}
                      </span>
                      {i.exceptionLines.map((l) => (
                        <div key={l.line} className="muted small">
                          {t('purchasing.line', {
                            line: l.line,
                            item: l.item,
                            reasons: l.reasons
                              .map((r) => t(`purchasing.reasons.${r}`))
                              .join(language === 'en' ? ', ' : '、'),
                          })}
                        </div>
                      ))}
                    </td>
                    <td className="num">{money(i.gross, i.currency)}</td>
                    <td className="num">{money(i.outstanding, i.currency)}</td>
                    <td>
                      {i.dueDate ?? '—'}
                      {i.overdue ? <span className="tone-warning"> · {t('purchasing.overdue')}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
