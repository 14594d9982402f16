import type {
  ChainHeadEvent,
  ControlPointView,
  CorrectiveActionView,
  DailyCompliance,
  ExcursionView,
  IntervalRecordView,
  IntervalStatus,
  LimitRecordView,
  MinuteLog,
} from '../../../../../shared/api/food-safety';
import type { CheckRecordView } from '../../../../../shared/api/food-safety-checks';
import type { Bound } from '../../../../../shared/config/food-safety';
import type { LocalizedText } from '../../../../../shared/localized-text';
import { localDayOf } from '../../../maintenance-metrics/local-day';
import type { FoodSafetyReportSource, ReportRange, ReportStore } from '../report-source';

const MIN = 60_000;
const TZ = 'Asia/Shanghai';
/** Shanghai wall time → epoch ms (no DST there). */
export const local = (text: string): number => Date.parse(`${text.replace(' ', 'T')}:00+08:00`);

export const FIXTURE_STORE: ReportStore = {
  id: 'test-sh-009',
  name: { en: 'Test Kitchen Xuhui', 'zh-CN': '测试厨房 徐汇' },
  timeZone: TZ,
};
/** Three whole store days, 1–3 November 2026. */
export const FIXTURE_RANGE: ReportRange = { from: local('2026-11-01 00:00'), to: local('2026-11-04 00:00') };
export const FIXTURE_NOW = local('2026-11-04 09:30');
export const PEOPLE: Record<string, string> = { 'mgr-1': '王丽', 'admin-1': 'Chen Jing' };

interface PointSpec {
  id: string;
  name: LocalizedText;
  equipmentId: string;
  bound: Bound;
  /** the limit, and from when a stricter one applies */
  limits: { from: number; limitC: number }[];
  baseC: number;
  /** stretches with a given reading, status and excuse */
  episodes: { from: number; to: number; valueC: number | null; excusedBy?: string }[];
}

const POINTS: PointSpec[] = [
  {
    id: 'wic-1',
    name: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' },
    equipmentId: 'wic-1',
    bound: 'at_most',
    // The chain's standard tightened to 4 °C at noon on the 2nd: a limit change mid-range.
    limits: [
      { from: FIXTURE_RANGE.from, limitC: 5 },
      { from: local('2026-11-02 12:00'), limitC: 4 },
    ],
    baseC: 3,
    episodes: [
      { from: local('2026-11-01 14:00'), to: local('2026-11-01 15:10'), valueC: 9.3 },
      // Still out of limit when the range ends: its excursion is open, its action too.
      { from: local('2026-11-03 23:15'), to: FIXTURE_RANGE.to, valueC: 6.1 },
    ],
  },
  {
    id: 'hot-1',
    name: { en: 'Hot holding cabinet', 'zh-CN': '保温柜' },
    equipmentId: 'hhc-1',
    bound: 'at_least',
    limits: [{ from: FIXTURE_RANGE.from, limitC: 60 }],
    baseC: 68,
    episodes: [{ from: local('2026-11-02 11:30'), to: local('2026-11-02 12:15'), valueC: 52.4 }],
  },
  {
    id: 'frz-1',
    name: { en: 'Freezer', 'zh-CN': '冷冻柜' },
    equipmentId: 'frz-1',
    bound: 'at_most',
    limits: [{ from: FIXTURE_RANGE.from, limitC: -18 }],
    baseC: -21,
    episodes: [
      {
        from: local('2026-11-01 04:00'),
        to: local('2026-11-01 04:20'),
        valueC: -12,
        excusedBy: 'defrost_on',
      },
      { from: local('2026-11-02 08:00'), to: local('2026-11-02 10:00'), valueC: null },
    ],
  },
];

/**
 * A known history behind the report: three control points over three days of minute
 * records, three excursions (one still open at the end), corrective actions signed off
 * and open, a limit tightened mid-range, an excused defrost and two hours without data.
 */
