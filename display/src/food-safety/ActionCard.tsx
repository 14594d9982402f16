import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CorrectiveActionView, ExcursionView } from '../../../shared/api/food-safety';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';
import { formatDateTime, formatTime } from '../app/format';
import { formatQuantity } from '../stock/stock-quantity';
import { formatTemp, urgencyOf } from './food-safety-words';

interface ActionCardProps {
  action: CorrectiveActionView;
  excursion: ExcursionView | undefined;
  unitName: string;
  users: StoreInfo['users'];
  timezone: string;
  now: number;
  /** the sign-off form, when this action is being signed */
  children?: ReactNode;
  onSignOff?: (action: CorrectiveActionView) => void;
  onOpenTicket?: ((ticketId: number) => void) | undefined;
}

/** A corrective action as the kitchen must see it: overdue like an alarm, linked to what went wrong. */
export function ActionCard({
  action,
  excursion,
  unitName,
  users,
  timezone,
  now,
  children,
  onSignOff,
  onOpenTicket,
}: ActionCardProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const urgency = urgencyOf(action, now);
  const sameDay = (ts: number) => now - ts < 20 * 3_600_000;
  const when = (ts: number) =>
    sameDay(ts) ? formatTime(ts, timezone, lang) : formatDateTime(ts, timezone, lang);
  const who = (id: string | null) => users.find((u) => u.id === id)?.name ?? id ?? '—';
  return (
    <li
      className={`fs-action fs-action-${urgency}`}
      data-testid={`fs-action-${action.id}`}
      data-urgency={urgency}
    >
      <div className="fs-action-main">
        <div className="fs-action-head">
          <span className={`fs-urgency fs-urgency-${urgency}`}>
            {urgency === 'overdue'
              ? t('foodSafety.action.overdue', { time: when(action.dueAt) })
              : urgency === 'done'
                ? t('foodSafety.action.signedOff')
                : t('foodSafety.action.due', { time: when(action.dueAt) })}
          </span>
          {action.state === 'open' && action.escalation !== 'none' ? (
            <span className="fs-escalation">{t(`foodSafety.action.escalation.${action.escalation}`)}</span>
          ) : null}
          <h3 className="fs-action-title">{localized(action.title, lang)}</h3>
        </div>
        <p className="fs-action-excursion">
          <span className="fs-unit">{unitName}</span>{' '}
          {excursion
            ? t('foodSafety.excursionText', {
                from: when(excursion.startedAt),
                to: excursion.endedAt === null ? t('foodSafety.now') : when(excursion.endedAt),
                worst: formatTemp(excursion.worstC),
                minutes: excursion.minutes,
              })
            : t('foodSafety.action.openedAt', { time: when(action.openedAt) })}
        </p>
        {action.alarmId !== null || action.ticketId !== null ? (
          <p className="fs-action-links">
            {action.alarmId !== null ? (
              <span className="fs-link-tag">{t('foodSafety.action.alarm', { id: action.alarmId })}</span>
            ) : null}
            {action.ticketId !== null ? (
              onOpenTicket ? (
                <button
                  type="button"
                  className="secondary fs-link-tag"
                  onClick={() => action.ticketId !== null && onOpenTicket(action.ticketId)}
                >
                  {t('foodSafety.action.ticket', { id: action.ticketId })}
                </button>
              ) : (
                <span className="fs-link-tag">{t('foodSafety.action.ticket', { id: action.ticketId })}</span>
              )
            ) : null}
          </p>
        ) : null}
        {action.state === 'signed_off' ? (
          <p className="fs-action-signed">
            {t('foodSafety.action.signedOffText', {
              name: who(action.by),
              time: when(action.at),
              whatDone: action.whatDone ?? '—',
              disposition: action.disposition ? t(`foodSafety.disposition.${action.disposition}`) : '—',
              qty: action.quantity
                ? `${formatQuantity(action.quantity.amount, lang)} ${t(`foodSafety.unit.${action.quantity.unit}`)}`
                : '—',
            })}
            {action.movedTo ? ` ${t('foodSafety.action.movedTo', { place: action.movedTo })}` : ''}
          </p>
        ) : null}
      </div>
      {action.state === 'open' && !children && onSignOff ? (
        <div className="fs-action-side">
          <button type="button" className="primary fs-sign-button" onClick={() => onSignOff(action)}>
            {t('foodSafety.action.signOff')}
          </button>
        </div>
      ) : null}
      {children ? <div className="fs-action-form">{children}</div> : null}
    </li>
  );
}
