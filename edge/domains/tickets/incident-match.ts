import type { TicketStatus } from '../../../shared/api/tickets';
import type { Rule } from '../../../shared/config/rules';

/** An alarm attached to an unfinished automatic ticket, as the incident match reads it. */
export interface IncidentAlarm {
  ticketId: number;
  ticketStatus: TicketStatus;
  alarmId: number;
  /** The metric the alarm's rule measured when it was raised; null for offline and fault codes. */
  metric: string | null;
  clearedAt: number | null;
}

/**
 * The metric a rule is about. Not `ruleMetrics`: that also lists the metrics that only
 * silence a rule (door_open on a temperature rule), and a door left open is not part of
 * the cooler's warming incident. Offline and fault-code rules measure nothing, so they
 * always get a ticket of their own.
 */
export function measuredMetric(rule: Rule): string | null {
  return 'metric' in rule ? rule.metric : null;
}

/**
 * The ticket of the incident a new alarm belongs to: an unfinished automatic ticket of
 * the same equipment holding an alarm on the same metric that is still active, or whose
 * ticket is not yet resolved (a resolved ticket whose alarms have all cleared is a
 * finished repair awaiting verification; a new fault then is a new incident). A "rising
 * fast" warning and the "above 5 °C" critical that follows it are one incident; the
 * oldest such ticket takes the alarm, so an incident never splits once it has one.
 */
export function incidentTicketOf(rule: Rule, attached: readonly IncidentAlarm[]): number | undefined {
  const metric = measuredMetric(rule);
  if (metric === null) return undefined;
  let match: number | undefined;
  for (const a of attached) {
    if (a.metric !== metric || (a.clearedAt !== null && a.ticketStatus === 'resolved')) continue;
    if (match === undefined || a.ticketId < match) match = a.ticketId;
  }
  return match;
}
