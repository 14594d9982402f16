import {
  ControlPointView,
  CorrectiveActionView,
  DailyCompliance,
  type ExcursionView,
  type IntervalStatus,
  MinuteLog,
} from '../../../../shared/api/food-safety';
import type { StoreInfo } from '../../../../shared/api/store';

/** 12:30 UTC on 2026-01-05: the fixtures' clock; the screen shows times in UTC. */
export const NOW = Date.UTC(2026, 0, 5, 12, 30, 0);
export const TODAY = '2026-01-05';
export const YESTERDAY = '2026-01-04';
const MIN = 60_000;
const at = (h: number, m: number, day = 5) => Date.UTC(2026, 0, day, h, m, 0);
const DAY_START = at(0, 0);

export const USERS: StoreInfo['users'] = [
  { id: 'mgr-li', name: 'Manager Li', role: 'manager', pinLength: 4 },
  { id: 'cook-wu', name: 'Cook Wu', role: 'staff', pinLength: 4 },
];

const COMPANY = {
  id: 'galley-company-standard',
  title: { en: 'Galley company standard', 'zh-CN': 'Galley 企业标准' },
  authority: 'company_standard' as const,
  edition: '2026-01',
};

function point(
  id: string,
  name: [string, string],
  equipmentId: string,
  bound: 'at_most' | 'at_least',
  limitC: number,
  last: { status: IntervalStatus; valueC: number | null; excusedBy?: string } | null,
  openExcursion: ExcursionView | null = null,
): ControlPointView {
  const cold = bound === 'at_most';
  return ControlPointView.parse({
    id,
    name: { en: name[0], 'zh-CN': name[1] },
    equipmentId,
    metric: 'temp_c',
    pack: COMPANY,
    limit: {
      id: cold ? 'cold-holding' : 'hot-holding',
      title: { en: cold ? 'Cold holding' : 'Hot holding', 'zh-CN': cold ? '冷藏保存' : '热保存' },
      bound,
      limitC,
      clause: {
        ref: cold ? 'GS-4.2' : 'GS-4.4',
        title: { en: 'Holding temperatures', 'zh-CN': '保存温度' },
        quote: cold
          ? 'Company standard: chilled food is held at 5 °C or below at all times.'
          : 'Company standard: hot food is held at 63 °C or above at all times.',
      },
    },
    alertDelayMin: 30,
    recordEveryMin: 1,
    excusedWhile: ['defrost_on', 'door_open (+600 s)'],
    lastRecord: last
      ? {
          seq: 900,
          startTs: NOW - MIN,
          endTs: NOW,
          status: last.status,
          valueC: last.valueC,
          minC: last.valueC,
          maxC: last.valueC,
          readings: last.valueC === null ? 0 : 4,
          excusedBy: last.excusedBy ?? null,
          limitSeq: 1,
        }
      : null,
    openExcursion,
  });
}

export function excursion(
  id: number,
  controlPointId: string,
  equipmentId: string,
  startedAt: number,
  endedAt: number | null,
  worstC: number,
): ExcursionView {
  return {
    id,
    controlPointId,
    equipmentId,
    startedAt,
    endedAt,
    minutes: Math.round(((endedAt ?? NOW) - startedAt) / MIN),
    worstC,
    limitSeq: 1,
    bound: 'at_most',
    limitC: 5,
    alertDelayMin: 30,
    title: { en: 'Cold holding above 5 °C', 'zh-CN': '冷藏温度高于 5 °C' },
  };
}

/** The walk-in warm since 11:20 (an excursion), the reach-in fine, the freezer defrosting, hot holding silent. */
export const WALK_IN_EXCURSION = excursion(40, 'cold:wic-1', 'wic-1', at(11, 20), null, 9.4);
export const REACH_IN_EXCURSION = excursion(60, 'cold:ric-1', 'ric-1', at(11, 40), at(12, 15), 7.1);

export function controlPoints(): ControlPointView[] {
  return [
    point(
      'cold:wic-1',
      ['Walk-in cooler', '步入式冷藏库'],
      'wic-1',
      'at_most',
      5,
      { status: 'out_of_limit', valueC: 8.9 },
      WALK_IN_EXCURSION,
    ),
    point('cold:ric-1', ['Reach-in cooler', '立式冷藏柜'], 'ric-1', 'at_most', 5, {
      status: 'in_limit',
      valueC: 3.2,
    }),
    point('frozen:wif-1', ['Walk-in freezer', '步入式冷冻库'], 'wif-1', 'at_most', -15, {
      status: 'excused',
      valueC: -9.5,
      excusedBy: 'defrost_on',
    }),
    point('hot:hh-1', ['Hot holding cabinet', '保温柜'], 'hh-1', 'at_least', 63, {
      status: 'no_data',
      valueC: null,
    }),
  ];
}

