import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { TimeBatchView, TimeControlOptionView } from '../../../shared/api/food-safety-time';
import { requestEdge } from '../api/edge-client';
import { formatTime } from '../app/format';
import { displayCredential } from '../auth/display-credential';
import type { PersonSession } from '../auth/person-session';
import { formatTemp, problemText } from './food-safety-words';

const BatchList = z.array(TimeBatchView);
const OptionList = z.array(TimeControlOptionView);

const timePaths = {
  active: '/api/food-safety/time-batches?state=active',
  options: '/api/food-safety/time-options',
  start: '/api/food-safety/time-batches',
  reading: (id: number) => `/api/food-safety/time-batches/${id}/readings`,
  close: (id: number) => `/api/food-safety/time-batches/${id}/close`,
} as const;

export interface TimeBatchesPanelProps {
  person: PersonSession | undefined;
  signIn: (action: string) => Promise<PersonSession>;
  timezone: string;
  now: number;
  pollMs: number;
  /** a batch failed (too warm): its corrective action should show */
  onChanged?: () => void;
}

/** "≤ 5.0 °C or ≥ 57.0 °C": what the food may start at under an option. */
function startRule(o: TimeControlOptionView, orWord: string): string {
  return [
    o.startAtMostC === null ? null : `≤ ${formatTemp(o.startAtMostC)}`,
    o.startAtLeastC === null ? null : `≥ ${formatTemp(o.startAtLeastC)}`,
  ]
    .filter((x): x is string => x !== null)
    .join(` ${orWord} `);
}

const tempOf = (text: string): number | undefined => {
  const n = Number(text.replace('−', '-').trim());
  return text.trim() === '' || !Number.isFinite(n) || n < -60 || n > 150 ? undefined : n;
};

/**
 * Food held under time as the public health control: a cook takes a batch out of
 * temperature control with its probed temperature, each batch shows when it must be gone
 * (amber once the warning is due), and is marked served or discarded; under a ceiling a
 * probe reading can be added. Hidden where the store holds nothing this way.
 */
