import type { AlarmView } from '../../shared/api/alarms';

/**
 * The board colours equipment by its worst alarm that is still active, acknowledged
 * or not: acknowledging means someone is on it, not that it is fine. The offline
 * rule is left out because the API already reports offline from presence.
 */
export function worstActiveSeverity(
  active: readonly AlarmView[],
  equipmentId: string,
): 'warning' | 'critical' | undefined {
  let worst: 'warning' | 'critical' | undefined;
  for (const alarm of active) {
    if (alarm.equipmentId !== equipmentId || alarm.ruleKind === 'offline') continue;
    if (alarm.state !== 'active_unacked' && alarm.state !== 'active_acked') continue;
    if (alarm.severity === 'critical') return 'critical';
    if (alarm.severity === 'warning') worst = 'warning';
  }
  return worst;
}
