import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlarmView } from '../../../shared/api/alarms';
import type { WorkOrderView } from '../../../shared/api/maintenance';
import { asLocale, localized } from '../../../shared/browser/locale';
import { useNow } from '../../../shared/browser/use-now';
import { AckConfirmDialog } from '../alarms/AckConfirmDialog';
import { AlarmBanner } from '../alarms/AlarmBanner';
import type { AlarmSound } from '../alarms/alarm-sound';
import { useAlarmAlerts } from '../alarms/use-alarm-alerts';
import { displayCredential } from '../auth/display-credential';
import { LoginCancelled, usePersonSession } from '../auth/person-session';
import { idleTarget, kdsModeAtStart, useRememberKdsMode } from '../kds/kds-mode';
import type { LiveBoard } from '../live/live-board';
import { TaskSignOffDialog } from '../tasks/TaskSignOffDialog';
import { browserTimezone } from './format';
import { ScreenRouter } from './ScreenRouter';
import { PairingDialog, PinPad } from './SignInDialogs';
import { StaleBar } from './StaleBar';
import type { Screen } from './screen';
import { TopBar } from './TopBar';
import { usePersonActions } from './use-person-actions';
import { useSharedPolls } from './use-shared-polls';
import { useAsPerson, useSignInRequests } from './use-sign-in';

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

/**
 * The kitchen display: the top bar, the screen chosen there, and the dialogs over it
 * (a task's values, an acknowledgement, pairing, the PIN pad). Idle, it logs out and
 * goes back to the board (or stays on the kitchen screen in KDS mode).
 */
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
  const signInRequests = useSignInRequests();
  const paired = useSyncExternalStore(displayCredential.subscribe, displayCredential.get);
  const [problem, setProblem] = useState<string | undefined>();
  const [measuring, setMeasuring] = useState<WorkOrderView | undefined>();
  const [confirming, setConfirming] = useState<AlarmView | undefined>();
  const cancelSignIn = signInRequests.cancel;
  const toBoard = useCallback(() => {
    setScreen({ kind: 'board' });
    cancelSignIn();
    setMeasuring(undefined);
    setConfirming(undefined);
  }, [cancelSignIn]);
  const { session, setSession, logOut } = usePersonSession(
    idleMs,
    idleTarget(screen.kind === 'kds', toBoard),
  );
  useRememberKdsMode(screen.kind === 'kds');
  const timezone = snapshot.store?.timezone ?? browserTimezone();
  const polls = useSharedPolls(tasksPollMs, syncPollMs);
  const locale = asLocale(i18n.language);
  const alerts = useAlarmAlerts(snapshot.alarms ?? [], now, givenSound);
  const asPerson = useAsPerson(session, paired, signInRequests);
  const users = snapshot.store?.users ?? [];

  useEffect(() => {
    let live = true;
    pairLink?.then((result) => live && result === 'refused' && setProblem(t('pair.linkFailed')));
    return () => {
      live = false;
    };
  }, [pairLink, t]);

  const equipmentName = (equipmentId: string) => {
    const machine = snapshot.equipment.find((e) => e.id === equipmentId);
    return machine ? localized(machine.name, i18n.language) : equipmentId;
  };
  const actions = usePersonActions({
    board,
    asPerson,
    equipmentName,
    refreshTasks: polls.refreshTasks,
    setProblem,
    setMeasuring,
  });

  return (
    <div className="app" lang={locale} data-pushing={snapshot.pushing}>
      <TopBar
        store={snapshot.store}
        screen={screen}
        go={setScreen}
        toBoard={toBoard}
        session={session}
        logOut={logOut}
        ticketCount={snapshot.tickets?.length}
        todayTasks={polls.todayTasks}
        syncHealth={polls.syncHealth}
        alerts={alerts}
        onMute={() => alerts.mute.muteFor(session?.name, clock())}
        paired={paired}
        onPair={() => {
          if (signInRequests.pairingFor) return;
          // No action waits behind a pairing asked for from the indicator itself.
          signInRequests.setPairingFor({ action: '', resolve: () => undefined, reject: () => undefined });
        }}
        now={now}
        timezone={timezone}
        locale={locale}
      />
      <StaleBar connected={snapshot.connected} refreshedAt={snapshot.refreshedAt} timezone={timezone} />
      {snapshot.alarms ? (
        <AlarmBanner
          alarms={snapshot.alarms}
          equipment={snapshot.equipment}
          timezone={timezone}
          now={now}
          onAcknowledge={setConfirming}
          onOpenEquipment={(equipmentId) => setScreen({ kind: 'equipment', equipmentId })}
        />
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      <ScreenRouter
        screen={screen}
        go={setScreen}
        toBoard={toBoard}
        snapshot={snapshot}
        session={session}
        signIn={asPerson}
        actions={actions}
        todayTasks={polls.todayTasks}
        todayChecks={polls.todayChecks}
        onAcknowledge={setConfirming}
        now={now}
        clock={clock}
        timezone={timezone}
      />
      {measuring ? (
        <TaskSignOffDialog
          task={measuring}
          equipmentName={equipmentName(measuring.equipmentId)}
          onSubmit={(values) => actions.signOff(measuring, values)}
          onCancel={() => setMeasuring(undefined)}
          onReport={(equipmentId) => {
            setMeasuring(undefined);
            setScreen({ kind: 'report', equipmentId });
          }}
        />
      ) : null}
      <PairingDialog requests={signInRequests} users={users} timezone={timezone} />
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
            actions.acknowledge(alarm).catch((err: unknown) => {
              if (err instanceof LoginCancelled) return;
              setProblem(t('alarm.ackFailed', { message: err instanceof Error ? err.message : String(err) }));
              void board.refresh();
            });
          }}
        />
      ) : null}
      <PinPad requests={signInRequests} users={users} onSignedIn={setSession} />
    </div>
  );
}