export function TimeBatchesPanel({
  person,
  signIn,
  timezone,
  now,
  pollMs,
  onChanged,
}: TimeBatchesPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [batches, setBatches] = useState<TimeBatchView[] | undefined>();
  const [options, setOptions] = useState<TimeControlOptionView[]>([]);
  const [tick, setTick] = useState(0);
  const [product, setProduct] = useState('');
  const [option, setOption] = useState('');
  const [startC, setStartC] = useState('');
  const [reading, setReading] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick only asks again
  useEffect(() => {
    let live = true;
    Promise.all([requestEdge(timePaths.active, BatchList), requestEdge(timePaths.options, OptionList)]).then(
      ([active, offered]) => {
        if (!live) return;
        setBatches(active);
        setOptions(offered);
      },
      () => live && setBatches(undefined),
    );
    const timer = setTimeout(() => live && setTick((n) => n + 1), pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pollMs, tick]);

  if (!batches || options.length === 0) return null;
  const when = (ts: number) => formatTime(ts, timezone, lang);
  const chosen = options.find((o) => o.id === option) ?? options[0];

  async function send(action: string, path: string, body: unknown): Promise<boolean> {
    setProblem(undefined);
    setBusy(true);
    try {
      const token = person?.token ?? displayCredential.get()?.credential ?? (await signIn(action)).token;
      await requestEdge(path, TimeBatchView, { method: 'POST', token, body });
      return true;
    } catch (err) {
      setProblem(problemText(err, t, lang));
      return false;
    } finally {
      setBusy(false);
      setTick((n) => n + 1);
      onChanged?.();
    }
  }

  async function start(event: FormEvent) {
    event.preventDefault();
    const name = product.trim();
    const temp = tempOf(startC);
    if (!name || !chosen || temp === undefined) return;
    const action = t('foodSafety.time.startAction', { product: name });
    if (await send(action, timePaths.start, { product: name, option: chosen.id, startC: temp })) {
      setProduct('');
      setStartC('');
    }
  }

  return (
    <section className="fs-time" data-testid="fs-time" aria-label={t('foodSafety.time.title')}>
      <h2 className="fs-heading">{t('foodSafety.time.title')}</h2>
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      <form className="fs-cooling-start" onSubmit={(e) => void start(e)}>
        <input
          aria-label={t('foodSafety.time.product')}
          placeholder={t('foodSafety.time.product')}
          value={product}
          maxLength={200}
          onChange={(e) => setProduct(e.target.value)}
        />
        <select
          aria-label={t('foodSafety.time.option')}
          value={chosen?.id}
          onChange={(e) => setOption(e.target.value)}
        >
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {t('foodSafety.time.optionText', {
                hours: o.maxHours,
                start: startRule(o, t('foodSafety.time.or')),
                clause: o.clause,
              })}
            </option>
          ))}
        </select>
        <input
          className="fs-time-temp"
          aria-label={t('foodSafety.time.startC')}
          placeholder={t('foodSafety.time.startC')}
          inputMode="decimal"
          value={startC}
          maxLength={7}
          onChange={(e) => setStartC(e.target.value)}
        />
        <button
          type="submit"
          className="primary"
          disabled={busy || !product.trim() || tempOf(startC) === undefined}
        >
          {t('foodSafety.time.start')}
        </button>
      </form>
      {batches.length ? (
        <ul className="fs-cooling-batches">
          {batches.map((b) => {
            const warn = now >= b.warnAt;
            const left = Math.max(0, Math.round((b.discardBy - now) / 60_000));
            return (
              <li
                key={b.id}
                className={`fs-cooling-batch fs-time-batch${warn ? ' fs-time-warn' : ''}`}
                data-testid="fs-time-batch"
                data-batch={b.id}
              >
                <p>
                  <strong>{b.product}</strong> ·{' '}
                  {t('foodSafety.time.since', { time: when(b.startedAt), temp: formatTemp(b.startC) })} ·{' '}
                  <strong>{t('foodSafety.time.discardBy', { time: when(b.discardBy) })}</strong> ·{' '}
                  {t('foodSafety.time.left', { hours: Math.floor(left / 60), minutes: left % 60 })}
                  {b.lastReading && b.lastReading.at !== b.startedAt
                    ? ` · ${t('foodSafety.time.reading', { temp: formatTemp(b.lastReading.valueC), time: when(b.lastReading.at) })}`
                    : ''}
                </p>
                <div className="fs-time-actions">
                  <button
                    type="button"
                    className="primary"
                    disabled={busy}
                    onClick={() =>
                      void send(
                        t('foodSafety.time.closeAction', { product: b.product }),
                        timePaths.close(b.id),
                        {
                          outcome: 'served',
                        },
                      )
                    }
                  >
                    {t('foodSafety.time.served')}
                  </button>
                  <button
                    type="button"
                    className="secondary"
                    disabled={busy}
                    onClick={() =>
                      void send(
                        t('foodSafety.time.closeAction', { product: b.product }),
                        timePaths.close(b.id),
                        {
                          outcome: 'discarded',
                        },
                      )
                    }
                  >
                    {t('foodSafety.time.discarded')}
                  </button>
                  {b.neverAboveC !== null ? (
                    <>
                      <input
                        className="fs-time-temp"
                        aria-label={t('foodSafety.time.probe', { product: b.product })}
                        placeholder={`≤ ${formatTemp(b.neverAboveC)}`}
                        inputMode="decimal"
                        value={reading[b.id] ?? ''}
                        maxLength={7}
                        onChange={(e) => setReading({ ...reading, [b.id]: e.target.value })}
                      />
                      <button
                        type="button"
                        className="secondary"
                        disabled={busy || tempOf(reading[b.id] ?? '') === undefined}
                        onClick={() => {
                          const valueC = tempOf(reading[b.id] ?? '');
                          if (valueC === undefined) return;
                          void send(
                            t('foodSafety.time.closeAction', { product: b.product }),
                            timePaths.reading(b.id),
                            {
                              valueC,
                            },
                          ).then((ok) => ok && setReading({ ...reading, [b.id]: '' }));
                        }}
                      >
                        {t('foodSafety.time.record')}
                      </button>
                    </>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="empty">{t('foodSafety.time.none')}</p>
      )}
    </section>
  );
}
