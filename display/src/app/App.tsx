import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { AlarmView } from '../../../shared/api/alarms';
import type {
  ChecklistStepView,
  WorkOrderTransitionRequest,
  WorkOrderView,
} from '../../../shared/api/maintenance';
import { type TicketTransitionRequest, TicketView } from '../../../shared/api/tickets';
import { LanguageButton } from '../../../shared/browser/LanguageButton';
import { asLocale, localized } from '../../../shared/browser/locale';
import { useNow } from '../../../shared/browser/use-now';
import { SyncHealth } from '../../../shared/sync/sync-protocol';
import { AckConfirmDialog } from '../alarms/AckConfirmDialog';
import { AlarmBanner } from '../alarms/AlarmBanner';
import type { AlarmSound } from '../alarms/alarm-sound';
import { SoundControl } from '../alarms/SoundControl';
import { useAlarmAlerts } from '../alarms/use-alarm-alerts';
import { requestEdge } from '../api/edge-client';
import { displayCredential } from '../auth/display-credential';
import { PairDisplayDialog } from '../auth/PairDisplayDialog';
import { PairIndicator } from '../auth/PairIndicator';
import { PinDialog } from '../auth/PinDialog';
import { personMay } from '../auth/permissions';
import { LoginCancelled, type PersonSession, usePersonSession } from '../auth/person-session';
import { EquipmentBoard } from '../board/EquipmentBoard';
import { CommissioningScreen } from '../commissioning/CommissioningScreen';
import { commissioningInNav } from '../commissioning/commissioning-access';
import { EquipmentDetail } from '../equipment/EquipmentDetail';
import { CheckSlotList, checkPaths } from '../food-safety/ChecksPanel';
import { FoodSafetyScreen } from '../food-safety/FoodSafetyScreen';
import { displayLocale } from '../i18n/setup';
import { KdsMode } from '../kds/KdsMode';
import { idleTarget, kdsModeAtStart, useRememberKdsMode } from '../kds/kds-mode';
import type { LiveBoard } from '../live/live-board';
import {
  maintenancePaths,
  signOffTask,
  signStep,
  transitionWorkOrder,
  WorkOrderList,
} from '../maintenance/maintenance-api';
import { WorkOrderScreen } from '../maintenance/WorkOrderScreen';
import { MenuBoard } from '../menu/MenuBoard';
import { PredictiveLink } from '../predictive/PredictiveLink';
import { PredictiveScreen } from '../predictive/PredictiveScreen';
import { predictiveInNav } from '../predictive/use-predictive';
import { PurchasingScreen } from '../purchasing/PurchasingScreen';
import { StockScreen } from '../stock/StockScreen';
import { SyncIndicator } from '../sync/SyncIndicator';
import { TaskSignOffDialog } from '../tasks/TaskSignOffDialog';
import { TasksScreen } from '../tasks/TasksScreen';
import { TodayTasks } from '../tasks/TodayTasks';
import { isDone, stepsToMeasure } from '../tasks/task-state';
import { type ProblemReport, ReportProblem } from '../tickets/ReportProblem';
import { TicketDetail } from '../tickets/TicketDetail';
import { TicketsList } from '../tickets/TicketsList';
import { browserTimezone, formatTime } from './format';
import { StaleBar } from './StaleBar';
import { StoreName } from './StoreName';
import { usePolledResource } from './use-polled-resource';

type Screen =
  | { kind: 'board' }
  | { kind: 'kds' }
  | { kind: 'menu' }
  | { kind: 'stock' }
  | { kind: 'purchasing' }
  | { kind: 'foodSafety' }
  | { kind: 'tickets' }
  | { kind: 'report'; equipmentId?: string }
  | { kind: 'equipment'; equipmentId: string }
  | { kind: 'ticket'; ticketId: number }
  | { kind: 'tasks' }
  | { kind: 'predictive'; equipmentId?: string }
  | { kind: 'commissioning' }
  | { kind: 'workOrder'; workOrderId: number };

interface PendingLogin {
  action: string;
  resolve: (session: PersonSession) => void;
  reject: (err: Error) => void;
}

