import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AlarmView } from '../../../shared/api/alarms';
import type { WorkOrderView } from '../../../shared/api/maintenance';
import { personMay } from '../auth/permissions';
import type { PersonSession } from '../auth/person-session';
import { EquipmentBoard } from '../board/EquipmentBoard';
import { CommissioningScreen } from '../commissioning/CommissioningScreen';
import { EquipmentDetail } from '../equipment/EquipmentDetail';
import type { CheckSlotList } from '../food-safety/ChecksPanel';
import { FoodSafetyScreen } from '../food-safety/FoodSafetyScreen';
import { KdsMode } from '../kds/KdsMode';
import type { BoardSnapshot } from '../live/board-snapshot';
import { WorkOrderScreen } from '../maintenance/WorkOrderScreen';
import { MenuBoard } from '../menu/MenuBoard';
import { PredictiveLink } from '../predictive/PredictiveLink';
import { PredictiveScreen } from '../predictive/PredictiveScreen';
import { PurchasingScreen } from '../purchasing/PurchasingScreen';
import { StockScreen } from '../stock/StockScreen';
import { TasksScreen } from '../tasks/TasksScreen';
import { TodayTasks } from '../tasks/TodayTasks';
import { ReportProblem } from '../tickets/ReportProblem';
import { TicketDetail } from '../tickets/TicketDetail';
import { TicketsList } from '../tickets/TicketsList';
import type { GoTo, Screen } from './screen';
import type { PersonActions } from './use-person-actions';

interface ScreenRouterProps {
  screen: Screen;
  go: GoTo;
  toBoard: () => void;
  snapshot: BoardSnapshot;
  session: PersonSession | undefined;
  signIn: (action: string) => Promise<PersonSession>;
  actions: PersonActions;
  todayTasks: WorkOrderView[] | undefined;
  todayChecks: z.infer<typeof CheckSlotList>;
  /** asks to acknowledge an alarm (the confirmation dialog first) */
  onAcknowledge: (alarm: AlarmView) => void;
  now: number;
  clock: () => number;
  timezone: string;
}

/** The screen below the top bar, chosen by `screen`, with a way back to the board from every other one. */
export function ScreenRouter(props: ScreenRouterProps) {
  const { t } = useTranslation();
  const { screen, go, snapshot, session, signIn, actions, now, timezone } = props;
  const users = snapshot.store?.users ?? [];
  const openEquipment = (equipmentId: string) => go({ kind: 'equipment', equipmentId });
  const openTicket = (ticketId: number) => go({ kind: 'ticket', ticketId });
  const detailEquipment =
    screen.kind === 'equipment' ? snapshot.equipment.find((e) => e.id === screen.equipmentId) : undefined;
  return (
    <main className={`screen ${screen.kind === 'board' ? 'board-screen' : ''}`}>
      {screen.kind !== 'board' && screen.kind !== 'kds' ? (
        <button type="button" className="secondary back" onClick={props.toBoard}>
          ← {t('app.back')}
        </button>
      ) : null}
      {screen.kind === 'board' ? (
        snapshot.refreshedAt === undefined ? (
          <p className="empty">{t('app.loading')}</p>
        ) : (
          <>
            <EquipmentBoard
              equipment={snapshot.equipment}
              alarms={snapshot.alarms ?? []}
              sparklines={snapshot.sparklines}
              now={now}
              timezone={timezone}
              onOpen={openEquipment}
            />
            {props.todayTasks ? (
              <TodayTasks
                tasks={props.todayTasks}
                equipment={snapshot.equipment}
                onSignOff={actions.startSignOff}
                onOpenAll={() => go({ kind: 'tasks' })}
                checks={props.todayChecks}
                onOpenCheck={() => go({ kind: 'foodSafety' })}
              />
            ) : null}
          </>
        )
      ) : null}
      {screen.kind === 'kds' ? (
        <KdsMode now={props.clock} storeId={snapshot.store?.id} timezone={timezone} />
      ) : null}
      {screen.kind === 'menu' ? (
        <MenuBoard storeId={snapshot.store?.id} timezone={timezone} now={now} users={users} signIn={signIn} />
      ) : null}
      {screen.kind === 'stock' ? (
        <StockScreen person={session} signIn={signIn} users={users} timezone={timezone} now={now} />
      ) : null}
      {screen.kind === 'purchasing' ? (
        <PurchasingScreen person={session} signIn={signIn} users={users} timezone={timezone} now={now} />
      ) : null}
      {screen.kind === 'foodSafety' ? (
        <FoodSafetyScreen
          person={session}
          signIn={signIn}
          users={users}
          timezone={timezone}
          now={now}
          clock={props.clock}
          onOpenTicket={openTicket}
        />
      ) : null}
      {screen.kind === 'tasks' ? (
        <TasksScreen
          tasks={props.todayTasks}
          equipment={snapshot.equipment}
          users={users}
          now={now}
          timezone={timezone}
          onSignOff={actions.startSignOff}
          onOpenWorkOrder={(workOrderId) => go({ kind: 'workOrder', workOrderId })}
          claims={
            session && personMay(session, 'devices.claim')
              ? { token: session.token, units: snapshot.equipment.map((e) => e.id) }
              : undefined
          }
        />
      ) : null}
      {screen.kind === 'workOrder' ? (
        <WorkOrderScreen
          workOrderId={screen.workOrderId}
          equipment={snapshot.equipment}
          users={users}
          now={now}
          timezone={timezone}
          role={session?.role}
          onSignStep={actions.signWorkOrderStep}
          onTransition={actions.moveWorkOrder}
          refreshKey={actions.workOrderVersion}
        />
      ) : null}
      {screen.kind === 'tickets' ? (
        <TicketsList
          tickets={snapshot.tickets}
          equipment={snapshot.equipment}
          now={now}
          onOpen={openTicket}
        />
      ) : null}
      {screen.kind === 'report' ? (
        <ReportProblem
          equipment={snapshot.equipment}
          onSend={actions.report}
          initialEquipmentId={screen.equipmentId}
        />
      ) : null}
      {screen.kind === 'ticket' ? (
        <TicketDetail
          ticketId={screen.ticketId}
          equipment={snapshot.equipment}
          timezone={timezone}
          now={now}
          role={session?.role}
          users={users}
          onTransition={actions.transition}
          signIn={signIn}
          refreshKey={snapshot.tickets}
        />
      ) : null}
      {detailEquipment ? (
        <EquipmentDetail
          equipment={detailEquipment}
          timezone={timezone}
          now={now}
          refreshKey={snapshot.alarms}
          onAcknowledge={props.onAcknowledge}
          onOpenTicket={openTicket}
          onReport={(equipmentId) => go({ kind: 'report', equipmentId })}
        />
      ) : null}
      {detailEquipment ? (
        <PredictiveLink
          person={session}
          equipmentId={detailEquipment.id}
          onOpen={(id) => go({ kind: 'predictive', equipmentId: id })}
        />
      ) : null}
      {screen.kind === 'commissioning' ? (
        <CommissioningScreen
          person={session}
          signIn={signIn}
          equipment={snapshot.equipment}
          users={users}
          timezone={timezone}
        />
      ) : null}
      {screen.kind === 'predictive' ? (
        <PredictiveScreen
          person={session}
          signIn={signIn}
          timezone={timezone}
          equipmentId={screen.equipmentId}
          onOpenTicket={openTicket}
        />
      ) : null}
    </main>
  );
}