function action(
  fields: Partial<CorrectiveActionView> &
    Pick<CorrectiveActionView, 'id' | 'controlPointId' | 'excursionId' | 'openedAt' | 'dueAt'>,
): CorrectiveActionView {
  const equipmentId = fields.controlPointId.split(':')[1] ?? '';
  return CorrectiveActionView.parse({
    seq: fields.id,
    amends: null,
    change: 'opened',
    equipmentId,
    alarmId: null,
    ticketId: null,
    state: 'open',
    title: { en: 'Cold holding above 5 °C', 'zh-CN': '冷藏温度高于 5 °C' },
    escalation: 'none',
    whatDone: null,
    disposition: null,
    quantity: null,
    movedTo: null,
    note: null,
    by: null,
    at: fields.openedAt,
    ...fields,
  });
}

/**
 * Newest first, as the edge lists them: the reach-in's action (due 12:45) above the
 * walk-in's, which was due at 12:21 and is overdue (escalated to the manager, with its
 * alarm and repair ticket); yesterday's one signed off.
 */
export function actions(): CorrectiveActionView[] {
  return [
    action({
      id: 61,
      controlPointId: 'cold:ric-1',
      excursionId: 60,
      openedAt: at(12, 15),
      dueAt: at(12, 45),
    }),
    action({
      id: 41,
      controlPointId: 'cold:wic-1',
      excursionId: 40,
      openedAt: at(11, 51),
      dueAt: at(12, 21),
      escalation: 'manager',
      change: 'escalated',
      alarmId: 7,
      ticketId: 3,
    }),
    action({
      id: 21,
      controlPointId: 'cold:ric-1',
      excursionId: 20,
      openedAt: at(15, 0, 4),
      dueAt: at(15, 30, 4),
      state: 'signed_off',
      change: 'signed_off',
      whatDone: 'Closed the door',
      disposition: 'kept',
      quantity: { amount: 4, unit: 'kg' },
      by: 'mgr-li',
      at: at(15, 20, 4),
    }),
  ];
}

/** Minutes in limit and excused so far today (750 of them past at 12:30), per control point. */
const SO_FAR: Record<string, [number, number]> = {
  'cold:wic-1': [620, 28],
  'cold:ric-1': [698, 30],
  'frozen:wif-1': [720, 30],
  'hot:hh-1': [0, 0],
};

export function compliance(
  controlPointId: string,
  day: string,
  excursions: ExcursionView[],
): DailyCompliance {
  const today = day === TODAY;
  const fails = excursions.length > 0;
  const notYetMin = today ? 690 : 0;
  const past = 1440 - notYetMin;
  const [inLimitMin, excusedMin] = today ? (SO_FAR[controlPointId] ?? [past, 0]) : [1410, 30];
  const outOfLimitMin = excursions.reduce((n, e) => n + e.minutes, 0);
  return DailyCompliance.parse({
    controlPointId,
    day,
    from: today ? DAY_START : DAY_START - 1440 * MIN,
    to: today ? DAY_START + 1440 * MIN : DAY_START,
    minutesInDay: 1440,
    inLimitMin,
    excusedMin,
    outOfLimitMin,
    noDataMin: Math.max(0, past - inLimitMin - excusedMin - outOfLimitMin),
    notYetMin,
    // As the edge counts it: over the whole day, minutes still to come included.
    compliancePct: Math.round(((inLimitMin + excusedMin) / 1440) * 1000) / 10,
    pass: !fails,
    excursions,
    verdict: { en: fails ? 'Fail' : 'Pass', 'zh-CN': fails ? '不合格' : '合格' },
  });
}

/** The walk-in's day so far: in limit, a defrost at 06:00, warm from 11:20. */
export function minuteLog(controlPointId: string, day: string): MinuteLog {
  const records = [];
  const end = day === TODAY ? NOW : DAY_START;
  const from = day === TODAY ? DAY_START : DAY_START - 1440 * MIN;
  let seq = 1000;
  for (let ts = from; ts < end; ts += 10 * MIN) {
    const minute = (ts - from) / MIN;
    const warm = controlPointId === 'cold:wic-1' && day === TODAY && ts >= at(11, 20);
    const defrost = minute >= 360 && minute < 390;
    const status: IntervalStatus = warm ? 'out_of_limit' : defrost ? 'excused' : 'in_limit';
    const valueC = warm ? 7 + ((minute % 30) / 30) * 2.4 : defrost ? 6.2 : 2.5 + Math.sin(minute / 90);
    records.push({
      seq: seq++,
      startTs: ts,
      endTs: ts + 10 * MIN,
      status,
      valueC: Math.round(valueC * 100) / 100,
      minC: Math.round(valueC * 100) / 100,
      maxC: Math.round(valueC * 100) / 100,
      readings: 40,
      excusedBy: defrost ? 'defrost_on' : null,
      limitSeq: 1,
    });
  }
  return MinuteLog.parse({ controlPointId, day, from, to: from + 1440 * MIN, limits: [], records });
}
