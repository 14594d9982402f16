import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { type CheckMeasure, CheckRecordView, CheckSlotView } from '../../../shared/api/food-safety-checks';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';
import { requestEdge } from '../api/edge-client';
import { formatTime } from '../app/format';
import { displayCredential } from '../auth/display-credential';
import { PinDialog } from '../auth/PinDialog';
import { userMay } from '../auth/permissions';
import type { PersonSession } from '../auth/person-session';
import { NumberEntry } from '../tasks/NumberEntry';
import { asPinProblem, formatTemp, problemText } from './food-safety-words';

export const CheckSlotList = z.array(CheckSlotView);

export const checkPaths = {
  today: '/api/food-safety/checks',
  enter: (checkId: string) => `/api/food-safety/checks/${encodeURIComponent(checkId)}/records`,
} as const;

export interface ChecksPanelProps {
  person: PersonSession | undefined;
  signIn: (action: string) => Promise<PersonSession>;
  users: StoreInfo['users'];
  timezone: string;
  pollMs: number;
  /** a value was recorded: an out-of-limit one opened a corrective action the screen should show */
  onRecorded?: () => void;
}

/** What the limit asks, in figures: "≥ 63.0 °C", "0.0 °C ± 1.0". */
export function measureText(measure: CheckMeasure): string {
  return measure.kind === 'temperature'
    ? `${measure.bound === 'at_most' ? '≤' : '≥'} ${formatTemp(measure.tempC)}`
    : `${formatTemp(measure.referenceC)} ± ${measure.toleranceC.toFixed(1)}`;
}

interface Entering {
  slot: CheckSlotView;
  text: string;
  tried: boolean;
}

const readingOf = (text: string): number | undefined => {
  const n = Number(text.replace('−', '-').trim());
  return text.trim() === '' || !Number.isFinite(n) || n < -60 || n > 150 ? undefined : n;
};

/**
 * Today's manual checks on the food-safety screen: each scheduled time with what to do
 * and the limit; a due one takes the measured value on the keypad and the PIN of the
 * person who measured. A value out of limit is recorded as it is (the corrective action
 * it opens appears above); a slot nobody filled shows as missed.
 */
