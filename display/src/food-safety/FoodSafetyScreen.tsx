import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorrectiveActionView } from '../../../shared/api/food-safety';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';
import { displayCredential } from '../auth/display-credential';
import { PinDialog } from '../auth/PinDialog';
import { userMay } from '../auth/permissions';
import type { PersonSession } from '../auth/person-session';
import { ActionCard } from './ActionCard';
import { ChecksPanel } from './ChecksPanel';
import { ControlPointCard } from './ControlPointCard';
import { ControlPointDay } from './ControlPointDay';
import { CoolingPanel } from './CoolingPanel';
import { signOffAction } from './food-safety-api';
import { actionOrder, asPinProblem, problemText } from './food-safety-words';
import { ReportPanel } from './ReportPanel';
import { type SignOffDetails, SignOffForm } from './SignOffForm';
import { TimeBatchesPanel } from './TimeBatchesPanel';
import { useFoodSafety } from './use-food-safety';

export interface FoodSafetyScreenProps {
  /** who is logged in at the display, if anyone: their session sends a sign-off */
  person: PersonSession | undefined;
  /** the person for an action, asking for a PIN first when nobody is (App's `asPerson`) */
  signIn: (action: string) => Promise<PersonSession>;
  users: StoreInfo['users'];
  timezone: string;
  now: number;
  clock: () => number;
  onOpenTicket?: (ticketId: number) => void;
  /** how often the records are asked for again while the screen is open */
  pollMs?: number;
}

interface Signing {
  action: CorrectiveActionView;
  details: SignOffDetails;
  bearer: string;
}

type Outcome = { ok: true; action: CorrectiveActionView; name: string } | { ok: false; err: unknown };

/**
 * Food safety (食品安全) on the kitchen display: every unit under its limit and where it
 * stands, its day's minute log, the corrective actions its excursions opened (overdue
 * first, like alarms) signed off by the person in charge with their PIN, and the report.
 */
