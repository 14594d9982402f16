import { useTranslation } from 'react-i18next';
import type { EquipmentView } from '../../../shared/api/equipment';
import type { WorkOrderView } from '../../../shared/api/maintenance';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';
import { formatTime } from '../app/format';
import { usePolledResource } from '../app/use-polled-resource';
import { PendingClaimsPanel } from '../commissioning/PendingClaimsPanel';
import { maintenancePaths, WorkOrderList } from '../maintenance/maintenance-api';
import { DueText, WorkOrdersList } from '../maintenance/WorkOrdersList';
import { isDone, taskOrder } from './task-state';

interface TasksScreenProps {
  /** today's tasks; undefined while loading or where the edge has no maintenance */
  tasks: readonly WorkOrderView[] | undefined;
  equipment: readonly EquipmentView[];
  users: StoreInfo['users'];
  /** board data reads without one; kept for a screen that needs a person's */
  token?: string | undefined;
  now: number;
  timezone: string;
  onSignOff: (task: WorkOrderView) => void;
  onOpenWorkOrder: (id: number) => void;
  /** a technician or manager signed in: devices waiting to be accepted at commissioning */
  claims?: { token: string; units: string[] } | undefined;
}

const WORK_ORDERS_POLL_MS = 15_000;

/** Today's tasks in full, then all preventive maintenance that is due or overdue. */
export function TasksScreen(props: TasksScreenProps) {
  const { t, i18n } = useTranslation();
  const { tasks, equipment, now, timezone } = props;
  const { resource: orders } = usePolledResource(
    maintenancePaths.openWorkOrders,
    WorkOrderList,
    props.token,
    WORK_ORDERS_POLL_MS,
  );
  const nameOf = (id: string) => {
    const machine = equipment.find((e) => e.id === id);
    return machine ? localized(machine.name, i18n.language) : id;
  };
  const personOf = (id: string | null) => props.users.find((u) => u.id === id)?.name ?? id ?? '';
  return (
    <section className="tasks-screen" aria-label={t('tasks.today')}>
      <h2>{t('tasks.today')}</h2>
      {tasks === undefined ? <p className="empty">{t('app.loading')}</p> : null}
      {tasks?.length === 0 ? <p className="empty">{t('tasks.none')}</p> : null}
      <ul className="task-list">
        {[...(tasks ?? [])].sort(taskOrder).map((task) => {
          const done = isDone(task);
          return (
            <li
              key={task.id}
              className={`task-row ${done ? 'done' : task.overdue ? 'overdue' : ''}`}
              data-task-id={task.id}
              data-done={done}
            >
              <span className="task-icon" aria-hidden="true">
                {done ? '✓' : task.overdue ? '⚠' : '○'}
              </span>
              <span className="task-main">
                <span className="task-title">{localized(task.title, i18n.language)}</span>
                <span className="task-where">
                  {nameOf(task.equipmentId)} · {formatTime(task.dueAt, timezone, i18n.language)}
                </span>
              </span>
              {done ? (
                <span className="task-done">
                  {t('tasks.doneBy', {
                    by: personOf(task.resolvedBy),
                    time: formatTime(task.resolvedAt ?? task.updatedAt, timezone, i18n.language),
                  })}
                </span>
              ) : (
                <>
                  <DueText order={task} now={now} />
                  <button type="button" className="primary" onClick={() => props.onSignOff(task)}>
                    ✓ {t('tasks.signOff')}
                  </button>
                </>
              )}
            </li>
          );
        })}
      </ul>
      <h2 className="section-gap">{t('maintenance.title')}</h2>
      {orders.status === 'ok' ? (
        <WorkOrdersList orders={orders.data} equipment={equipment} now={now} onOpen={props.onOpenWorkOrder} />
      ) : (
        <p className="empty">{orders.status === 'loading' ? t('app.loading') : orders.message}</p>
      )}
      {props.claims ? (
        <PendingClaimsPanel token={props.claims.token} units={props.claims.units} timezone={timezone} />
      ) : null}
    </section>
  );
}
