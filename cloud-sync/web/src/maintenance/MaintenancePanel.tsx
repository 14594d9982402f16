import { useTranslation } from 'react-i18next';
import { localized } from '../../../../shared/browser/locale';
import { CENTRAL_ROUTES } from '../../../../shared/central/api';
import {
  type CentralPurchaseRequest,
  CentralPurchaseRequestList,
  type CentralWorkOrder,
  CentralWorkOrderList,
  MaintenanceOverview,
  type MaintenanceRollup,
  type StoreMaintenanceMetrics,
} from '../../../../shared/central/maintenance-api';
import type { PollOptions } from '../app/use-poll';
import { usePoll } from '../app/use-poll';
import { agedSince, formatDuration } from '../format/time';
import { formatRate, formatSeconds } from './maintenance-format';
import { RunningDayTable } from './RunningDayTable';

interface MaintenancePanelProps {
  poll: PollOptions;
  now: number;
  /** Only the rows of these regions (all when undefined): the page's region filter. */
  inRegion: <T extends { regionId: string }>(rows: readonly T[] | undefined) => T[];
  regionName: (regionId: string) => string;
  onOpenStore: (storeId: string) => void;
}

/** 维保: per-store maintenance metrics, overdue PM across stores, purchase requests awaiting approval. */
export function MaintenancePanel({ poll, now, inRegion, regionName, onOpenStore }: MaintenancePanelProps) {
  const { t } = useTranslation();
  const metrics = usePoll(CENTRAL_ROUTES.maintenanceMetrics, MaintenanceOverview, poll);
  const orders = usePoll(CENTRAL_ROUTES.maintenanceWorkOrders, CentralWorkOrderList, poll);
  const purchases = usePoll(CENTRAL_ROUTES.maintenancePurchases, CentralPurchaseRequestList, poll);
  const regions = inRegion(metrics.data?.regions);
  return (
    <div className="maintenance">
      <section>
        <h2>{t('maintenance.todayTitle')}</h2>
        <p className="muted small">{t('maintenance.todayHint')}</p>
        {metrics.data ? (
          <RunningDayTable stores={inRegion(metrics.data.stores)} onOpenStore={onOpenStore} />
        ) : null}
      </section>
      <section>
        <h2>{t('maintenance.metricsTitle')}</h2>
        <p className="muted small">{t('maintenance.metricsHint')}</p>
        {metrics.data ? (
          <MetricsTable
            stores={inRegion(metrics.data.stores)}
            regions={regions}
            regionName={regionName}
            onOpenStore={onOpenStore}
          />
        ) : (
          <p className="empty">{t('app.loading')}</p>
        )}
      </section>
      <section>
        <h2>{t('maintenance.pmTitle')}</h2>
        {orders.data && orders.fetchedAt !== undefined ? (
          <WorkOrdersTable
            orders={inRegion(orders.data)}
            fetchedAt={orders.fetchedAt}
            now={now}
            onOpenStore={onOpenStore}
          />
        ) : (
          <p className="empty">{t('app.loading')}</p>
        )}
      </section>
      <section>
        <h2>{t('maintenance.purchasesTitle')}</h2>
        {purchases.data && purchases.fetchedAt !== undefined ? (
          <PurchasesTable
            requests={inRegion(purchases.data)}
            fetchedAt={purchases.fetchedAt}
            now={now}
            onOpenStore={onOpenStore}
          />
        ) : (
          <p className="empty">{t('app.loading')}</p>
        )}
      </section>
    </div>
  );
}

function MetricCells({ m }: { m: MaintenanceRollup }) {
  const { t } = useTranslation();
  const parts = m.partsConsumed.reduce((sum, p) => sum + p.quantity, 0);
  return (
    <>
      <td className="num">{formatRate(m.pm.onTimeRate)}</td>
      <td className={`num ${m.pm.overdue > 0 ? 'tone-warning' : ''}`}>
        {m.pm.backlog}
        {m.pm.overdue > 0 ? (
          <span className="muted small"> ({t('maintenance.overdueN', { n: m.pm.overdue })})</span>
        ) : null}
      </td>
      <td className="num">{m.repairs}</td>
      <td className="num">{formatSeconds(m.firstResponseAvgS, t)}</td>
      <td className="num">{formatSeconds(m.mttrAvgS, t)}</td>
      <td className="num">{formatSeconds(m.mtbfAvgS, t)}</td>
      <td className="num">{formatRate(m.repeatRepairRate)}</td>
      <td className="num">{formatRate(m.sla.compliance)}</td>
      <td className="num" title={m.partsConsumed.map((p) => `${p.partNumber} × ${p.quantity}`).join('\n')}>
        {parts}
      </td>
    </>
  );
}

