import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CoolingBatchView, CoolingProbeView } from '../../../shared/api/food-safety';
import { localized } from '../../../shared/browser/locale';
import { requestEdge } from '../api/edge-client';
import { formatTime } from '../app/format';
import { displayCredential } from '../auth/display-credential';
import type { PersonSession } from '../auth/person-session';
import { formatTemp, problemText } from './food-safety-words';

const BatchList = z.array(CoolingBatchView);
const ProbeList = z.array(CoolingProbeView);

const coolingPaths = {
  active: '/api/food-safety/cooling?state=active',
  probes: '/api/food-safety/cooling-probes',
  start: '/api/food-safety/cooling',
  discard: (batchId: number) => `/api/food-safety/cooling/${batchId}/discard`,
} as const;

export interface CoolingPanelProps {
  person: PersonSession | undefined;
  signIn: (action: string) => Promise<PersonSession>;
  timezone: string;
  pollMs: number;
}

/**
 * Cooling logs on the food-safety screen: a cook starts a batch on a probe; each batch
 * shows its stages against their deadlines, the probe's reading, and a warning when the
 * curve projects a miss. Hidden where the store keeps no cooling logs.
 */
export function CoolingPanel({ person, signIn, timezone, pollMs }: CoolingPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [batches, setBatches] = useState<CoolingBatchView[] | undefined>();
  const [probes, setProbes] = useState<CoolingProbeView[]>([]);
  const [tick, setTick] = useState(0);
  const [product, setProduct] = useState('');
  const [probe, setProbe] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick only asks again
  useEffect(() => {
    let live = true;
    Promise.all([
      requestEdge(coolingPaths.active, BatchList),
      requestEdge(coolingPaths.probes, ProbeList),
    ]).then(
      ([active, units]) => {
        if (!live) return;
        setBatches(active);
        setProbes(units);
      },
      // An edge without cooling logs (or not answering) shows no panel; the next poll asks again.
      () => live && setBatches(undefined),
    );
    const timer = setTimeout(() => live && setTick((n) => n + 1), pollMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [pollMs, tick]);

  if (!batches || probes.length === 0) return null;

  const probeName = (id: string) => {
    const unit = probes.find((p) => p.equipmentId === id);
    return unit ? localized(unit.name, lang) : id;
  };
  const free = probes.filter((p) => p.busyWith === null);
  const when = (ts: number) => formatTime(ts, timezone, lang);

  async function send(action: string, path: string, body: unknown) {
    setProblem(undefined);
    setBusy(true);
    try {
      // The person logged in, else the paired display itself, else whoever logs in now.
      const token = person?.token ?? displayCredential.get()?.credential ?? (await signIn(action)).token;
      await requestEdge(path, CoolingBatchView, { method: 'POST', token, body });
      return true;
    } catch (err) {
      setProblem(problemText(err, t, lang));
      return false;
    } finally {
      setBusy(false);
      setTick((n) => n + 1);
    }
  }

  async function start(event: FormEvent) {
    event.preventDefault();
    const name = product.trim();
    const unit = probe || free[0]?.equipmentId;
    if (!name || !unit) return;
    const action = t('foodSafety.cooling.startAction', { product: name });
    if (await send(action, coolingPaths.start, { product: name, equipmentId: unit })) {
      setProduct('');
      setProbe('');
    }
  }

  return (
    <section className="fs-cooling" data-testid="fs-cooling" aria-label={t('foodSafety.cooling.title')}>
      <h2 className="fs-heading">{t('foodSafety.cooling.title')}</h2>
      {problem ? (
        <p className="dialog-error notice" role="alert">
          {problem}
        </p>
      ) : null}
      {free.length ? (
        <form className="fs-cooling-start" onSubmit={(e) => void start(e)}>
          <input
            aria-label={t('foodSafety.cooling.product')}
            placeholder={t('foodSafety.cooling.product')}
            value={product}
            maxLength={200}
            onChange={(e) => setProduct(e.target.value)}
          />
          <select
            aria-label={t('foodSafety.cooling.probe')}
            value={probe || free[0]?.equipmentId}
            onChange={(e) => setProbe(e.target.value)}
          >
            {free.map((p) => (
              <option key={p.equipmentId} value={p.equipmentId}>
                {localized(p.name, lang)}
              </option>
            ))}
          </select>
          <button type="submit" className="primary" disabled={busy || !product.trim()}>
            {t('foodSafety.cooling.start')}
          </button>
        </form>
      ) : null}
      {batches.length ? (
        <ul className="fs-cooling-batches">
          {batches.map((b) => (
            <li
              key={b.id}
              className={`fs-cooling-batch fs-cooling-${b.state}`}
              data-testid="fs-cooling-batch"
            >
              <p>
                <strong>{b.product}</strong> · {probeName(b.equipmentId)} ·{' '}
                {b.t0 === null
                  ? t('foodSafety.cooling.waiting', { temp: formatTemp(b.fromC) })
                  : t('foodSafety.cooling.since', { time: when(b.t0) })}
                {b.latest
                  ? ` · ${t('foodSafety.cooling.latest', { temp: formatTemp(b.latest.valueC) })}`
                  : ''}
              </p>
              <ol className="fs-cooling-stages">
                {b.stages.map((s, i) => (
                  <li key={s.withinMin} className={`fs-cooling-stage-${s.result}`}>
                    {t('foodSafety.cooling.stage', {
                      n: i + 1,
                      temp: formatTemp(s.toC),
                      by:
                        s.deadline === null
                          ? t('foodSafety.cooling.withinMin', { minutes: s.withinMin })
                          : when(s.deadline),
                    })}{' '}
                    —{' '}
                    {s.result === 'passed' && s.at !== null
                      ? t('foodSafety.cooling.passed', { time: when(s.at), temp: formatTemp(s.valueC) })
                      : s.result === 'failed' && s.at !== null
                        ? t('foodSafety.cooling.failed', { time: when(s.at) })
                        : t(`foodSafety.cooling.result.${s.result}`)}
                  </li>
                ))}
              </ol>
              {b.projection?.miss ? (
                <p className="fs-cooling-warn" role="status">
                  {b.projection.at === null
                    ? t('foodSafety.cooling.notCooling', { n: b.projection.stage })
                    : t('foodSafety.cooling.projectedMiss', {
                        n: b.projection.stage,
                        time: when(b.projection.at),
                      })}
                </p>
              ) : null}
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  void send(
                    t('foodSafety.cooling.discardAction', { product: b.product }),
                    coolingPaths.discard(b.id),
                    {},
                  )
                }
              >
                {t('foodSafety.cooling.discard')}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t('foodSafety.cooling.none')}</p>
      )}
    </section>
  );
}
