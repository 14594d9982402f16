import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KdsSetupView, type KdsTicketView } from '../../../shared/api/kds';
import { useNow } from '../../../shared/browser/use-now';
import { usePolledResource } from '../app/use-polled-resource';
import { EightySixStrip } from '../menu/EightySixStrip';
import { AllDayPanel } from './AllDayPanel';
import { KdsNotLive } from './KdsNotLive';
import { KeyLegend } from './KeyLegend';
import { bumpTicket, fetchBumpedTickets, fireCourse, kdsPaths, recallTicket } from './kds-api';
import type { KdsLiveOptions } from './kds-live';
import { pageMqttUrl } from './kds-mode';
import { chainedFrom, kdsNames } from './kds-names';
import { browserStorage, type PrefStorage, savedStations, saveStations } from './kds-prefs';
import { actionForKey, savedKeymap } from './keymap';
import { newestBumpedFirst, RecallPanel } from './RecallPanel';
import { SpeedPanel } from './SpeedPanel';
import { StationPicker } from './StationPicker';
import { TicketCard } from './TicketCard';
import { useKdsLive } from './use-kds-live';

export interface KdsModeProps {
  /** the app's clock: timers tick on it (tests run it on fake time) */
  now: () => number;
  storeId: string | undefined;
  timezone: string;
  /** where localStorage is (tests hand in their own) */
  storage?: PrefStorage;
  /** the live feed's knobs: push connection, poll rhythm; tests stand in for the broker here */
  live?: Partial<Omit<KdsLiveOptions, 'stations' | 'now' | 'storeId'>>;
  /** how often the stations and menu names are asked for again (a new business day) */
  setupPollMs?: number;
}

type Panel = 'recall' | 'allDay' | 'speed';

interface Selection {
  ticketId: number;
  lineId?: string;
}

/**
 * The kitchen display's order screens: the tickets of the stations this screen shows,
 * in arrival order, live; tap or key a ticket (or one of its lines), then bump it.
 * Recall, all day and speed of service open beside the tickets.
 */