export function FoodSafetyScreen({
  person,
  signIn,
  users,
  timezone,
  now,
  clock,
  onOpenTicket,
  pollMs = 15_000,
}: FoodSafetyScreenProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { state, refresh } = useFoodSafety(timezone, clock, pollMs);
  const [dayOf, setDayOf] = useState<string | undefined>();
  const [editing, setEditing] = useState<number | undefined>();
  const [signing, setSigning] = useState<Signing | undefined>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const outcome = useRef<Outcome | undefined>(undefined);
  const inCharge = users.filter((u) => userMay(u, 'food_safety.sign_off'));

  if (state.status !== 'ok') {
    return (
      <section className="fs-screen" data-testid="fs-screen" aria-label={t('foodSafety.title')}>
        <h1 className="fs-title">{t('foodSafety.title')}</h1>
        {state.status === 'error' ? (
          <p className="dialog-error notice" role="alert">
            {t('foodSafety.failed', { message: state.message })}
          </p>
        ) : (
          <p className="empty">{t('foodSafety.loading')}</p>
        )}
      </section>
    );
  }

  const { data } = state;
  const nameOf = (controlPointId: string) => {
    const cp = data.controlPoints.find((c) => c.id === controlPointId);
    if (cp) return localized(cp.name, lang);
    // Actions a cooling batch or a manual check opened carry these in place of a control point.
    if (controlPointId === 'cooling') return t('foodSafety.cooling.title');
    if (controlPointId === 'check') return t('foodSafety.checks.unit');
    if (controlPointId === 'time_control') return t('foodSafety.time.title');
    return controlPointId;
  };
  const opened = dayOf ? data.controlPoints.find((c) => c.id === dayOf) : undefined;
  if (opened) {
    return (
      <section className="fs-screen" data-testid="fs-screen" aria-label={t('foodSafety.title')}>
        <ControlPointDay
          cp={opened}
          timezone={timezone}
          now={now}
          pollMs={pollMs}
          onBack={() => setDayOf(undefined)}
        />
      </section>
    );
  }

  const ordered = actionOrder(data.actions, now);
  const open = ordered.filter((a) => a.state === 'open');
  const closed = ordered.filter((a) => a.state !== 'open');

  async function startSigning(action: CorrectiveActionView, details: SignOffDetails) {
    setProblem(undefined);
    setDone(undefined);
    setBusy(true);
    try {
      // Whoever's session sends it: the person logged in, else the paired display itself.
      const bearer =
        person?.token ??
        displayCredential.get()?.credential ??
        (await signIn(t('foodSafety.signOff.pinAction', { unit: nameOf(action.controlPointId) }))).token;
      setSigning({ action, details, bearer });
    } catch (err) {
      setProblem(problemText(err, t, lang));
    } finally {
      setBusy(false);
    }
  }

  function finish() {
    const result = outcome.current;
    outcome.current = undefined;
    setSigning(undefined);
    if (!result) return;
    if (result.ok) {
      setEditing(undefined);
      setDone(
        t('foodSafety.signOff.done', { unit: nameOf(result.action.controlPointId), name: result.name }),
      );
    } else setProblem(problemText(result.err, t, lang));
    refresh();
  }

  const card = (a: CorrectiveActionView) => (
    <ActionCard
      key={a.id}
      action={a}
      excursion={data.excursions.get(a.excursionId)}
      unitName={nameOf(a.controlPointId)}
      users={users}
      timezone={timezone}
      now={now}
      onOpenTicket={onOpenTicket}
      onSignOff={(action) => {
        setProblem(undefined);
        setDone(undefined);
        setEditing(action.id);
      }}
    >
      {editing === a.id ? (
        <SignOffForm
          places={data.controlPoints
            .filter((c) => c.id !== a.controlPointId && c.limit.bound === 'at_most')
            .map((c) => localized(c.name, lang))}
          busy={busy}
          cooling={a.coolingBatchId !== undefined}
          onCancel={() => setEditing(undefined)}
          onSubmit={(details) => void startSigning(a, details)}
        />
      ) : null}
    </ActionCard>
  );

  return (
    <section className="fs-screen" data-testid="fs-screen" aria-label={t('foodSafety.title')}>
      <div className="fs-top">
        <h1 className="fs-title">{t('foodSafety.title')}</h1>
        <ReportPanel signIn={signIn} timezone={timezone} now={now} />
      </div>
      {done ? (
        <p className="stock-done notice" role="status">
          {done}
        </p>
      ) : null}
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      {/* Open actions above the units on a narrow screen, beside them on a wide one. */}
      <div className={`fs-body ${open.length ? 'fs-body-alert' : 'fs-body-calm'}`}>
        <section className="fs-open" aria-label={t('foodSafety.actions')}>
          <h2 className="fs-heading">{t('foodSafety.actionsOpen', { count: open.length })}</h2>
          {open.length ? (
            <ul className="fs-actions">{open.map(card)}</ul>
          ) : (
            <p className="empty">{t('foodSafety.noOpenActions')}</p>
          )}
        </section>
        <section className="fs-units-list" aria-label={t('foodSafety.controlPoints')}>
          <h2 className="fs-heading">{t('foodSafety.controlPoints')}</h2>
          {data.controlPoints.length ? (
            <ul className="fs-points">
              {data.controlPoints.map((cp) => (
                <ControlPointCard
                  key={cp.id}
                  cp={cp}
                  today={data.today.get(cp.id)}
                  runStart={data.runStarts.get(cp.id)}
                  timezone={timezone}
                  onOpenDay={setDayOf}
                />
              ))}
            </ul>
          ) : (
            <p className="empty">{t('foodSafety.noControlPoints')}</p>
          )}
        </section>
        <ChecksPanel
          person={person}
          signIn={signIn}
          users={users}
          timezone={timezone}
          pollMs={pollMs}
          onRecorded={refresh}
        />
        <CoolingPanel person={person} signIn={signIn} timezone={timezone} pollMs={pollMs} />
        <TimeBatchesPanel
          person={person}
          signIn={signIn}
          timezone={timezone}
          now={now}
          pollMs={pollMs}
          onChanged={refresh}
        />
        {closed.length ? (
          <section className="fs-done" aria-label={t('foodSafety.actionsDone')}>
            <h2 className="fs-heading">{t('foodSafety.actionsDone')}</h2>
            <ul className="fs-actions">{closed.map(card)}</ul>
          </section>
        ) : null}
      </div>
      {signing ? (
        <PinDialog
          action={t('foodSafety.signOff.pinAction', { unit: nameOf(signing.action.controlPointId) })}
          users={inCharge}
          onDone={() => setSigning(undefined)}
          onCancel={() => setSigning(undefined)}
          verify={{
            check: async (user, pin) => {
              try {
                const action = await signOffAction(
                  signing.action.id,
                  { user, pin, ...signing.details },
                  signing.bearer,
                );
                outcome.current = { ok: true, action, name: users.find((u) => u.id === user)?.name ?? user };
              } catch (err) {
                const pinProblem = asPinProblem(err);
                if (pinProblem) throw pinProblem;
                // Refused for what it says, not for the PIN: shown on the screen, the form kept to fix it.
                outcome.current = { ok: false, err };
              }
            },
            onVerified: finish,
          }}
        />
      ) : null}
    </section>
  );
}
