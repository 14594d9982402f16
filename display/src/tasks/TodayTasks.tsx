import { useTranslation } from 'react-i18next';
import type { EquipmentView } from '../../../shared/api/equipment';
import type { CheckSlotView } from '../../../shared/api/food-safety-checks';
import type { WorkOrderView } from '../../../shared/api/maintenance';
import { localized } from '../../../shared/browser/locale';
import { isDone, taskOrder } from './task-state';

interface TodayTasksProps {
  tasks: readonly WorkOrderView[];
  equipment: readonly EquipmentView[];
  /** a tap on an open task: sign it off */
  onSignOff: (task: WorkOrderView) => void;
  onOpenAll: () => void;
  /** today's food-safety checks: open and missed ones ride along as chips */
  checks?: readonly CheckSlotView[];
  /** a tap on a check chip: the food-safety screen, where it is entered */
  onOpenCheck?: () => void;
}

/**
 * Today's tasks as one row under the board: what is still to do (overdue first) as
 * big buttons that sign it off, what is done ticked after them. The whole list
 * with the maintenance work is one tap away.
 */
export function TodayTasks({
  tasks,
  equipment,
  onSignOff,
  onOpenAll,
  checks = [],
  onOpenCheck,
}: TodayTasksProps) {
  const { t, i18n } = useTranslation();
  const sorted = [...tasks].sort(taskOrder);
  const done = sorted.filter(isDone).length;
  const nameOf = (id: string) => {
    const machine = equipment.find((e) => e.id === id);
    return machine ? localized(machine.name, i18n.language) : id;
  };
  return (
    <section className="today-tasks" aria-label={t('tasks.today')} data-testid="today-tasks">
      <button type="button" className="secondary today-all" onClick={onOpenAll}>
        <span className="today-title">{t('tasks.today')}</span>
        <span className="today-count">
          {tasks.length === 0 ? t('tasks.none') : t('tasks.doneOf', { done, total: tasks.length })}
        </span>
      </button>
      <ul className="task-chips">
        {sorted.map((task) => {
          const title = localized(task.title, i18n.language);
          const where = nameOf(task.equipmentId);
          if (isDone(task)) {
            return (
              <li key={task.id} className="task-chip done" data-task-id={task.id} data-done="true">
                <span className="task-icon" aria-hidden="true">
                  ✓
                </span>
                <span className="task-chip-text">
                  <span className="task-chip-title">{title}</span>
                  <span className="task-chip-where">{where}</span>
                </span>
                <span className="visually-hidden">{t('tasks.done')}</span>
              </li>
            );
          }
          return (
            <li key={task.id} data-task-id={task.id} data-done="false">
              <button
                type="button"
                className={`task-chip ${task.overdue ? 'overdue' : ''}`}
                aria-label={t('tasks.signOffTask', { task: title, equipment: where })}
                onClick={() => onSignOff(task)}
              >
                <span className="task-icon" aria-hidden="true">
                  {task.overdue ? '⚠' : '○'}
                </span>
                <span className="task-chip-text">
                  <span className="task-chip-title">{title}</span>
                  <span className="task-chip-where">
                    {task.overdue ? `${t('tasks.overdueShort')} · ${where}` : where}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
        {checks
          .filter((c) => c.state === 'due' || c.state === 'missed')
          .map((check) => {
            const title = `${check.time} ${localized(check.name, i18n.language)}`;
            const missed = check.state === 'missed';
            return (
              <li key={`${check.checkId}@${check.slotAt}`} data-check={check.checkId} data-done="false">
                <button
                  type="button"
                  className={`task-chip check-chip ${missed ? 'overdue' : ''}`}
                  aria-label={t('tasks.checkChip', { check: title })}
                  onClick={onOpenCheck}
                >
                  <span className="task-icon" aria-hidden="true">
                    {missed ? '✗' : '🌡'}
                  </span>
                  <span className="task-chip-text">
                    <span className="task-chip-title">{title}</span>
                    <span className="task-chip-where">
                      {missed ? t('tasks.checkMissed') : t('tasks.checkDue')}
                    </span>
                  </span>
                </button>
              </li>
            );
          })}
      </ul>
    </section>
  );
}
