import { useCallback, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { AlarmView } from '../../../shared/api/alarms';
import { type ProblemCategory, type TicketTransitionRequest, TicketView } from '../../../shared/api/tickets';
import { AlarmBanner } from '../alarms/AlarmBanner';
import { requestEdge } from '../api/edge-client';
import { PinDialog } from '../auth/PinDialog';
import { LoginCancelled, type PersonSession, usePersonSession } from '../auth/person-session';
import { EquipmentBoard } from '../board/EquipmentBoard';
import { EquipmentDetail } from '../equipment/EquipmentDetail';
import { saveLocale } from '../i18n/setup';
import type { LiveBoard } from '../live/live-board';
import { ReportProblem } from '../tickets/ReportProblem';
import { TicketDetail } from '../tickets/TicketDetail';
import { TicketsList } from '../tickets/TicketsList';
import { asLocale, browserTimezone, formatTime } from './format';
import { StaleBar } from './StaleBar';
import { useNow } from './use-now';

type Screen =
  | { kind: 'board' }
  | { kind: 'tickets' }
  | { kind: 'report'; equipmentId?: string }
  | { kind: 'equipment'; equipmentId: string }
  | { kind: 'ticket'; ticketId: number };

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
}

export function App({ board, now: clock, idleMs = 90_000 }: AppProps) {
  const { t, i18n } = useTranslation();
  const snapshot = useSyncExternalStore(board.subscribe, board.getSnapshot);
  const now = useNow(clock);
  const [screen, setScreen] = useState<Screen>({ kind: 'board' });
  const [pending, setPending] = useState<PendingLogin | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const toBoard = useCallback(() => {
    setScreen({ kind: 'board' });
    setPending(undefined);
  }, []);
  const { session, setSession, logOut } = usePersonSession(idleMs, toBoard);
  const timezone = snapshot.store?.timezone ?? browserTimezone();
  const locale = asLocale(i18n.language);

  /** Runs `act` as the logged-in person, asking for a PIN first when nobody is. */
  const asPerson = useCallback(
    (action: string): Promise<PersonSession> =>
      session
        ? Promise.resolve(session)
        : new Promise<PersonSession>((resolve, reject) => setPending({ action, resolve, reject })),
    [session],
  );

  async function acknowledge(alarm: AlarmView) {
    const person = await asPerson(t('alarm.acknowledge'));
    await requestEdge(`/api/alarms/${alarm.id}/ack`, AlarmView, { method: 'POST', token: person.token });
    await board.refresh();
  }

  async function report(input: { equipmentId: string; category: ProblemCategory; note?: string }) {
    const person = await asPerson(t('report.title'));
    const ticket = await requestEdge('/api/tickets', TicketView, {
      method: 'POST',
      token: person.token,
      body: {
        equipmentId: input.equipmentId,
        fault: input.category,
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

  function switchLanguage() {
    const next = locale === 'en' ? 'zh-CN' : 'en';
    saveLocale(next);
    void i18n.changeLanguage(next);
    document.documentElement.lang = next;
  }

  const openEquipment = (equipmentId: string) => setScreen({ kind: 'equipment', equipmentId });
  const detailEquipment =
    screen.kind === 'equipment' ? snapshot.equipment.find((e) => e.id === screen.equipmentId) : undefined;

  return (
    <div className="app" lang={locale} data-pushing={snapshot.pushing}>
      <header className="top-bar">
        <h1 className="store-name">{snapshot.store?.name ?? t('app.title')}</h1>
        <nav className="nav">
          <NavButton active={screen.kind === 'board'} onClick={toBoard} label={t('app.board')} />
          <NavButton
            active={screen.kind === 'tickets' || screen.kind === 'ticket'}
            onClick={() => setScreen({ kind: 'tickets' })}
            label={snapshot.tickets ? `${t('app.tickets')} (${snapshot.tickets.length})` : t('app.tickets')}
          />
          <NavButton
            active={screen.kind === 'report'}
            onClick={() => setScreen({ kind: 'report' })}
            label={t('app.report')}
          />
        </nav>
        <span className="clock">{formatTime(now, timezone, locale)}</span>
        <button
          type="button"
          className="secondary"
          aria-label={t('app.languageLabel')}
          onClick={switchLanguage}
        >
          {t('app.language')}
        </button>
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
          onAcknowledge={(alarm) => {
            setProblem(undefined);
            acknowledge(alarm).catch((err: unknown) => {
              if (err instanceof LoginCancelled) return;
              setProblem(t('alarm.ackFailed', { message: err instanceof Error ? err.message : String(err) }));
              void board.refresh();
            });
          }}
          onOpenEquipment={openEquipment}
        />
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      <main className="screen">
        {screen.kind !== 'board' ? (
          <button type="button" className="secondary back" onClick={toBoard}>
            ← {t('app.back')}
          </button>
        ) : null}
        {screen.kind === 'board' ? (
          snapshot.refreshedAt === undefined ? (
            <p className="empty">{t('app.loading')}</p>
          ) : (
            <EquipmentBoard
              equipment={snapshot.equipment}
              sparklines={snapshot.sparklines}
              now={now}
              timezone={timezone}
              onOpen={openEquipment}
            />
          )
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
            token={snapshot.token}
            equipment={snapshot.equipment}
            timezone={timezone}
            now={now}
            role={session?.role}
            onTransition={transition}
            refreshKey={snapshot.tickets}
          />
        ) : null}
        {detailEquipment ? (
          <EquipmentDetail
            equipment={detailEquipment}
            token={snapshot.token}
            timezone={timezone}
            now={now}
            refreshKey={snapshot.alarms}
            onOpenTicket={(ticketId) => setScreen({ kind: 'ticket', ticketId })}
            onReport={(equipmentId) => setScreen({ kind: 'report', equipmentId })}
          />
        ) : null}
      </main>
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