export function KdsMode({
  now: clock,
  storeId,
  timezone,
  storage = browserStorage(),
  live = {},
  setupPollMs = 60_000,
}: KdsModeProps) {
  const { t, i18n } = useTranslation();
  const now = useNow(clock);
  const setup = usePolledResource(kdsPaths.setup, KdsSetupView, undefined, setupPollMs);
  const setupData = setup.resource.status === 'ok' ? setup.resource.data : undefined;
  const [chosen, setChosen] = useState<string[]>(() => savedStations(storage));
  const [picking, setPicking] = useState(false);
  const [panel, setPanel] = useState<Panel | undefined>();
  const [selection, setSelection] = useState<Selection | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [actions, setActions] = useState(0);
  const keymap = useMemo(() => savedKeymap(storage), [storage]);
  const names = useMemo(() => kdsNames(setupData, i18n.language), [setupData, i18n.language]);

  // Stations the edge no longer has are dropped from the choice shown (and kept saved, in case they come back).
  const stations = useMemo(
    () => (setupData ? chosen.filter((id) => setupData.stations.some((s) => s.id === id)) : []),
    [chosen, setupData],
  );
  const feed = useKdsLive(stations, { ...live, now: clock, storeId, mqttUrl: live.mqttUrl ?? pageMqttUrl() });
  const tickets = useMemo(
    () => arrivalOrder(stations.flatMap((s) => feed.snapshot.tickets[s] ?? [])),
    [stations, feed.snapshot],
  );
  const selected = selection ? tickets.find((tk) => tk.id === selection.ticketId) : undefined;

  const act = useCallback(
    async (work: () => Promise<void>, stationsTouched: readonly string[]) => {
      setProblem(undefined);
      try {
        await work();
      } catch (err) {
        setProblem(t('kds.actionFailed', { message: err instanceof Error ? err.message : String(err) }));
      }
      setActions((n) => n + 1);
      await feed.refresh(stationsTouched);
    },
    [feed, t],
  );

  const bump = useCallback(() => {
    if (!selected) return;
    const lineId = selection?.lineId;
    const index = tickets.indexOf(selected);
    // The whole ticket leaves the screen: the one after it (or before, at the end) is next.
    const next = lineId === undefined ? (tickets[index + 1] ?? tickets[index - 1]) : selected;
    setSelection(next ? { ticketId: next.id } : undefined);
    void act(() => bumpTicket(selected.id, lineId), [selected.station]);
  }, [selected, selection, tickets, act]);

  const recall = useCallback(
    (ticket: KdsTicketView) => void act(() => recallTicket(ticket.id), [ticket.station]),
    [act],
  );

  const recallLast = useCallback(() => {
    void act(async () => {
      const bumped = newestBumpedFirst((await Promise.all(stations.map(fetchBumpedTickets))).flat());
      const last = bumped[0];
      if (last) await recallTicket(last.id);
    }, stations);
  }, [act, stations]);

  const fire = useCallback(
    (ticket: KdsTicketView, course: number) => void act(() => fireCourse(ticket.orderId, course), stations),
    [act, stations],
  );

  const showPicker = setupData !== undefined && (picking || stations.length === 0);

  // The bump bar: keys act on the tickets on screen, never while the station picker is open.
  const onKey = useRef<(e: KeyboardEvent) => void>(() => undefined);
  onKey.current = (e: KeyboardEvent) => {
    if (showPicker || e.ctrlKey || e.metaKey || e.altKey) return;
    // A dialog over the screen (a PIN, an alarm to acknowledge) has the keys to itself.
    if (document.querySelector('.overlay, [role="dialog"]')) return;
    const target = e.target as HTMLElement | null;
    if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return;
    const action = actionForKey(keymap, e.key);
    if (!action) return;
    // A key the bar uses does only what the map says (Enter must not also press a focused button).
    e.preventDefault();
    const index = selected ? tickets.indexOf(selected) : -1;
    switch (action.kind) {
      case 'select': {
        const ticket = tickets[action.index];
        if (ticket) setSelection({ ticketId: ticket.id });
        break;
      }
      case 'previous':
      case 'next': {
        const step = action.kind === 'next' ? 1 : -1;
        const ticket =
          index < 0 ? tickets[0] : tickets[Math.min(tickets.length - 1, Math.max(0, index + step))];
        if (ticket) setSelection({ ticketId: ticket.id });
        break;
      }
      case 'bump':
        bump();
        break;
      case 'recall':
        recallLast();
        break;
      case 'allDay':
        setPanel((p) => (p === 'allDay' ? undefined : 'allDay'));
        break;
    }
  };
  useEffect(() => {
    const listener = (e: KeyboardEvent) => onKey.current(e);
    window.addEventListener('keydown', listener, true);
    return () => window.removeEventListener('keydown', listener, true);
  }, []);

  const connected = feed.snapshot.connected && setup.resource.status !== 'error';
  const bumpLabel =
    selection?.lineId !== undefined
      ? t('kds.bumpLine')
      : selected && names.stationView(selected.station)?.kind === 'expo'
        ? t('kds.bumpOrder')
        : t('kds.bump');

  return (
    <div className="kds" data-testid="kds">
      <KdsNotLive connected={connected} refreshedAt={feed.snapshot.refreshedAt} timezone={timezone} />
      {setup.resource.status === 'loading' ? <p className="empty">{t('app.loading')}</p> : null}
      {showPicker && setupData ? (
        <StationPicker
          stations={setupData.stations}
          chosen={chosen}
          onDone={(picked) => {
            setChosen(picked);
            saveStations(picked, storage);
            setPicking(false);
            setSelection(undefined);
          }}
          onCancel={stations.length > 0 ? () => setPicking(false) : undefined}
        />
      ) : null}
      {!showPicker && setupData ? (
        <>
          <div className="kds-toolbar">
            <button
              type="button"
              className="secondary kds-stations-button"
              data-testid="kds-stations"
              onClick={() => setPicking(true)}
            >
              {stations.map((s) => names.station(s)).join(' + ')}
            </button>
            <span className="kds-count">{t('kds.open', { count: tickets.length })}</span>
            <button
              type="button"
              className="primary kds-bump"
              data-testid="kds-bump"
              disabled={!selected}
              onClick={bump}
            >
              ✔ {bumpLabel}
            </button>
            <PanelButton
              panel="recall"
              open={panel}
              onToggle={setPanel}
              label={`↩ ${t('kds.recall')}`}
              testId="kds-recall-open"
            />
            <PanelButton
              panel="allDay"
              open={panel}
              onToggle={setPanel}
              label={t('kds.allDay')}
              testId="kds-all-day-open"
            />
            <PanelButton
              panel="speed"
              open={panel}
              onToggle={setPanel}
              label={t('kds.speed')}
              testId="kds-speed-open"
            />
            <KeyLegend keymap={keymap} />
          </div>
          <div className="kds-body">
            <section className="kds-tickets" aria-label={t('kds.tickets')}>
              {tickets.length === 0 && feed.snapshot.refreshedAt !== undefined ? (
                <p className="empty kds-empty">{t('kds.noTickets')}</p>
              ) : null}
              {tickets.map((ticket, i) => (
                <TicketCard
                  key={ticket.id}
                  ticket={ticket}
                  station={names.stationView(ticket.station)}
                  names={names}
                  now={now}
                  position={i + 1}
                  showStation={stations.length > 1}
                  chainedFrom={chainedFrom(setupData, ticket.station).map((s) => names.station(s.id))}
                  selected={selected?.id === ticket.id}
                  selectedLineId={selected?.id === ticket.id ? selection?.lineId : undefined}
                  onSelect={(ticketId, lineId) =>
                    setSelection((s) =>
                      // A second tap on the selected line goes back to the whole ticket.
                      s?.ticketId === ticketId && s.lineId === lineId && lineId !== undefined
                        ? { ticketId }
                        : { ticketId, ...(lineId === undefined ? {} : { lineId }) },
                    )
                  }
                  onFire={(_, course) => fire(ticket, course)}
                />
              ))}
            </section>
            {panel === 'recall' ? (
              <RecallPanel
                stations={stations}
                names={names}
                timezone={timezone}
                refreshKey={actions}
                onRecall={recall}
                onClose={() => setPanel(undefined)}
              />
            ) : null}
            {panel === 'allDay' ? (
              <AllDayPanel
                stations={stations}
                names={names}
                refreshKey={`${actions}:${feed.snapshot.refreshedAt}`}
                onClose={() => setPanel(undefined)}
              />
            ) : null}
            {panel === 'speed' ? <SpeedPanel names={names} onClose={() => setPanel(undefined)} /> : null}
          </div>
          {/* Below the tickets, so a notice or an 86 that comes and goes never moves a card under a cook's finger. */}
          {problem ? (
            <p className="dialog-error notice" role="alert">
              {problem}
            </p>
          ) : null}
          <EightySixStrip storeId={storeId} />
        </>
      ) : null}
    </div>
  );
}

function PanelButton({
  panel,
  open,
  onToggle,
  label,
  testId,
}: {
  panel: Panel;
  open: Panel | undefined;
  onToggle: (panel: Panel | undefined) => void;
  label: string;
  testId: string;
}) {
  return (
    <button
      type="button"
      className={`nav-button ${open === panel ? 'active' : ''}`}
      aria-pressed={open === panel}
      data-testid={testId}
      onClick={() => onToggle(open === panel ? undefined : panel)}
    >
      {label}
    </button>
  );
}

/** Oldest first, as the tickets arrived; ties by id, so two screens show the same order. */
export function arrivalOrder(tickets: readonly KdsTicketView[]): KdsTicketView[] {
  return [...tickets].sort((a, b) => a.createdAt - b.createdAt || a.id - b.id);
}
