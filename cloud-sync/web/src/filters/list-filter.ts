import type { Severity } from '../../../../shared/config/rules';

/** What a manager narrows the alarm and ticket lists by; '' means "any". */
export interface ListFilter {
  storeId: string;
  severity: '' | Severity;
  equipmentType: string;
  q: string;
  /** YYYY-MM-DD, the viewer's own days, as a date input gives them */
  fromDay: string;
  toDay: string;
  alarmStatus: 'all' | 'active' | 'cleared' | 'unacked';
  ticketStatus: 'open' | 'all';
}

export const NO_FILTER: ListFilter = {
  storeId: '',
  severity: '',
  equipmentType: '',
  q: '',
  fromDay: '',
  toDay: '',
  alarmStatus: 'all',
  ticketStatus: 'open',
};

/** Start of a local day, epoch ms; undefined for an empty or malformed input. */
export function dayStart(day: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  return new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3])).getTime();
}

/** The query string the list routes take; `to` includes the whole of its day. */
export function filterQuery(filter: ListFilter, list: 'alarms' | 'tickets', limit: number): string {
  const params = new URLSearchParams();
  if (filter.storeId) params.set('storeId', filter.storeId);
  if (filter.severity) params.set('severity', filter.severity);
  if (filter.equipmentType) params.set('equipmentType', filter.equipmentType);
  if (filter.q.trim()) params.set('q', filter.q.trim());
  const from = dayStart(filter.fromDay);
  if (from !== undefined) params.set('from', String(from));
  const to = dayStart(filter.toDay);
  if (to !== undefined) {
    const next = new Date(to);
    next.setDate(next.getDate() + 1);
    params.set('to', String(next.getTime()));
  }
  params.set('status', list === 'alarms' ? filter.alarmStatus : filter.ticketStatus);
  params.set('limit', String(limit));
  return params.toString();
}

export function isFiltered(filter: ListFilter): boolean {
  return (Object.keys(NO_FILTER) as (keyof ListFilter)[]).some((key) => filter[key] !== NO_FILTER[key]);
}