export function ChecksPanel({ person, signIn, users, timezone, pollMs, onRecorded }: ChecksPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [slots, setSlots] = useState<CheckSlotView[] | undefined>();
  const [tick, setTick] = useState(0);
  const [entering, setEntering] = useState<Entering | undefined>();
  const [pin, setPin] = useState<{ slot: CheckSlotView; valueC: number; bearer: string } | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick only asks again
  useEffect(() => {
    let live = true;
    requestEdge(checkPaths.today, CheckSlotList).then(
      (today) => live && setSlots(today),
      () => live && setSlots(undefined),
    );
    const timer = setTimeout(() => live && setTick((n) => n + 1), pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pollMs, tick]);

  if (!slots || slots.length === 0) return null;
  const when = (ts: number) => formatTime(ts, timezone, lang);
  const recorders = users.filter((u) => userMay(u, 'food_safety.record'));
  const dueCount = slots.filter((s) => s.state === 'due').length;

  async function confirm(current: Entering) {
    const valueC = readingOf(current.text);
    if (valueC === undefined) {
      setEntering({ ...current, tried: true });
      return;
    }
    setProblem(undefined);
    try {
      const action = t('foodSafety.checks.pinAction', { check: localized(current.slot.name, lang) });
      const bearer = person?.token ?? displayCredential.get()?.credential ?? (await signIn(action)).token;
      setPin({ slot: current.slot, valueC, bearer });
    } catch (err) {
      setProblem(problemText(err, t, lang));
    }
  }

  return (
    <section className="fs-checks" data-testid="fs-checks" aria-label={t('foodSafety.checks.title')}>
      <h2 className="fs-heading">
        {t('foodSafety.checks.title')}
        {dueCount ? (
          <span className="fs-check-due-count">
            {' '}
            · {t('foodSafety.checks.dueCount', { count: dueCount })}
          </span>
        ) : null}
      </h2>
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
      <ul className="fs-check-slots">
        {slots.map((slot) => {
          const key = `${slot.checkId}@${slot.slotAt}`;
          const record = slot.record;
          const out = record?.inLimit === false;
          return (
            <li
              key={key}
              className={`fs-check fs-check-${slot.state}${out ? ' fs-check-out' : ''}`}
              data-check={slot.checkId}
              data-state={slot.state}
            >
              <div className="fs-check-head">
                <span className="fs-check-time">{slot.time}</span>
                <span className="fs-check-name">{localized(slot.name, lang)}</span>
                <span className="fs-check-limit">{measureText(slot.limit.measure)}</span>
                <span className="fs-check-state">
                  {record?.status === 'done'
                    ? t(out ? 'foodSafety.checks.doneOut' : 'foodSafety.checks.doneIn', {
                        value: formatTemp(record.valueC),
                        by: users.find((u) => u.id === record.by)?.name ?? record.by,
                        time: when(record.at),
                      })
                    : slot.state === 'missed'
                      ? t('foodSafety.checks.missed', { time: when(slot.closesAt) })
                      : slot.state === 'not_kept'
                        ? t('foodSafety.checks.notKept')
                        : slot.state === 'due'
                          ? t('foodSafety.checks.dueBy', { time: when(slot.closesAt) })
                          : t('foodSafety.checks.upcoming')}
                </span>
                {slot.state === 'due' && entering?.slot !== slot ? (
                  <button
                    type="button"
                    className="primary"
                    onClick={() => {
                      setDone(undefined);
                      setProblem(undefined);
                      setEntering({ slot, text: '', tried: false });
                    }}
                  >
                    {t('foodSafety.checks.enter')}
                  </button>
                ) : null}
              </div>
              {entering && entering.slot.checkId === slot.checkId && entering.slot.slotAt === slot.slotAt ? (
                <div className="fs-check-entry">
                  <p className="fs-check-instruction">{localized(slot.instruction, lang)}</p>
                  <NumberEntry
                    label={t('foodSafety.checks.reading')}
                    range={measureText(slot.limit.measure)}
                    value={entering.text}
                    onChange={(text) => setEntering({ ...entering, text })}
                    problem={
                      entering.tried && readingOf(entering.text) === undefined
                        ? t('tasks.notANumber')
                        : undefined
                    }
                  />
                  <div className="dialog-actions">
                    <button type="button" className="secondary" onClick={() => setEntering(undefined)}>
                      {t('pin.cancel')}
                    </button>
                    <button type="button" className="primary" onClick={() => void confirm(entering)}>
                      ✓ {t('foodSafety.checks.record')}
                    </button>
                  </div>
                </div>
              ) : null}
            </li>
          );
        })}
      </ul>
      {pin ? (
        <PinDialog
          action={t('foodSafety.checks.pinAction', { check: localized(pin.slot.name, lang) })}
          users={recorders}
          onDone={() => setPin(undefined)}
          onCancel={() => setPin(undefined)}
          verify={{
            check: async (user, code) => {
              try {
                const record = await requestEdge(checkPaths.enter(pin.slot.checkId), CheckRecordView, {
                  method: 'POST',
                  token: pin.bearer,
                  body: { user, pin: code, slotAt: pin.slot.slotAt, valueC: pin.valueC },
                });
                setEntering(undefined);
                setDone(
                  t(record.inLimit ? 'foodSafety.checks.savedIn' : 'foodSafety.checks.savedOut', {
                    check: localized(pin.slot.name, lang),
                    value: formatTemp(record.valueC),
                  }),
                );
              } catch (err) {
                const pinProblem = asPinProblem(err);
                if (pinProblem) throw pinProblem;
                setProblem(problemText(err, t, lang));
              }
            },
            onVerified: () => {
              setPin(undefined);
              setTick((n) => n + 1);
              onRecorded?.();
            },
          }}
        />
      ) : null}
    </section>
  );
}
