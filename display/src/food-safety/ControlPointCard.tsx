import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ControlPointView, DailyCompliance } from '../../../shared/api/food-safety';
import { localized } from '../../../shared/browser/locale';
import { formatTime } from '../app/format';
import { excuseText, formatTemp, limitText, pointState, soFarPct } from './food-safety-words';

interface ControlPointCardProps {
  cp: ControlPointView;
  today: DailyCompliance | undefined;
  runStart: number | undefined;
  timezone: string;
  onOpenDay: (controlPointId: string) => void;
}

/** One unit under its limit: where it stands now, the limit and its clause, today so far. */
export function ControlPointCard({ cp, today, runStart, timezone, onOpenDay }: ControlPointCardProps) {
  const { t, i18n } = useTranslation();
  const [quote, setQuote] = useState(false);
  const lang = i18n.language;
  const state = pointState(cp, runStart);
  const time = (ts: number) => formatTime(ts, timezone, lang);
  const stateText =
    state.kind === 'in'
      ? t('foodSafety.state.in')
      : state.kind === 'out'
        ? t('foodSafety.state.out', { time: time(state.since) })
        : state.kind === 'excused'
          ? t('foodSafety.state.excused', { why: excuseText(state.by, t) })
          : state.kind === 'noData'
            ? t('foodSafety.state.noData', { time: time(state.since) })
            : t('foodSafety.state.none');
  const last = cp.lastRecord;
  return (
    <li className={`fs-point fs-point-${state.kind}`} data-testid={`fs-point-${cp.id}`}>
      <div className="fs-point-head">
        <h3 className="fs-point-name">{localized(cp.name, lang)}</h3>
        <span className={`fs-state fs-state-${state.kind}`} role="status">
          {stateText}
        </span>
      </div>
      {state.kind === 'out' && !state.excursion ? (
        <p className="fs-point-note">{t('foodSafety.withinDelay', { minutes: cp.alertDelayMin })}</p>
      ) : null}
      <dl className="fs-facts">
        <div>
          <dt>{t('foodSafety.limit')}</dt>
          <dd className="fs-limit">{limitText(cp.limit.bound, cp.limit.limitC)}</dd>
        </div>
        <div>
          <dt>{t('foodSafety.today')}</dt>
          <dd>
            {today ? (
              <>
                <span className="fs-pct">{t('foodSafety.percent', { pct: soFarPct(today).toFixed(1) })}</span>{' '}
                <span className={`fs-verdict ${today.pass ? 'fs-pass' : 'fs-fail'}`}>
                  {today.pass ? t('foodSafety.pass') : t('foodSafety.fail')}
                </span>
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>{t('foodSafety.lastRecord')}</dt>
          <dd>
            {last
              ? t('foodSafety.lastRecordText', {
                  from: time(last.startTs),
                  to: time(last.endTs),
                  temp: formatTemp(last.valueC),
                })
              : '—'}
          </dd>
        </div>
      </dl>
      <div className="fs-point-buttons">
        <button type="button" className="fs-clause" aria-expanded={quote} onClick={() => setQuote((q) => !q)}>
          {t('foodSafety.clause', { pack: localized(cp.pack.title, lang), ref: cp.limit.clause.ref })}
        </button>
        <button type="button" className="secondary fs-open-day" onClick={() => onOpenDay(cp.id)}>
          {t('foodSafety.openDay')}
        </button>
      </div>
      {quote ? (
        <blockquote className="fs-quote">
          <p className="fs-quote-title">{localized(cp.limit.clause.title, lang)}</p>
          <p>{cp.limit.clause.quote}</p>
        </blockquote>
      ) : null}
    </li>
  );
}
