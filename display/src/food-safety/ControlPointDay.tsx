import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlPointView } from '../../../shared/api/food-safety';
import { localized } from '../../../shared/browser/locale';
import { formatTime } from '../app/format';
import { usePolledResource } from '../app/use-polled-resource';
import { shiftDate, storeDate } from '../stock/stock-dates';
import { DayStrip } from './DayStrip';
import { DailyCompliance, foodSafetyPaths, MinuteLog } from './food-safety-api';
import { formatTemp, limitText, soFarPct } from './food-safety-words';

const PAST_DAY_POLL_MS = 3_600_000;

interface ControlPointDayProps {
  cp: ControlPointView;
  timezone: string;
  now: number;
  pollMs: number;
  onBack: () => void;
}

/** One control point's store day: the minute log as a strip and a line, the day's figures and excursions. */
export function ControlPointDay({ cp, timezone, now, pollMs, onBack }: ControlPointDayProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const today = storeDate(now, timezone);
  const yesterday = shiftDate(today, -1);
  const [day, setDay] = useState(today);
  // A past day's records no longer change: only today's are asked for again.
  const every = day === today ? pollMs : PAST_DAY_POLL_MS;
  const log = usePolledResource(foodSafetyPaths.records(cp.id, day), MinuteLog, undefined, every);
  const compliance = usePolledResource(
    foodSafetyPaths.compliance(cp.id, day),
    DailyCompliance,
    undefined,
    every,
  );
  const time = (ts: number) => formatTime(ts, timezone, lang);
  const c = compliance.resource.status === 'ok' ? compliance.resource.data : undefined;
  const minutes = (n: number) => t('foodSafety.day.minutes', { count: n });
  return (
    <section className="fs-day" data-testid="fs-day" aria-label={localized(cp.name, lang)}>
      <div className="fs-day-head">
        <button type="button" className="secondary" onClick={onBack}>
          ← {t('foodSafety.day.back')}
        </button>
        <h2 className="fs-heading">
          {localized(cp.name, lang)} · {limitText(cp.limit.bound, cp.limit.limitC)}
        </h2>
      </div>
      <fieldset className="fs-day-pick" aria-label={t('foodSafety.day.pick')}>
        {[
          { d: today, label: t('foodSafety.day.today') },
          { d: yesterday, label: t('foodSafety.day.yesterday') },
        ].map(({ d, label }) => (
          <button
            key={d}
            type="button"
            className={`choice ${day === d ? 'selected' : ''}`}
            aria-pressed={day === d}
            onClick={() => setDay(d)}
          >
            {label}
          </button>
        ))}
        <label className="field fs-date">
          <span>{t('foodSafety.day.date')}</span>
          <input
            type="date"
            value={day}
            max={today}
            onChange={(e) => {
              if (/^\d{4}-\d{2}-\d{2}$/.test(e.target.value) && e.target.value <= today)
                setDay(e.target.value);
            }}
          />
        </label>
      </fieldset>
      {log.resource.status === 'error' ? (
        <p className="dialog-error notice" role="alert">
          {t('foodSafety.failed', { message: log.resource.message })}
        </p>
      ) : null}
      {log.resource.status === 'loading' ? <p className="empty">{t('foodSafety.loading')}</p> : null}
      {log.resource.status === 'ok' ? (
        log.resource.data.records.length ? (
          <DayStrip log={log.resource.data} limitC={cp.limit.limitC} now={now} />
        ) : (
          <p className="empty">{t('foodSafety.day.noRecords')}</p>
        )
      ) : null}
      {c ? (
        <>
          <p className="fs-day-summary" data-testid="fs-day-summary">
            <span className="fs-pct">{t('foodSafety.percent', { pct: soFarPct(c).toFixed(1) })}</span>{' '}
            <span className={`fs-verdict ${c.pass ? 'fs-pass' : 'fs-fail'}`}>
              {c.pass ? t('foodSafety.pass') : t('foodSafety.fail')}
            </span>{' '}
            · {t('foodSafety.status.in_limit')} {minutes(c.inLimitMin)} · {t('foodSafety.status.excused')}{' '}
            {minutes(c.excusedMin)} · {t('foodSafety.status.out_of_limit')} {minutes(c.outOfLimitMin)} ·{' '}
            {t('foodSafety.status.no_data')} {minutes(c.noDataMin)}
          </p>
          <h3 className="fs-subheading">{t('foodSafety.day.excursions', { count: c.excursions.length })}</h3>
          {c.excursions.length ? (
            <ul className="fs-excursions">
              {c.excursions.map((e) => (
                <li key={e.id}>
                  {t('foodSafety.excursionText', {
                    from: time(e.startedAt),
                    to: e.endedAt === null ? t('foodSafety.now') : time(e.endedAt),
                    worst: formatTemp(e.worstC),
                    minutes: e.minutes,
                  })}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t('foodSafety.day.noExcursions')}</p>
          )}
        </>
      ) : null}
    </section>
  );
}
