import type { AlarmView } from '../../../../shared/api/alarms';
import {
  AlarmFeedEntry,
  type AlarmFeedEntry as AlarmFeedEntryType,
  type CentralTicket,
  OpenTicket,
  type OpenTicket as OpenTicketType,
} from '../../../../shared/central/api';
import type { EquipmentLabel } from '../../../../shared/central/insight-api';

const T0 = Date.UTC(2025, 0, 6, 8, 0, 0);

export function alarm(overrides: Partial<AlarmView> = {}): AlarmView {
  return {
    id: 1,
    equipmentId: 'cooler-1',
    rule: 'cooler-too-warm',
    ruleKind: 'threshold',
    severity: 'critical',
    state: 'active_unacked',
    title: { en: 'Walk-in cooler too warm', 'zh-CN': '冷库温度过高' },
    hint: null,
    raisedAt: T0,
    conditionSince: T0,
    hazard: 'equipment',
    worsening: false,
    raisedValue: 9.5,
    lastValue: 9.5,
    clearedAt: null,
    ackedAt: null,
    ackedBy: null,
    raiseCount: 1,
    notifyCount: 0,
    lastNotifiedAt: T0,
    escalation: 'none',
    updatedAt: T0,
    ...overrides,
  };
}

/** A feed entry, checked against the shared schema so fixtures cannot drift from it. */
export function feedEntry(
  id: number,
  change: string,
  alarmOverrides: Partial<AlarmView> = {},
  storeId = 'sh-001',
): AlarmFeedEntryType {
  return AlarmFeedEntry.parse({
    id,
    storeId,
    storeName: `Store ${storeId}`,
    regionId: 'east',
    regionName: '华东区',
    equipment: equipmentLabel(alarmOverrides.equipmentId ?? 'cooler-1'),
    change,
    at: T0 + id * 1000,
    receivedAt: T0 + id * 1000 + 500,
    alarm: alarm(alarmOverrides),
  });
}

/** Equipment the fixtures know by name, as a pushed configuration names it. */
const NAMED: Record<string, EquipmentLabel> = {
  'cooler-1': {
    equipmentId: 'cooler-1',
    name: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' },
    type: 'walk_in_cooler',
    typeLabel: { en: 'Walk-in cooler', 'zh-CN': '步入式冷藏库' },
  },
  'fryer-1': {
    equipmentId: 'fryer-1',
    name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' },
    type: 'fryer',
    typeLabel: { en: 'Fryer', 'zh-CN': '炸炉' },
  },
};

export function equipmentLabel(equipmentId: string): EquipmentLabel {
  return NAMED[equipmentId] ?? { equipmentId, name: null, type: null, typeLabel: null };
}

export function openTicket(
  id: number,
  ageS: number,
  storeId = 'sh-001',
  ticketOverrides: Partial<CentralTicket> = {},
): OpenTicketType {
  const equipmentId = ticketOverrides.equipmentId ?? 'fryer-1';
  return OpenTicket.parse({
    storeId,
    storeName: `Store ${storeId}`,
    regionId: 'east',
    regionName: '华东区',
    equipment: equipmentLabel(equipmentId),
    ageS,
    ticket: {
      id,
      equipmentId: 'fryer-1',
      source: 'auto',
      fault: 'fryer-oil-too-hot',
      category: null,
      title: { en: 'Fryer oil too hot', 'zh-CN': '炸炉油温过高' },
      severity: 'critical',
      status: 'open',
      note: null,
      openedAt: T0 - ageS * 1000,
      openedBy: 'system',
      acknowledgedAt: null,
      acknowledgedBy: null,
      assignedTo: null,
      assignedAt: null,
      startedAt: null,
      resolvedAt: null,
      resolvedBy: null,
      resolutionCode: null,
      parts: [],
      resolutionNotes: null,
      verifiedAt: null,
      verifiedBy: null,
      closedAt: null,
      closedBy: null,
      reopenCount: 0,
      repeat: false,
      previousTicketId: null,
      alarmIds: [],
      updatedAt: T0,
      ...ticketOverrides,
    },
  });
}
