import type {
  CoolingBatchView,
  CorrectiveActionView,
  ExcursionView,
} from '../../../../shared/api/food-safety';
import type { CheckRecordView } from '../../../../shared/api/food-safety-checks';
import type { FoodSafetyDayPayload } from '../../../../shared/central/food-safety-api';
import type { SyncEvent } from '../../../../shared/sync/sync-protocol';
import { event } from '../../testing/central-test-kit';

/** Food-safety events as the store's edge sends them, for central's tests. */

export const hashOf = (n: number): string => n.toString(16).padStart(64, '0');

export function chainHead(eventSeq: number, seq: number, hash = hashOf(seq), at = 1_000 * seq): SyncEvent {
  return event(eventSeq, 'food_safety.chain_head', 'sh-001', { seq, hash, at }, at);
}

export function excursion(eventSeq: number, overrides: Partial<ExcursionView> = {}): SyncEvent {
  const view: ExcursionView = {
    id: 40,
    controlPointId: 'walkin-cold',
    equipmentId: 'walkin-1',
    startedAt: Date.UTC(2026, 0, 12, 2),
    endedAt: null,
    minutes: 35,
    worstC: 8.4,
    limitSeq: 1,
    bound: 'at_most',
    limitC: 5,
    alertDelayMin: 30,
    title: { en: 'Walk-in above 5 °C', 'zh-CN': '冷库高于 5 °C' },
    ...overrides,
  };
  return event(eventSeq, 'food_safety.excursion', view.id, view, view.endedAt ?? view.startedAt);
}

export function correctiveAction(eventSeq: number, overrides: Partial<CorrectiveActionView> = {}): SyncEvent {
  const openedAt = overrides.openedAt ?? Date.UTC(2026, 0, 12, 2, 35);
  const view: CorrectiveActionView = {
    id: 41,
    seq: 41,
    amends: null,
    change: 'opened',
    controlPointId: 'walkin-cold',
    equipmentId: 'walkin-1',
    excursionId: 40,
    alarmId: 7,
    ticketId: null,
    state: 'open',
    title: { en: 'Walk-in above 5 °C', 'zh-CN': '冷库高于 5 °C' },
    openedAt,
    dueAt: openedAt + 60 * 60_000,
    escalation: 'none',
    whatDone: null,
    disposition: null,
    quantity: null,
    movedTo: null,
    note: null,
    by: 'system',
    at: openedAt,
    ...overrides,
  };
  return event(eventSeq, 'food_safety.corrective_action', view.id, view, view.at);
}

export function signedOff(eventSeq: number, overrides: Partial<CorrectiveActionView> = {}): SyncEvent {
  const at = Date.UTC(2026, 0, 12, 3, 10);
  return correctiveAction(eventSeq, {
    seq: 52,
    amends: 41,
    change: 'signed_off',
    state: 'signed_off',
    whatDone: 'moved stock to walk-in 2, called the technician',
    disposition: 'moved',
    quantity: { amount: 12.5, unit: 'kg' },
    movedTo: 'walkin-2',
    by: 'manager-chen',
    at,
    ...overrides,
  });
}

/** A closed day of one control point: `out` minutes out of limit, `noData` without data, the rest in limit. */
export function day(
  eventSeq: number,
  date: string,
  figures: Partial<FoodSafetyDayPayload> & { out?: number; noData?: number; excused?: number } = {},
): SyncEvent {
  const { out = 0, noData = 0, excused = 0, ...overrides } = figures;
  const from = Date.parse(`${date}T00:00:00+08:00`);
  const minutesInDay = 1440;
  const inLimitMin = minutesInDay - out - noData - excused;
  const payload: FoodSafetyDayPayload = {
    controlPointId: 'walkin-cold',
    name: { en: 'Walk-in cooler', 'zh-CN': '冷库' },
    equipmentId: 'walkin-1',
    day: date,
    from,
    to: from + minutesInDay * 60_000,
    minutesInDay,
    inLimitMin,
    excusedMin: excused,
    outOfLimitMin: out,
    noDataMin: noData,
    compliancePct: Math.round(((inLimitMin + excused) / minutesInDay) * 1000) / 10,
    pass: out <= 30,
    excursions: out > 30 ? 1 : 0,
    missedChecks: 0,
    ...overrides,
  };
  return event(eventSeq, 'food_safety.day', `${payload.controlPointId}/${date}`, payload, payload.to);
}

