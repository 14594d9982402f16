import type { AlarmView } from '../../../shared/api/alarms';

const SEVERITY_RANK: Record<AlarmView['severity'], number> = { critical: 0, warning: 1, info: 2 };
const HAZARD_RANK: Record<AlarmView['hazard'], number> = { people: 0, food: 1, equipment: 2 };

/**
 * Most urgent first: severity, then who or what is at risk (people before food before
 * equipment), then a fault still getting worse, then the newest condition — a fault that
 * just began is the one nobody has looked at yet. The id breaks ties so the order is stable.
 */
export function byUrgency(a: AlarmView, b: AlarmView): number {
  return (
    SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
    HAZARD_RANK[a.hazard] - HAZARD_RANK[b.hazard] ||
    Number(b.worsening) - Number(a.worsening) ||
    b.conditionSince - a.conditionSince ||
    a.id - b.id
  );
}

export function isUnacknowledged(alarm: AlarmView): boolean {
  return alarm.state.endsWith('_unacked');
}

export function isActive(alarm: AlarmView): boolean {
  return alarm.state.startsWith('active');
}

/** Critical alarms nobody has acknowledged yet, the one to deal with first at the front. */
export function unacknowledgedCritical(alarms: readonly AlarmView[]): AlarmView[] {
  return alarms.filter((a) => a.severity === 'critical' && isUnacknowledged(a)).sort(byUrgency);
}

/**
 * The alarm a tile names: the most urgent one still active on that equipment,
 * acknowledged or not, though of two equally severe the one nobody has taken on yet.
 */
export function tileAlarm(alarms: readonly AlarmView[], equipmentId: string): AlarmView | undefined {
  return alarms
    .filter((a) => a.equipmentId === equipmentId && isActive(a))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        Number(isUnacknowledged(b)) - Number(isUnacknowledged(a)) ||
        byUrgency(a, b),
    )[0];
}
