import type { AlarmView } from '../../../../shared/api/alarms';
import {
  AlarmFeedEntry,
  type AlarmFeedEntry as AlarmFeedEntryType,
  OpenTicket,
  type OpenTicket as OpenTicketType,
} from '../../../../shared/central/api';

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
    change,
    at: T0 + id * 1000,
    receivedAt: T0 + id * 1000 + 500,
    alarm: alarm(alarmOverrides),
  });
}

export function openTicket(id: number, ageS: number, storeId = 'sh-001'): OpenTicketType {
  return OpenTicket.parse({
    storeId,
    storeName: `Store ${storeId}`,
    regionId: 'east',
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
    },
  });
}