/**
 * A cooling batch as the store sends it (`food_safety.cooling`): by default 57 °C at t0 and a
 * stage 1 missed at t0 + 2 h with 22 °C, which opened corrective action 61.
 */
export function coolingBatch(eventSeq: number, overrides: Partial<CoolingBatchView> = {}): SyncEvent {
  const t0 = overrides.t0 ?? Date.UTC(2026, 0, 12, 1);
  const view: CoolingBatchView = {
    id: 60,
    seq: 62,
    amends: 60,
    change: 'stage_failed',
    product: 'Chicken stock',
    quantity: { amount: 12, unit: 'l' },
    equipmentId: 'ric-1',
    metric: 'temp_c',
    pack: 'us-fda-food-code-2022',
    packEdition: '2022',
    limitId: 'cooling',
    clause: '3-501.14(A)',
    fromC: 57,
    startedAt: t0,
    t0,
    state: 'failed',
    stages: [
      {
        toC: 21,
        withinMin: 120,
        deadline: t0 + 120 * 60_000,
        result: 'failed',
        at: t0 + 120 * 60_000,
        valueC: 22,
        warnedAt: null,
        projectedAt: null,
      },
      {
        toC: 5,
        withinMin: 360,
        deadline: t0 + 360 * 60_000,
        result: 'skipped',
        at: null,
        valueC: null,
        warnedAt: null,
        projectedAt: null,
      },
    ],
    actionId: 61,
    by: 'system',
    note: null,
    at: t0 + 120 * 60_000,
    latest: null,
    projection: null,
    title: { en: 'Cooling Chicken stock', 'zh-CN': '冷却 Chicken stock' },
    ...overrides,
  };
  return event(eventSeq, 'food_safety.cooling', view.id, view, view.at);
}

/** A batch that passed both stages: 21 °C at 1:50 and 5 °C at 5:50. */
export function passedBatch(eventSeq: number, overrides: Partial<CoolingBatchView> = {}): SyncEvent {
  const t0 = overrides.t0 ?? Date.UTC(2026, 0, 12, 8);
  const stage = (toC: number, withinMin: number, atMin: number) => ({
    toC,
    withinMin,
    deadline: t0 + withinMin * 60_000,
    result: 'passed' as const,
    at: t0 + atMin * 60_000,
    valueC: toC,
    warnedAt: null,
    projectedAt: null,
  });
  return coolingBatch(eventSeq, {
    id: 70,
    seq: 75,
    amends: 72,
    change: 'stage_passed',
    product: '红烧肉',
    startedAt: t0,
    t0,
    state: 'passed',
    stages: [stage(21, 120, 110), stage(5, 360, 350)],
    actionId: null,
    at: t0 + 350 * 60_000,
    ...overrides,
  });
}

/** A manual-check record: by default the 11:30 nuggets check of 12 January, missed. */
export function checkRecord(eventSeq: number, overrides: Partial<CheckRecordView> = {}): SyncEvent {
  const slotAt = overrides.slotAt ?? Date.UTC(2026, 0, 12, 3, 30);
  const view: CheckRecordView = {
    id: 90,
    checkId: 'nuggets-hold',
    title: { en: 'Nuggets in holding cabinet 2', 'zh-CN': '保温柜 2 中的鸡块' },
    equipmentId: 'hold-2',
    slotAt,
    closesAt: slotAt + 3_600_000,
    pack: 'galley-company-standard',
    packEdition: '2026-01',
    limitId: 'hot-holding-probe',
    clause: 'GCS-4',
    measure: { kind: 'temperature', bound: 'at_least', tempC: 63 },
    status: 'missed',
    valueC: null,
    inLimit: null,
    actionId: null,
    by: 'system',
    note: null,
    at: slotAt + 3_600_000,
    ...overrides,
  };
  return event(eventSeq, 'food_safety.check', 'sh-001', view, view.at);
}