export function fixtureSource(): FoodSafetyReportSource & { all: Map<string, IntervalRecordView[]> } {
  let seq = 0;
  const limitRecords = new Map<string, LimitRecordView[]>();
  for (const p of POINTS)
    limitRecords.set(
      p.id,
      p.limits.map((l) => ({
        seq: ++seq,
        controlPointId: p.id,
        equipmentId: p.equipmentId,
        metric: 'temp_c',
        pack: p.limits.length > 1 ? 'chain-standard' : 'gb-31654',
        packEdition: p.limits.length > 1 ? '2026-rev2' : 'GB 31654-2021',
        authority: p.limits.length > 1 ? 'company_standard' : 'regulation',
        limitId: `${p.id}-holding`,
        clause: '4.5.2',
        bound: p.bound,
        limitC: l.limitC,
        alertDelayMin: 30,
        recordEveryMin: 1,
        recordedAt: l.from,
      })),
    );
  const all = new Map<string, IntervalRecordView[]>(POINTS.map((p) => [p.id, []]));
  for (let t = FIXTURE_RANGE.from; t < FIXTURE_RANGE.to; t += MIN)
    for (const p of POINTS) {
      const limits = limitRecords.get(p.id) ?? [];
      const limit = [...limits].reverse().find((l) => l.recordedAt <= t) ?? limits[0];
      if (!limit) continue;
      const episode = p.episodes.find((e) => t >= e.from && t < e.to);
      const valueC = episode ? episode.valueC : p.baseC + ((t / MIN) % 7) / 10;
      const out = valueC !== null && (p.bound === 'at_most' ? valueC > limit.limitC : valueC < limit.limitC);
      const status: IntervalStatus =
        valueC === null
          ? 'no_data'
          : out && episode?.excusedBy
            ? 'excused'
            : out
              ? 'out_of_limit'
              : 'in_limit';
      all.get(p.id)?.push({
        seq: ++seq,
        startTs: t,
        endTs: t + MIN,
        status,
        valueC: valueC === null ? null : Math.round(valueC * 100) / 100,
        minC: valueC === null ? null : Math.round((valueC - 0.2) * 100) / 100,
        maxC: valueC === null ? null : Math.round((valueC + 0.1) * 100) / 100,
        readings: valueC === null ? 0 : 6,
        excusedBy: status === 'excused' ? (episode?.excusedBy ?? null) : null,
        limitSeq: limit.seq,
      });
    }

  const excursions: ExcursionView[] = POINTS.flatMap((p) =>
    p.episodes
      .filter((e) => e.valueC !== null && e.excusedBy === undefined)
      .map((e, i) => {
        const limits = limitRecords.get(p.id) ?? [];
        const limit = [...limits].reverse().find((l) => l.recordedAt <= e.from) ?? limits[0];
        const limitC = limit?.limitC ?? 0;
        const still = p.id === 'wic-1' && i === 1;
        return {
          id: 1000 + POINTS.indexOf(p) * 10 + i,
          controlPointId: p.id,
          equipmentId: p.equipmentId,
          startedAt: e.from,
          endedAt: still ? null : e.to,
          minutes: Math.round((e.to - e.from) / MIN),
          worstC: e.valueC,
          limitSeq: limit?.seq ?? 1,
          bound: p.bound,
          limitC,
          alertDelayMin: 30,
          title: {
            en: `${p.name.en} ${p.bound === 'at_most' ? 'above' : 'below'} ${limitC} °C for more than 30 min`,
            'zh-CN': `${p.name['zh-CN']}${p.bound === 'at_most' ? '高于' : '低于'} ${limitC} °C 超过 30 分钟`,
          },
        };
      }),
  );

  const action = (
    e: ExcursionView,
    signed: Partial<CorrectiveActionView> | null,
    extra: Partial<CorrectiveActionView> = {},
  ): CorrectiveActionView => ({
    id: e.id + 1,
    seq: e.id + (signed ? 3 : 1),
    amends: signed ? e.id + 1 : null,
    change: signed ? 'signed_off' : 'opened',
    controlPointId: e.controlPointId,
    equipmentId: e.equipmentId,
    excursionId: e.id,
    alarmId: 7,
    ticketId: signed ? 42 : null,
    state: signed ? 'signed_off' : 'open',
    title: { en: `Corrective action: ${e.title.en}`, 'zh-CN': `纠正措施：${e.title['zh-CN']}` },
    openedAt: e.startedAt + 30 * MIN,
    dueAt: e.startedAt + 150 * MIN,
    escalation: 'none',
    whatDone: null,
    disposition: null,
    quantity: null,
    movedTo: null,
    note: null,
    by: null,
    at: e.startedAt + 30 * MIN,
    ...(signed ?? {}),
    ...extra,
  });
  const [wicFirst, wicSecond, hot] = [
    excursions.find((e) => e.controlPointId === 'wic-1' && e.endedAt !== null),
    excursions.find((e) => e.controlPointId === 'wic-1' && e.endedAt === null),
    excursions.find((e) => e.controlPointId === 'hot-1'),
  ];
  if (!wicFirst || !wicSecond || !hot) throw new Error('fixture excursions missing');
  const actions: CorrectiveActionView[] = [
    action(wicFirst, {
      whatDone: 'Door seal replaced; product probed at 8.9 °C',
      disposition: 'discarded',
      quantity: { amount: 12.5, unit: 'kg' },
      by: 'mgr-1',
      at: local('2026-11-01 16:05'),
    }),
    action(
      hot,
      {
        whatDone: '重新加热至 75 °C',
        disposition: 'moved',
        quantity: { amount: 14, unit: 'portion' },
        movedTo: 'hot-2',
        note: 'Reheated to 75 °C, "core" checked',
        by: 'admin-1',
        at: local('2026-11-02 13:00'),
      },
      { escalation: 'manager' },
    ),
    action(wicSecond, null, { note: '=1+1 typed by someone' }),
  ];

  // The hot cabinet's afternoon probe: done in limit on the 1st, missed on the 2nd.
  const probeCheck = {
    checkId: 'hot-probe',
    title: { en: 'Core temperature probe check', 'zh-CN': '中心温度探针检查' },
    equipmentId: 'hhc-1',
    pack: 'galley-company-standard',
    packEdition: '2026-01',
    limitId: 'hot-holding-probe',
    clause: 'GCS-4',
    measure: { kind: 'temperature' as const, bound: 'at_least' as const, tempC: 63 },
    actionId: null,
    note: null,
  };
  const checks: CheckRecordView[] = [
    {
      ...probeCheck,
      id: seq + 50,
      slotAt: local('2026-11-01 14:00'),
      closesAt: local('2026-11-01 15:00'),
      status: 'done',
      valueC: 68.5,
      inLimit: true,
      by: 'cook-1',
      at: local('2026-11-01 14:07'),
    },
    {
      ...probeCheck,
      id: seq + 51,
      slotAt: local('2026-11-02 14:00'),
      closesAt: local('2026-11-02 15:00'),
      status: 'missed',
      valueC: null,
      inLimit: null,
      by: 'system',
      at: local('2026-11-02 15:00'),
    },
  ];
  const headSeq = seq + 100;

  const views: ControlPointView[] = POINTS.map((p) => {
    const limits = limitRecords.get(p.id) ?? [];
    const current = limits[limits.length - 1];
    return {
      id: p.id,
      name: p.name,
      equipmentId: p.equipmentId,
      metric: 'temp_c',
      pack: {
        id: current?.pack ?? 'gb-31654',
        title: { en: 'Food safety standard for catering', 'zh-CN': '餐饮服务通用卫生规范' },
        authority: current?.authority ?? 'regulation',
        edition: current?.packEdition ?? '',
      },
      limit: {
        id: `${p.id}-holding`,
        title: { en: 'Holding temperature', 'zh-CN': '储存温度' },
        bound: p.bound,
        limitC: current?.limitC ?? 0,
        clause: { ref: '4.5.2', title: { en: 'Temperature control', 'zh-CN': '温度控制' }, quote: '…' },
      },
      alertDelayMin: 30,
      recordEveryMin: 1,
      excusedWhile: p.id === 'frz-1' ? ['defrost_on'] : [],
      lastRecord: null,
      openExcursion: null,
    };
  });

  const dayLog = (controlPointId: string, day: string): MinuteLog => {
    const bounds = localDayOf(local(`${day} 12:00`), TZ);
    const records = (all.get(controlPointId) ?? []).filter(
      (r) => r.startTs >= bounds.start && r.startTs < bounds.end,
    );
    const seqs = new Set(records.map((r) => r.limitSeq));
    return {
      controlPointId,
      day,
      from: bounds.start,
      to: bounds.end,
      limits: (limitRecords.get(controlPointId) ?? []).filter((l) => seqs.has(l.seq)),
      records,
    };
  };

  return {
    all,
    store: () => FIXTURE_STORE,
    controlPoints: () => views,
    minuteLog: dayLog,
    compliance: (controlPointId, day) => fixtureCompliance(dayLog(controlPointId, day), excursions),
    excursions: (range) =>
      excursions.filter((e) => e.startedAt < range.to && (e.endedAt === null || e.endedAt > range.from)),
    correctiveActions: () => actions,
    checkRecords: (range) => checks.filter((c) => c.slotAt >= range.from && c.slotAt < range.to),
    chainHead: (): ChainHeadEvent => ({
      seq: headSeq,
      hash: 'ab12cd34ef56'.padEnd(64, '0'),
      at: FIXTURE_NOW - MIN,
    }),
    personName: (id) => PEOPLE[id],
  };
}

