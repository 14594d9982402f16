import type { CorrectiveActionView, ExcursionView } from '../../../../shared/api/food-safety';
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
