import type { AlarmView } from '../../../shared/api/alarms';
import type { EquipmentView } from '../../../shared/api/equipment';

/** Equipment as `GET /api/equipment` answers it, parsed by the shared schema in the tests that use it. */
export function equipmentView(part: Partial<EquipmentView> & Pick<EquipmentView, 'id'>): EquipmentView {
  return {
    type: 'walk_in_cooler',
    typeLabel: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' },
    name: { en: `Cooler ${part.id}`, 'zh-CN': `冷藏库 ${part.id}` },
    station: 'cold',
    protocol: 'mqtt',
    keyMetric: 'temp_c',
    units: { temp_c: '°C' },
    online: true,
    lastSeen: null,
    state: 'ok',
    readings: {},
    ...part,
  };
}

export function alarmView(part: Partial<AlarmView> & Pick<AlarmView, 'id' | 'equipmentId'>): AlarmView {
  const raisedAt = part.raisedAt ?? Date.UTC(2026, 0, 5, 2, 0);
  return {
    rule: 'temp_high',
    ruleKind: 'threshold',
    severity: 'critical',
    state: 'active_unacked',
    title: { en: 'Cooler above 5 °C', 'zh-CN': '冷藏库温度高于 5 °C' },
    hint: { en: 'Keep the door shut; move high-risk food.', 'zh-CN': '关好库门；转移高风险食材。' },
    raisedAt,
    conditionSince: raisedAt,
    hazard: 'food',
    worsening: false,
    raisedValue: 7.5,
    lastValue: 7.5,
    clearedAt: null,
    ackedAt: null,
    ackedBy: null,
    raiseCount: 1,
    notifyCount: 1,
    lastNotifiedAt: Date.UTC(2026, 0, 5, 2, 0),
    escalation: 'none',
    updatedAt: Date.UTC(2026, 0, 5, 2, 0),
    ...part,
  };
}
