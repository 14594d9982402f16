import { useTranslation } from 'react-i18next';
import type { WorkOrderView } from '../../../shared/api/maintenance';
import { personMay } from '../auth/permissions';
import type { PersonSession } from '../auth/person-session';
import { commissioningInNav } from '../commissioning/commissioning-access';
import { predictiveInNav } from '../predictive/use-predictive';
import { isDone } from '../tasks/task-state';
import type { GoTo, Screen } from './screen';

interface ScreenNavProps {
  screen: Screen;
  go: GoTo;
  toBoard: () => void;
  session: PersonSession | undefined;
  /** open tickets on the board, counted on their button; undefined until the board has them */
  ticketCount: number | undefined;
  /** today's tasks; the Tasks button shows only once the edge answered */
  todayTasks: readonly WorkOrderView[] | undefined;
}

/**
 * The screens of the top bar. Everyone sees the kitchen's screens; purchasing, prediction
 * and commissioning show only to a person whose role may use them (the edge checks again).
 */
export function ScreenNav({ screen, go, toBoard, session, ticketCount, todayTasks }: ScreenNavProps) {
  const { t } = useTranslation();
  return (
    <nav className="nav">
      <NavButton active={screen.kind === 'board'} onClick={toBoard} label={t('app.board')} />
      <NavButton active={screen.kind === 'kds'} onClick={() => go({ kind: 'kds' })} label={t('kds.nav')} />
      <NavButton active={screen.kind === 'menu'} onClick={() => go({ kind: 'menu' })} label={t('menu.nav')} />
      <NavButton
        active={screen.kind === 'stock'}
        onClick={() => go({ kind: 'stock' })}
        label={t('stock.nav')}
      />
      {session && personMay(session, 'purchase_requests.read') ? (
        <NavButton
          active={screen.kind === 'purchasing'}
          onClick={() => go({ kind: 'purchasing' })}
          label={t('purchasing.nav')}
        />
      ) : null}
      <NavButton
        active={screen.kind === 'foodSafety'}
        onClick={() => go({ kind: 'foodSafety' })}
        label={t('foodSafety.nav')}
      />
      <NavButton
        active={screen.kind === 'tickets' || screen.kind === 'ticket'}
        onClick={() => go({ kind: 'tickets' })}
        label={ticketCount !== undefined ? `${t('app.tickets')} (${ticketCount})` : t('app.tickets')}
      />
      {todayTasks ? (
        <NavButton
          active={screen.kind === 'tasks' || screen.kind === 'workOrder'}
          onClick={() => go({ kind: 'tasks' })}
          label={
            todayTasks.length
              ? t('tasks.navCount', { done: todayTasks.filter(isDone).length, total: todayTasks.length })
              : t('tasks.nav')
          }
        />
      ) : null}
      {predictiveInNav(session) ? (
        <NavButton
          active={screen.kind === 'predictive'}
          onClick={() => go({ kind: 'predictive' })}
          label={t('predictive.nav')}
        />
      ) : null}
      {commissioningInNav(session) ? (
        <NavButton
          active={screen.kind === 'commissioning'}
          onClick={() => go({ kind: 'commissioning' })}
          label={t('commissioning.nav')}
        />
      ) : null}
      <NavButton
        active={screen.kind === 'report'}
        onClick={() => go({ kind: 'report' })}
        label={t('app.report')}
      />
    </nav>
  );
}

function NavButton({ active, onClick, label }: { active: boolean; onClick: () => void; label: string }) {
  return (
    <button
      type="button"
      className={`nav-button ${active ? 'active' : ''}`}
      aria-current={active}
      onClick={onClick}
    >
      {label}
    </button>
  );
}
