import type {
  CorrectiveActionView,
  Disposition,
  ExcursionView,
  IntervalRecordView,
  IntervalStatus,
  LimitRecordView,
  QuantityUnit,
} from '../../../shared/api/food-safety';
import type { CheckRecordView } from '../../../shared/api/food-safety-checks';
import type { Bound, PackAuthority } from '../../../shared/config/food-safety';
import type { CheckMeasure } from '../../../shared/config/food-safety-check-limit';
import type { LocalizedText } from '../../../shared/localized-text';
import type { CheckRow } from './check-store';
import type { ActionRow, ExcursionRow, IntervalRow, LimitRow } from './food-safety-store';

/** The `control_point` of a corrective action a cooling batch opened; its `excursion_id` is the batch. */
export const COOLING_POINT = 'cooling';
/** The `control_point` of a corrective action a manual check opened; its `excursion_id` is the check record. */
export const CHECK_POINT = 'check';
/** The `control_point` of a corrective action a time-controlled batch opened; its `excursion_id` is the batch. */
export const TIME_POINT = 'time_control';

/** Stored as integers so the canonical form of a record is exact: status codes, °C × 100. */
export const STATUS_CODE: Record<IntervalStatus, number> = {
  in_limit: 0,
  out_of_limit: 1,
  excused: 2,
  no_data: 3,
};
const STATUS_OF: readonly IntervalStatus[] = ['in_limit', 'out_of_limit', 'excused', 'no_data'];

export const toCc = (celsius: number): number => Math.round(celsius * 100);
export const fromCc = (cc: number): number => cc / 100;
const fromCcOrNull = (cc: number | null): number | null => (cc === null ? null : fromCc(cc));

export function statusOf(code: number): IntervalStatus {
  return STATUS_OF[code] ?? 'no_data';
}

export function limitView(row: LimitRow): LimitRecordView {
  return {
    seq: row.seq,
    controlPointId: row.control_point,
    equipmentId: row.equipment_id,
    metric: row.metric,
    pack: row.pack,
    packEdition: row.pack_edition,
    authority: row.authority as PackAuthority,
    limitId: row.limit_id,
    clause: row.clause,
    bound: row.bound as Bound,
    limitC: fromCc(row.limit_cc),
    alertDelayMin: row.alert_delay_min,
    recordEveryMin: row.interval_min,
    recordedAt: row.at,
  };
}

export function intervalView(row: IntervalRow): IntervalRecordView {
  return {
    seq: row.seq,
    startTs: row.start_ts,
    endTs: row.start_ts + row.span_min * 60_000,
    status: statusOf(row.status),
    valueC: fromCcOrNull(row.worst_cc),
    minC: fromCcOrNull(row.min_cc),
    maxC: fromCcOrNull(row.max_cc),
    readings: row.readings,
    excusedBy: row.excused_by,
    limitSeq: row.limit_seq,
  };
}

export function excursionTitle(
  name: LocalizedText,
  bound: Bound,
  limitC: number,
  delayMin: number,
): LocalizedText {
  return {
    en: `${name.en} ${bound === 'at_most' ? 'above' : 'below'} ${limitC} °C for more than ${delayMin} min`,
    'zh-CN': `${name['zh-CN']}${bound === 'at_most' ? '高于' : '低于'} ${limitC} °C 超过 ${delayMin} 分钟`,
  };
}

export function excursionView(row: ExcursionRow, limit: LimitRow, name: LocalizedText): ExcursionView {
  const bound = limit.bound as Bound;
  const limitC = fromCc(limit.limit_cc);
  return {
    id: row.excursion_id,
    controlPointId: row.control_point,
    equipmentId: row.equipment_id,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    minutes: row.minutes,
    worstC: fromCcOrNull(row.worst_cc),
    limitSeq: row.limit_seq,
    bound,
    limitC,
    alertDelayMin: limit.alert_delay_min,
    title: excursionTitle(name, bound, limitC, limit.alert_delay_min),
  };
}

export function actionView(row: ActionRow, excursion: LocalizedText): CorrectiveActionView {
  return {
    id: row.action_id,
    seq: row.seq,
    amends: row.amends,
    change: row.change as CorrectiveActionView['change'],
    controlPointId: row.control_point,
    equipmentId: row.equipment_id,
    excursionId: row.excursion_id,
    ...(row.control_point === COOLING_POINT ? { coolingBatchId: row.excursion_id } : {}),
    ...(row.control_point === CHECK_POINT ? { checkRecordId: row.excursion_id } : {}),
    ...(row.control_point === TIME_POINT ? { timeBatchId: row.excursion_id } : {}),
    alarmId: row.alarm_id,
    ticketId: row.ticket_id,
    state: row.state as CorrectiveActionView['state'],
    title: { en: `Corrective action: ${excursion.en}`, 'zh-CN': `纠正措施：${excursion['zh-CN']}` },
    openedAt: row.opened_at,
    dueAt: row.due_at,
    escalation: row.escalation as CorrectiveActionView['escalation'],
    whatDone: row.what_done,
    disposition: row.disposition as Disposition | null,
    quantity:
      row.qty_milli === null || row.qty_unit === null
        ? null
        : { amount: row.qty_milli / 1000, unit: row.qty_unit as QuantityUnit },
    movedTo: row.moved_to,
    note: row.note,
    by: row.by,
    at: row.at,
  };
}

/** Key order fixed here, so the JSON a check record is hashed over is the same for writer and verifier. */
export function measureJson(measure: CheckMeasure): string {
  return JSON.stringify(
    measure.kind === 'temperature'
      ? { kind: measure.kind, bound: measure.bound, tempC: measure.tempC }
      : { kind: measure.kind, referenceC: measure.referenceC, toleranceC: measure.toleranceC },
  );
}

export function checkRecordView(
  row: CheckRow,
  title: LocalizedText,
  actionId: number | null,
): CheckRecordView {
  return {
    id: row.seq,
    checkId: row.check_id,
    title,
    equipmentId: row.equipment_id,
    slotAt: row.slot_at,
    closesAt: row.closes_at,
    pack: row.pack,
    packEdition: row.pack_edition,
    limitId: row.limit_id,
    clause: row.clause,
    measure: JSON.parse(row.measure) as CheckMeasure,
    status: row.status,
    valueC: fromCcOrNull(row.value_cc),
    inLimit: row.in_limit === null ? null : row.in_limit === 1,
    actionId,
    by: row.by,
    note: row.note,
    at: row.at,
  };
}