function MetricsTable({
  stores,
  regions,
  regionName,
  onOpenStore,
}: {
  stores: readonly StoreMaintenanceMetrics[];
  regions: readonly { regionId: string; stores: number; range: MaintenanceRollup }[];
  regionName: (regionId: string) => string;
  onOpenStore: (storeId: string) => void;
}) {
  const { t } = useTranslation();
  if (stores.length === 0) return <p className="empty">{t('maintenance.noMetrics')}</p>;
  return (
    <table className="grid maintenance-metrics">
      <thead>
        <tr>
          <th>{t('maintenance.store')}</th>
          <th>{t('maintenance.latestDay')}</th>
          <th className="num">{t('maintenance.pmOnTime')}</th>
          <th className="num">{t('maintenance.pmBacklog')}</th>
          <th className="num">{t('maintenance.repairs')}</th>
          <th className="num">{t('maintenance.firstResponse')}</th>
          <th className="num">{t('maintenance.mttr')}</th>
          <th className="num">{t('maintenance.mtbf')}</th>
          <th className="num">{t('maintenance.repeatRate')}</th>
          <th className="num">{t('maintenance.sla')}</th>
          <th className="num">{t('maintenance.parts')}</th>
        </tr>
      </thead>
      <tbody>
        {stores.map((s) => (
          <tr key={s.storeId} data-store={s.storeId}>
            <td>
              <button type="button" className="link" onClick={() => onOpenStore(s.storeId)}>
                {s.storeName}
              </button>
            </td>
            <td className="muted">{s.latestDay ?? t('maintenance.noDay')}</td>
            <MetricCells m={s.range} />
          </tr>
        ))}
      </tbody>
      <tfoot>
        {regions.map((r) => (
          <tr key={r.regionId} data-region={r.regionId} className="rollup">
            <th scope="row">
              {t('maintenance.regionRollup', { region: regionName(r.regionId), n: r.stores })}
            </th>
            <td className="muted">{t('maintenance.storeDays', { n: r.range.days })}</td>
            <MetricCells m={r.range} />
          </tr>
        ))}
      </tfoot>
    </table>
  );
}

function WorkOrdersTable({
  orders,
  fetchedAt,
  now,
  onOpenStore,
}: {
  orders: readonly CentralWorkOrder[];
  fetchedAt: number;
  now: number;
  onOpenStore: (storeId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  if (orders.length === 0) return <p className="empty">{t('maintenance.noPm')}</p>;
  return (
    <table className="grid pm-orders">
      <thead>
        <tr>
          <th>{t('maintenance.overdueFor')}</th>
          <th>{t('maintenance.store')}</th>
          <th>{t('tickets.equipment')}</th>
          <th>{t('maintenance.task')}</th>
          <th>{t('tickets.status')}</th>
          <th>{t('maintenance.escalation')}</th>
        </tr>
      </thead>
      <tbody>
        {orders.map(({ storeId, storeName, overdue, overdueS, workOrder }) => (
          <tr
            key={`${storeId}/${workOrder.id}`}
            data-work-order={`${storeId}/${workOrder.id}`}
            className={overdue ? 'row-warning' : ''}
          >
            <td className="age">
              {overdue
                ? formatDuration(agedSince(overdueS, fetchedAt, now, 1000), t)
                : t('maintenance.notYet')}
            </td>
            <td>
              <button type="button" className="link" onClick={() => onOpenStore(storeId)}>
                {storeName}
              </button>
            </td>
            <td className="mono">{workOrder.equipmentId}</td>
            <td>
              {localized(workOrder.title, i18n.language)}
              <span className="muted small"> #{workOrder.id}</span>
            </td>
            <td>{t(`tickets.statusName.${workOrder.status}`)}</td>
            <td>
              {workOrder.escalation === 'none' ? '—' : t(`maintenance.escalated.${workOrder.escalation}`)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function PurchasesTable({
  requests,
  fetchedAt,
  now,
  onOpenStore,
}: {
  requests: readonly CentralPurchaseRequest[];
  fetchedAt: number;
  now: number;
  onOpenStore: (storeId: string) => void;
}) {
  const { t } = useTranslation();
  if (requests.length === 0) return <p className="empty">{t('maintenance.noPurchases')}</p>;
  return (
    <table className="grid purchases">
      <thead>
        <tr>
          <th>{t('maintenance.waiting')}</th>
          <th>{t('maintenance.store')}</th>
          <th>{t('maintenance.part')}</th>
          <th className="num">{t('maintenance.quantity')}</th>
          <th>{t('maintenance.reason')}</th>
          <th>{t('maintenance.requestedBy')}</th>
        </tr>
      </thead>
      <tbody>
        {requests.map(({ storeId, storeName, ageS, request }) => (
          <tr key={`${storeId}/${request.id}`} data-purchase={`${storeId}/${request.id}`}>
            <td className="age">{formatDuration(agedSince(ageS, fetchedAt, now, 1000), t)}</td>
            <td>
              <button type="button" className="link" onClick={() => onOpenStore(storeId)}>
                {storeName}
              </button>
            </td>
            <td className="mono">{request.partNumber}</td>
            <td className="num">{request.quantity}</td>
            <td>{t(`maintenance.reasons.${request.reason}`)}</td>
            <td>{request.requestedBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