export interface AppProps {
  board: LiveBoard;
  now: () => number;
  /** back to the board and logged out after this long without a touch */
  idleMs?: number;
  /** how often today's tasks and the sync state are asked for */
  tasksPollMs?: number;
  syncPollMs?: number;
  /** a one-time `#pair=` link being exchanged at start-up (main.tsx) */
  pairLink?: Promise<'none' | 'paired' | 'refused'>;
  /** the display's audio; tests stand in for Web Audio here */
  sound?: AlarmSound;
}

export function App({
  board,
  now: clock,
  idleMs = 90_000,
  tasksPollMs = 15_000,
  syncPollMs = 10_000,
  pairLink,
  sound: givenSound,
}: AppProps) {
  const { t, i18n } = useTranslation();
  const snapshot = useSyncExternalStore(board.subscribe, board.getSnapshot);
  const now = useNow(clock);
  const [screen, setScreen] = useState<Screen>(() => ({ kind: kdsModeAtStart() ? 'kds' : 'board' }));
  const [pending, setPending] = useState<PendingLogin | undefined>();
  const [pairingFor, setPairingFor] = useState<PendingLogin | undefined>();
  const paired = useSyncExternalStore(displayCredential.subscribe, displayCredential.get);
  const [problem, setProblem] = useState<string | undefined>();
  const [measuring, setMeasuring] = useState<WorkOrderView | undefined>();
  const [workOrderVersion, setWorkOrderVersion] = useState(0);
  const [confirming, setConfirming] = useState<AlarmView | undefined>();
  const toBoard = useCallback(() => {
    setScreen({ kind: 'board' });
    setPending(undefined);
    setPairingFor((p) => {
      p?.reject(new LoginCancelled());
      return undefined;
    });
    setMeasuring(undefined);
    setConfirming(undefined);
  }, []);
  const { session, setSession, logOut } = usePersonSession(
    idleMs,
    idleTarget(screen.kind === 'kds', toBoard),
  );
  useRememberKdsMode(screen.kind === 'kds');
  const timezone = snapshot.store?.timezone ?? browserTimezone();
  const tasks = usePolledResource(maintenancePaths.todayTasks, WorkOrderList, undefined, tasksPollMs);
  const todayTasks = tasks.resource.status === 'ok' ? tasks.resource.data : undefined;
  const checks = usePolledResource(checkPaths.today, CheckSlotList, undefined, tasksPollMs);
  const todayChecks = checks.resource.status === 'ok' ? checks.resource.data : [];
  const sync = usePolledResource('/api/sync', SyncHealth, undefined, syncPollMs);
  const locale = asLocale(i18n.language);
  const { sound, mute: alarmMute } = useAlarmAlerts(snapshot.alarms ?? [], now, givenSound);

  useEffect(() => {
    let live = true;
    pairLink?.then((result) => live && result === 'refused' && setProblem(t('pair.linkFailed')));
    return () => {
      live = false;
    };
  }, [pairLink, t]);

  /**
   * Runs `act` as the logged-in person, asking for a PIN first when nobody is, and
   * before that for pairing when this display is not paired: people act only on a
   * display a manager vouched for.
   */
  const asPerson = useCallback(
    (action: string): Promise<PersonSession> =>
      session
        ? Promise.resolve(session)
        : new Promise<PersonSession>((resolve, reject) =>
            paired ? setPending({ action, resolve, reject }) : setPairingFor({ action, resolve, reject }),
          ),
    [session, paired],
  );

  const equipmentName = (equipmentId: string) => {
    const machine = snapshot.equipment.find((e) => e.id === equipmentId);
    return machine ? localized(machine.name, i18n.language) : equipmentId;
  };

  async function acknowledge(alarm: AlarmView) {
    const person = await asPerson(
      t('alarm.acknowledgeAction', {
        equipment: equipmentName(alarm.equipmentId),
        title: localized(alarm.title, i18n.language),
      }),
    );
    await requestEdge(`/api/alarms/${alarm.id}/ack`, AlarmView, { method: 'POST', token: person.token });
    await board.refresh();
  }

  async function report(input: ProblemReport) {
    const person = await asPerson(t('report.title'));
    const ticket = await requestEdge('/api/tickets', TicketView, {
      method: 'POST',
      token: person.token,
      body: {
        equipmentId: input.equipmentId,
        fault: input.fault,
        category: input.category,
        note: input.note,
      },
    });
    await board.refresh();
    return ticket.id;
  }

  async function transition(ticketId: number, request: TicketTransitionRequest) {
    const person = await asPerson(t(`tickets.action.${request.to}`));
    await requestEdge(`/api/tickets/${ticketId}/transitions`, TicketView, {
      method: 'POST',
      token: person.token,
      body: request,
    });
    await board.refresh();
  }

  async function signOff(task: WorkOrderView, values: Record<string, number>) {
    const person = await asPerson(t('tasks.signOffAction', { task: localized(task.title, i18n.language) }));
    await signOffTask(task.id, { values }, person.token);
    setMeasuring(undefined);
    tasks.refresh();
    setWorkOrderVersion((v) => v + 1);
  }

  /** A tap on a task: straight to the PIN, or first the value where the task asks for one. */
  function startSignOff(task: WorkOrderView) {
    setProblem(undefined);
    if (isDone(task)) return;
    if (stepsToMeasure(task).length > 0) {
      setMeasuring(task);
      return;
    }
    signOff(task, {}).catch((err: unknown) => {
      if (err instanceof LoginCancelled) return;
      setProblem(t('tasks.signOffFailed', { message: err instanceof Error ? err.message : String(err) }));
      tasks.refresh();
    });
  }

  async function signWorkOrderStep(workOrderId: number, step: ChecklistStepView, value?: number) {
    const person = await asPerson(t('maintenance.sign'));
    await signStep(workOrderId, step.stepId, value === undefined ? {} : { value }, person.token);
    setWorkOrderVersion((v) => v + 1);
    tasks.refresh();
  }

  async function moveWorkOrder(workOrderId: number, request: WorkOrderTransitionRequest) {
    const person = await asPerson(t(`tickets.action.${request.to}`));
    await transitionWorkOrder(workOrderId, request, person.token);
    setWorkOrderVersion((v) => v + 1);
    tasks.refresh();
  }

  const openEquipment = (equipmentId: string) => setScreen({ kind: 'equipment', equipmentId });
  const detailEquipment =
    screen.kind === 'equipment' ? snapshot.equipment.find((e) => e.id === screen.equipmentId) : undefined;

  return (
    <div className="app" lang={locale} data-pushing={snapshot.pushing}>
      <header className="top-bar">
        <StoreName store={snapshot.store} />
        <nav className="nav">
          <NavButton active={screen.kind === 'board'} onClick={toBoard} label={t('app.board')} />
          <NavButton
            active={screen.kind === 'kds'}
            onClick={() => setScreen({ kind: 'kds' })}
            label={t('kds.nav')}
          />
          <NavButton
            active={screen.kind === 'menu'}
            onClick={() => setScreen({ kind: 'menu' })}
            label={t('menu.nav')}
          />
          <NavButton
            active={screen.kind === 'stock'}
            onClick={() => setScreen({ kind: 'stock' })}
            label={t('stock.nav')}
          />
          {session && personMay(session, 'purchase_requests.read') ? (
            <NavButton
              active={screen.kind === 'purchasing'}
              onClick={() => setScreen({ kind: 'purchasing' })}
              label={t('purchasing.nav')}
            />
          ) : null}
          <NavButton
            active={screen.kind === 'foodSafety'}
            onClick={() => setScreen({ kind: 'foodSafety' })}
            label={t('foodSafety.nav')}
          />
          <NavButton
            active={screen.kind === 'tickets' || screen.kind === 'ticket'}
            onClick={() => setScreen({ kind: 'tickets' })}
            label={snapshot.tickets ? `${t('app.tickets')} (${snapshot.tickets.length})` : t('app.tickets')}
          />
          {todayTasks ? (
            <NavButton
              active={screen.kind === 'tasks' || screen.kind === 'workOrder'}
              onClick={() => setScreen({ kind: 'tasks' })}
              label={
                todayTasks.length
                  ? t('tasks.navCount', {
                      done: todayTasks.filter(isDone).length,
                      total: todayTasks.length,
                    })
                  : t('tasks.nav')
              }
            />
          ) : null}
          {predictiveInNav(session) ? (
            <NavButton
              active={screen.kind === 'predictive'}
              onClick={() => setScreen({ kind: 'predictive' })}
              label={t('predictive.nav')}
            />
          ) : null}
          {commissioningInNav(session) ? (
            <NavButton
              active={screen.kind === 'commissioning'}
              onClick={() => setScreen({ kind: 'commissioning' })}
              label={t('commissioning.nav')}
            />
          ) : null}
          <NavButton
            active={screen.kind === 'report'}
            onClick={() => setScreen({ kind: 'report' })}
            label={t('app.report')}
          />
        </nav>
        <SyncIndicator
          health={sync.resource.status === 'ok' ? sync.resource.data : undefined}
          now={now}
          timezone={timezone}
        />
        <SoundControl
          sound={sound}
          alerting={alarmMute.alerting}
          mute={alarmMute.mute}
          timezone={timezone}
          onMute={() => alarmMute.muteFor(session?.name, clock())}
          onUnmute={alarmMute.unmute}
        />
        <span className="clock">{formatTime(now, timezone, locale)}</span>
        <LanguageButton preference={displayLocale} className="secondary" />
        <PairIndicator
          paired={paired}
          onPair={() => {
            if (pairingFor) return;
            // No action waits behind a pairing asked for from the indicator itself.
            setPairingFor({ action: '', resolve: () => undefined, reject: () => undefined });
          }}
        />
        {session ? (
          <button type="button" className="secondary" onClick={logOut}>
            {t('app.loggedInAs', { name: session.name, role: t(`role.${session.role}`) })} · {t('app.logout')}
          </button>
        ) : null}
      </header>
      <StaleBar connected={snapshot.connected} refreshedAt={snapshot.refreshedAt} timezone={timezone} />
      {snapshot.alarms ? (
        <AlarmBanner
          alarms={snapshot.alarms}
          equipment={snapshot.equipment}
          timezone={timezone}
          now={now}
          onAcknowledge={setConfirming}
          onOpenEquipment={openEquipment}
        />
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      <main className={`screen ${screen.kind === 'board' ? 'board-screen' : ''}`}>
        {screen.kind !== 'board' && screen.kind !== 'kds' ? (
          <button type="button" className="secondary back" onClick={toBoard}>
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
              {todayTasks ? (
                <TodayTasks
                  tasks={todayTasks}
                  equipment={snapshot.equipment}
                  onSignOff={startSignOff}
                  onOpenAll={() => setScreen({ kind: 'tasks' })}
                  checks={todayChecks}
                  onOpenCheck={() => setScreen({ kind: 'foodSafety' })}
                />
              ) : null}
            </>
          )
        ) : null}
        {screen.kind === 'kds' ? (
          <KdsMode now={clock} storeId={snapshot.store?.id} timezone={timezone} />
        ) : null}
        {screen.kind === 'menu' ? (
          <MenuBoard
            storeId={snapshot.store?.id}
            timezone={timezone}
            now={now}
            users={snapshot.store?.users ?? []}
            signIn={asPerson}
          />
        ) : null}
        {screen.kind === 'stock' ? (
          <StockScreen
            person={session}
            signIn={asPerson}
            users={snapshot.store?.users ?? []}
            timezone={timezone}
            now={now}
          />
        ) : null}
        {screen.kind === 'purchasing' ? (
          <PurchasingScreen
            person={session}
            signIn={asPerson}
            users={snapshot.store?.users ?? []}
            timezone={timezone}
            now={now}
          />
        ) : null}
        {screen.kind === 'foodSafety' ? (
          <FoodSafetyScreen
            person={session}
            signIn={asPerson}
            users={snapshot.store?.users ?? []}
            timezone={timezone}
            now={now}
            clock={clock}
            onOpenTicket={(ticketId) => setScreen({ kind: 'ticket', ticketId })}
          />
        ) : null}
        {screen.kind === 'tasks' ? (
          <TasksScreen
            tasks={todayTasks}
            equipment={snapshot.equipment}
            users={snapshot.store?.users ?? []}
            now={now}
            timezone={timezone}
            onSignOff={startSignOff}
            onOpenWorkOrder={(workOrderId) => setScreen({ kind: 'workOrder', workOrderId })}
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
            users={snapshot.store?.users ?? []}
            now={now}
            timezone={timezone}
            role={session?.role}
            onSignStep={signWorkOrderStep}
            onTransition={moveWorkOrder}
            refreshKey={workOrderVersion}
          />
        ) : null}
        {screen.kind === 'tickets' ? (
          <TicketsList
            tickets={snapshot.tickets}
            equipment={snapshot.equipment}
            now={now}
            onOpen={(ticketId) => setScreen({ kind: 'ticket', ticketId })}
          />
        ) : null}
        {screen.kind === 'report' ? (
          <ReportProblem
            equipment={snapshot.equipment}
            onSend={report}
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
            users={snapshot.store?.users ?? []}
            onTransition={transition}
            signIn={asPerson}
            refreshKey={snapshot.tickets}
          />
        ) : null}
        {detailEquipment ? (
          <EquipmentDetail
            equipment={detailEquipment}
            timezone={timezone}
            now={now}
            refreshKey={snapshot.alarms}
            onAcknowledge={setConfirming}
            onOpenTicket={(ticketId) => setScreen({ kind: 'ticket', ticketId })}
            onReport={(equipmentId) => setScreen({ kind: 'report', equipmentId })}
          />
        ) : null}
        {detailEquipment ? (
          <PredictiveLink
            person={session}
            equipmentId={detailEquipment.id}
            onOpen={(id) => setScreen({ kind: 'predictive', equipmentId: id })}
          />
        ) : null}
        {screen.kind === 'commissioning' ? (
          <CommissioningScreen
            person={session}
            signIn={asPerson}
            equipment={snapshot.equipment}
            users={snapshot.store?.users ?? []}
            timezone={timezone}
          />
        ) : null}
        {screen.kind === 'predictive' ? (
          <PredictiveScreen
            person={session}
            signIn={asPerson}
            timezone={timezone}
            equipmentId={screen.equipmentId}
            onOpenTicket={(ticketId) => setScreen({ kind: 'ticket', ticketId })}
          />
        ) : null}
      </main>
      {measuring ? (
        <TaskSignOffDialog
          task={measuring}
          equipmentName={equipmentName(measuring.equipmentId)}
          onSubmit={(values) => signOff(measuring, values)}
          onCancel={() => setMeasuring(undefined)}
          onReport={(equipmentId) => {
            setMeasuring(undefined);
            setScreen({ kind: 'report', equipmentId });
          }}
        />
      ) : null}
      {pairingFor ? (
        <PairDisplayDialog
          action={pairingFor.action}
          users={snapshot.store?.users ?? []}
          timezone={timezone}
          onPaired={() => {
            setPairingFor(undefined);
            // Straight on to the PIN for what was tapped (the indicator's own tap asks nothing more).
            if (pairingFor.action !== '') setPending(pairingFor);
          }}
          onCancel={() => {
            setPairingFor(undefined);
            pairingFor.reject(new LoginCancelled());
          }}
        />
      ) : null}
      {confirming ? (
        <AckConfirmDialog
          alarm={confirming}
          equipmentName={equipmentName(confirming.equipmentId)}
          timezone={timezone}
          onCancel={() => setConfirming(undefined)}
          onConfirm={() => {
            const alarm = confirming;
            setConfirming(undefined);
            setProblem(undefined);
            acknowledge(alarm).catch((err: unknown) => {
              if (err instanceof LoginCancelled) return;
              setProblem(t('alarm.ackFailed', { message: err instanceof Error ? err.message : String(err) }));
              void board.refresh();
            });
          }}
        />
      ) : null}
      {pending ? (
        <PinDialog
          action={pending.action}
          users={snapshot.store?.users ?? []}
          onDone={(person) => {
            setSession(person);
            setPending(undefined);
            pending.resolve(person);
          }}
          onCancel={() => {
            setPending(undefined);
            pending.reject(new LoginCancelled());
          }}
        />
      ) : null}
    </div>
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