/** What the service computes for a day, from the same records; whole past days only. */
function fixtureCompliance(log: MinuteLog, excursions: readonly ExcursionView[]): DailyCompliance {
  const sums: Record<IntervalStatus, number> = { in_limit: 0, out_of_limit: 0, excused: 0, no_data: 0 };
  for (const r of log.records) sums[r.status] += 1;
  const minutesInDay = Math.round((log.to - log.from) / MIN);
  const mine = excursions.filter(
    (e) =>
      e.controlPointId === log.controlPointId && e.startedAt < log.to && (e.endedAt ?? log.to) > log.from,
  );
  const pct = Math.round(((sums.in_limit + sums.excused) / minutesInDay) * 1000) / 10;
  return {
    controlPointId: log.controlPointId,
    day: log.day,
    from: log.from,
    to: log.to,
    minutesInDay,
    inLimitMin: sums.in_limit,
    excusedMin: sums.excused,
    outOfLimitMin: sums.out_of_limit,
    noDataMin: sums.no_data,
    notYetMin: 0,
    compliancePct: pct,
    pass: mine.length === 0,
    excursions: mine,
    verdict: { en: mine.length === 0 ? 'Pass' : 'Fail', 'zh-CN': mine.length === 0 ? '合格' : '不合格' },
  };
}
