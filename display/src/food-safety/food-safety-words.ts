import type { TFunction } from 'i18next';
import type {
  ControlPointView,
  CorrectiveActionView,
  DailyCompliance,
  IntervalRecordView,
} from '../../../shared/api/food-safety';
import { RequestError } from '../../../shared/browser/json-client';
import type { Bound } from '../../../shared/config/food-safety';
import { metricLabel } from '../app/metric-label';
import { LoginCancelled } from '../auth/person-session';

/** A temperature as the kitchen reads it: one decimal, a real minus sign. */
export function formatTemp(c: number | null): string {
  if (c === null) return '—';
  return `${c.toFixed(1).replace(/^-/, '−')} °C`;
}

export function limitText(bound: Bound, limitC: number): string {
  return `${bound === 'at_most' ? '≤' : '≥'} ${formatTemp(limitC)}`;
}

/** What excused a record (`defrost_on`, `door_open`, `window:defrost`), in words. */
export function excuseText(excusedBy: string | null, t: TFunction): string {
  if (!excusedBy) return t('foodSafety.excuse.unknown');
  if (excusedBy === 'defrost_on') return t('foodSafety.excuse.defrost');
  if (excusedBy === 'door_open') return t('foodSafety.excuse.door');
  if (excusedBy.startsWith('window:')) return t('foodSafety.excuse.window', { name: excusedBy.slice(7) });
  return metricLabel(excusedBy, t);
}

export type PointState =
  | { kind: 'in' }
  | { kind: 'out'; since: number; excursion: boolean }
  | { kind: 'excused'; by: string | null }
  | { kind: 'noData'; since: number }
  | { kind: 'none' };

/**
 * Where a unit stands now, from its newest record. Out of limit counts from the start of
 * its excursion, or (still inside the alert delay) from the start of the out-of-limit run
 * in today's records, when the screen has them.
 */
export function pointState(cp: ControlPointView, runStart?: number): PointState {
  const last: IntervalRecordView | null = cp.lastRecord;
  if (cp.openExcursion && (!last || last.status === 'out_of_limit' || last.status === 'no_data'))
    return { kind: 'out', since: cp.openExcursion.startedAt, excursion: true };
  if (!last) return { kind: 'none' };
  switch (last.status) {
    case 'in_limit':
      return { kind: 'in' };
    case 'excused':
      return { kind: 'excused', by: last.excusedBy };
    case 'no_data':
      return { kind: 'noData', since: last.startTs };
    case 'out_of_limit':
      return { kind: 'out', since: runStart ?? last.startTs, excursion: false };
  }
}

/**
 * The share of the day's minutes so far that were in limit (excused ones included): the
 * edge's figure counts the whole day, so until the day is over it would read low for
 * minutes that have not come yet. Minutes without data count against, as in the report.
 */
export function soFarPct(c: DailyCompliance): number {
  const past = c.minutesInDay - c.notYetMin;
  if (c.notYetMin === 0 || past <= 0) return c.compliancePct;
  return Math.round(((c.inLimitMin + c.excusedMin) / past) * 1000) / 10;
}

/** Where an open action stands against its due time: the alarm colours of the board. */
export type Urgency = 'overdue' | 'dueSoon' | 'open' | 'done';

const DUE_SOON_MS = 10 * 60_000;

export function urgencyOf(action: CorrectiveActionView, now: number): Urgency {
  if (action.state !== 'open') return 'done';
  if (action.dueAt <= now) return 'overdue';
  if (action.dueAt - now <= DUE_SOON_MS) return 'dueSoon';
  return 'open';
}

const RANK: Record<Urgency, number> = { overdue: 0, dueSoon: 1, open: 2, done: 3 };

/** Overdue first (the longest overdue on top), then the rest by due time; signed off last, newest first. */
export function actionOrder(actions: readonly CorrectiveActionView[], now: number): CorrectiveActionView[] {
  return [...actions].sort((a, b) => {
    const rank = RANK[urgencyOf(a, now)] - RANK[urgencyOf(b, now)];
    if (rank !== 0) return rank;
    return a.state === 'open' ? a.dueAt - b.dueAt : b.at - a.at;
  });
}

/**
 * The edge words food-safety refusals in both languages, `English / 中文`: the half in
 * the screen's language, or the whole when it is not split that way.
 */
export function inLanguage(message: string, language: string): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  const [en = message, zh = message] = parts;
  if (!/[\u4e00-\u9fff]/.test(zh)) return message;
  return language.startsWith('zh') ? zh : en;
}

/** What a person reads when something did not go through; nothing when they closed the PIN pad. */
export function problemText(err: unknown, t: TFunction, language: string): string | undefined {
  if (err instanceof LoginCancelled) return undefined;
  if (err instanceof RequestError) {
    const message = err.messages ? err.messageIn(language) : inLanguage(err.message, language);
    if (err.status !== undefined && err.status < 500) return t('foodSafety.refused', { message });
    return t('foodSafety.failed', { message });
  }
  return t('foodSafety.failed', { message: err instanceof Error ? err.message : String(err) });
}

/**
 * A wrong PIN (the sign-off answers it 403, a login 401) or too many tries: handed to the
 * PIN pad as the login's answer, so it says "wrong PIN" or "wait" and stays open.
 */
export function asPinProblem(err: unknown): RequestError | undefined {
  if (!(err instanceof RequestError)) return undefined;
  if (err.status === 429) return err;
  if (err.status === 403 && /wrong PIN/i.test(err.message))
    return new RequestError('unauthorized', err.message, 401, err.apiCode);
  return undefined;
}
