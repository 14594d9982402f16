import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { localized } from '../../../shared/browser/locale';
import { formatDateTime } from '../app/format';
import { useEdgeResource } from '../app/use-edge-resource';
import { type OrderFilter, PurchaseOrderList, purchasingPaths } from './purchasing-api';
import { moneyText, type PurchasingContext, personName } from './purchasing-context';

/**
 * Purchase orders, newest first: supplier, state and totals exactly as the edge computed
 * them. Open ones (draft, placed, partly received) by default, every one on a tap.
 */
export function OrderList({ ctx, onOpen }: { ctx: PurchasingContext; onOpen: (orderId: number) => void }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<OrderFilter>('open');
  const orders = useEdgeResource(
    purchasingPaths.orders(filter),
    PurchaseOrderList,
    ctx.person.token,
    ctx.version,
  );

  return (
    <section className="po-list" data-testid="po-list" aria-label={t('purchasing.orders.title')}>
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
      {orders.status === 'error' ? (
        <p className="dialog-error notice" role="alert">
          {t('purchasing.failed', { message: orders.message })}
        </p>
      ) : null}
      {orders.status === 'loading' ? <p className="empty">{t('purchasing.loading')}</p> : null}
      {orders.status === 'ok' && orders.data.length === 0 ? (
        <p className="empty">{t('purchasing.orders.none')}</p>
      ) : null}
      {orders.status === 'ok' && orders.data.length > 0 ? (
        <table className="stock-table po-table">
          <thead>
            <tr>
              <th scope="col">{t('purchasing.orders.number')}</th>
              <th scope="col">{t('purchasing.orders.supplier')}</th>
              <th scope="col">{t('purchasing.orders.state')}</th>
              <th scope="col" className="stock-num">
                {t('purchasing.orders.net')}
              </th>
              <th scope="col" className="stock-num">
                {t('purchasing.orders.vat')}
              </th>
              <th scope="col" className="stock-num">
                {t('purchasing.orders.gross')}
              </th>
              <th scope="col" className="po-wide">
                {t('purchasing.orders.created')}
              </th>
            </tr>
          </thead>
          <tbody>
            {orders.data.map((o) => (
              <tr key={o.id} data-testid={`po-row-${o.id}`} className={`po-state-${o.state}`}>
                <th scope="row">
                  <button type="button" className="secondary po-open" onClick={() => onOpen(o.id)}>
                    {t('purchasing.orders.open', { id: o.id })}
                  </button>
                </th>
                <td>{localized(o.supplierName, i18n.language)}</td>
                <td>
                  <span className={`po-badge po-badge-${o.state}`}>{t(`purchasing.state.${o.state}`)}</span>
                </td>
                <td className="stock-num">{moneyText(o.totals.net, o.currency)}</td>
                <td className="stock-num">{moneyText(o.totals.vat, o.currency)}</td>
                <td className="stock-num po-gross">{moneyText(o.totals.gross, o.currency)}</td>
                <td className="po-wide">
                  {formatDateTime(o.createdAt, ctx.timezone, i18n.language)} ·{' '}
                  {personName(ctx.users, o.createdBy)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}
