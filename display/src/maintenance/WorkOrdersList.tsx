import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { EquipmentView } from '../../../shared/api/equipment';
import type { WorkOrderView } from '../../../shared/api/maintenance';
import { localized } from '../../../shared/browser/locale';
import { formatAge } from '../app/format';
import { daysLate, daysUntil } from '../tasks/task-state';

interface WorkOrdersListProps {
  orders: readonly WorkOrderView[];
  equipment: readonly EquipmentView[];
  now: number;
  onOpen: (id: number) => void;
}

/** Due and overdue preventive work, overdue first in the warning colour with a word and an icon. */
export function WorkOrdersList({ orders, equipment, now, onOpen }: WorkOrdersListProps) {
  const { t, i18n } = useTranslation();
  const sorted = [...orders].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt - b.dueAt || a.id - b.id,
  );
  if (sorted.length === 0) return <p className="empty">{t('maintenance.none')}</p>;
  return (
    <ul className="ticket-list">
      {sorted.map((order) => {
        const machine = equipment.find((e) => e.id === order.equipmentId);
        return (
          <li key={order.id}>
            <button
              type="button"
              className={`ticket-row work-order-row ${order.overdue ? 'overdue' : ''}`}
              data-work-order-id={order.id}
              data-overdue={order.overdue}
              onClick={() => onOpen(order.id)}
            >
              <span className="ticket-id">#{order.id}</span>
              <span className="ticket-main">
                <span className="ticket-equipment">
                  {machine ? localized(machine.name, i18n.language) : order.equipmentId}
                </span>
                <span className="ticket-title">
                  {localized(order.title, i18n.language)} ·{' '}
                  {t(order.assignee === 'store' ? 'maintenance.forStore' : 'maintenance.forTechnician')}
                </span>
              </span>
              <span className={`ticket-status status-${order.status}`}>
                {t(`tickets.status.${order.status}`)}
              </span>
              <DueText order={order} now={now} />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

/** "⚠ overdue 3 d", "due today", "due in 2 d". */
export function DueText({ order, now }: { order: WorkOrderView; now: number }) {
  const { t } = useTranslation();
  if (order.overdue) {
    return (
      <span className="due overdue" data-testid="due">
        <span aria-hidden="true">⚠ </span>
        {t('maintenance.overdue', { age: dayAge(daysLate(order, now), now - order.dueAt, t) })}
      </span>
    );
  }
  const days = daysUntil(order, now);
  return (
    <span className="due" data-testid="due">
      {order.dueAt <= now
        ? t('maintenance.dueNow')
        : days === 0
          ? t('maintenance.dueToday')
          : t('maintenance.dueIn', { age: dayAge(days, order.dueAt - now, t) })}
    </span>
  );
}

/** Whole days once there is one ("3 d"), hours or minutes before. */
function dayAge(days: number, ms: number, t: TFunction): string {
  return days >= 1 ? t('duration.days', { count: days }) : formatAge(ms, t);
}
