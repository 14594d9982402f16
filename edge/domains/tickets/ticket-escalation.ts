import type { AlarmView } from '../../../shared/api/alarms';
import type { TicketView } from '../../../shared/api/tickets';
import { Severity } from '../../../shared/config/rules';
import type { LocalizedText } from '../../../shared/localized-text';
import type { OutboxWriter } from '../../sync/outbox-writer';
import { SYSTEM_ACTOR } from './ticket-lifecycle';
import type { TicketStore } from './ticket-store';

const SEVERITY_ORDER: readonly Severity[] = Severity.options;

/** The words the kitchen display uses for each severity (display/src/i18n). */
const SEVERITY_WORDS: Record<Severity, LocalizedText> = {
  info: { en: 'info', 'zh-CN': '提示' },
  warning: { en: 'warning', 'zh-CN': '警告' },
  critical: { en: 'critical', 'zh-CN': '严重' },
};

export function isMoreSevere(a: Severity, than: Severity): boolean {
  return SEVERITY_ORDER.indexOf(a) > SEVERITY_ORDER.indexOf(than);
}

/**
 * The history note of an escalation, in both languages: history notes are shown as
 * written, and a technician may read either.
 */
export function escalationNote(from: Severity, alarm: Pick<AlarmView, 'id' | 'severity' | 'title'>): string {
  const en = `severity ${SEVERITY_WORDS[from].en} → ${SEVERITY_WORDS[alarm.severity].en} (alarm ${alarm.id}: ${alarm.title.en})`;
  const zh = `严重程度 ${SEVERITY_WORDS[from]['zh-CN']} → ${SEVERITY_WORDS[alarm.severity]['zh-CN']}（告警 ${alarm.id}：${alarm.title['zh-CN']}）`;
  return `${en} / ${zh}`;
}

/**
 * Inside the transaction that attaches `alarm` to `ticket`: a more severe alarm raises the
 * ticket to its severity (a technician's response times follow it). Recorded in the
 * ticket's history as a step that keeps its status, and sent to central as a
 * `ticket.transition`, whose payload carries the whole ticket with its new severity.
 * Returns the escalated ticket, or undefined when the alarm is no worse.
 */
export function escalateToAlarm(
  store: TicketStore,
  outbox: OutboxWriter,
  step: { ticket: TicketView; alarm: AlarmView; now: number },
): TicketView | undefined {
  const { ticket, alarm, now } = step;
  if (!isMoreSevere(alarm.severity, ticket.severity)) return undefined;
  const note = escalationNote(ticket.severity, alarm);
  store.setSeverity(ticket.id, alarm.severity, now);
  store.logTransition(ticket.id, ticket.status, ticket.status, now, SYSTEM_ACTOR.id, note);
  const escalated = store.get(ticket.id)!;
  const transition = { from: ticket.status, to: ticket.status, at: now, by: SYSTEM_ACTOR.id, note };
  outbox.append({
    type: 'ticket.transition',
    entityId: ticket.id,
    ts: now,
    payload: { ticket: escalated, transition },
  });
  return escalated;
}
