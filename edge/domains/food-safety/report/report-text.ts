import type {
  CorrectiveActionEscalation,
  CorrectiveActionState,
  Disposition,
  IntervalStatus,
  QuantityUnit,
} from '../../../../shared/api/food-safety';
import type { Bound } from '../../../../shared/config/food-safety';
import type { Locale, LocalizedText } from '../../../../shared/localized-text';

/** Every word the CSV and the PDF print, in both languages the product speaks. */
export interface ReportWords {
  title: string;
  store: string;
  range: string;
  timeZone: string;
  generatedAt: string;
  chainHead: string;
  page: (n: number, of: number) => string;
  controlPoint: string;
  equipment: string;
  limit: string;
  limitsInForce: string;
  clause: string;
  pack: string;
  alertDelay: string;
  recordEvery: string;
  day: string;
  minutesInDay: string;
  inLimitMin: string;
  excusedMin: string;
  outOfLimitMin: string;
  noDataMin: string;
  notYetMin: string;
  compliancePct: string;
  result: string;
  pass: string;
  fail: string;
  pending: string;
  daysPassed: string;
  daysFailed: string;
  excursionCount: string;
  openActionCount: string;
  summary: string;
  summaryNote: string;
  dailySummary: string;
  dailySummaryMinutes: string;
  inLimit: string;
  excused: string;
  outOfLimit: string;
  noData: string;
  excursions: string;
  noExcursions: string;
  excursion: string;
  started: string;
  ended: string;
  stillOpen: string;
  minutes: string;
  worst: string;
  correctiveActions: string;
  action: string;
  state: string;
  opened: string;
  due: string;
  escalation: string;
  whatDone: string;
  disposition: string;
  quantity: string;
  movedTo: string;
  note: string;
  signedBy: string;
  signedAt: string;
  alarm: string;
  ticket: string;
  notSigned: string;
  noAction: string;
  dueAt: string;
  what: string;
  minuteLog: string;
  start: string;
  end: string;
  status: string;
  minC: string;
  maxC: string;
  readings: string;
  excusedBy: string;
  limitC: string;
  recordSeq: string;
  chart: string;
  chartLegendWorst: string;
  chartLegendRange: string;
  chartLegendLimit: string;
  chartLegendExcursion: string;
  noRecords: string;
  statusOf: Record<IntervalStatus, string>;
  stateOf: Record<CorrectiveActionState, string>;
  escalationOf: Record<CorrectiveActionEscalation, string>;
  dispositionOf: Record<Disposition, string>;
  unitOf: Record<QuantityUnit, string>;
  boundOf: Record<Bound, string>;
  system: string;
  excursionSummary: (count: number, open: number) => string;
}

const EN: ReportWords = {
  title: 'Food safety records (HACCP)',
  store: 'Store',
  range: 'Period',
  timeZone: 'Times are local',
  generatedAt: 'Generated',
  chainHead: 'Record chain head',
  page: (n, of) => `Page ${n} of ${of}`,
  controlPoint: 'Control point',
  equipment: 'Equipment',
  limit: 'Critical limit',
  limitsInForce: 'Limits in force during the period',
  clause: 'Clause',
  pack: 'Standard',
  alertDelay: 'Alert delay',
  recordEvery: 'Recorded every',
  day: 'Day',
  minutesInDay: 'Minutes in day',
  inLimitMin: 'In limit (min)',
  excusedMin: 'Excused (min)',
  outOfLimitMin: 'Out of limit (min)',
  noDataMin: 'No data (min)',
  notYetMin: 'Still to come (min)',
  compliancePct: 'Compliance %',
  result: 'Result',
  pass: 'Pass',
  fail: 'Fail',
  pending: 'In progress',
  daysPassed: 'Days passed',
  daysFailed: 'Days failed',
  excursionCount: 'Excursions',
  openActionCount: 'Open actions',
  summary: 'Summary',
  summaryNote:
    'Compliance % = minutes in limit (excused minutes included) over the minutes of the day; a day fails on any excursion longer than the alert delay.',
  dailySummary: 'Daily compliance',
  dailySummaryMinutes: 'Daily compliance (minutes)',
  inLimit: 'In limit',
  excused: 'Excused',
  outOfLimit: 'Out of limit',
  noData: 'No data',
  excursions: 'Excursions and corrective actions',
  noExcursions: 'No excursion in this period.',
  excursion: 'Excursion',
  started: 'Started',
  ended: 'Ended',
  stillOpen: 'still out of limit',
  minutes: 'Minutes',
  worst: 'Worst °C',
  correctiveActions: 'Corrective actions',
  action: 'Action',
  state: 'State',
  opened: 'Opened',
  due: 'Due',
  escalation: 'Escalated to',
  whatDone: 'What was done',
  disposition: 'Product disposition',
  quantity: 'Quantity',
  movedTo: 'Moved to',
  note: 'Note',
  signedBy: 'Signed off by',
  signedAt: 'Signed at',
  alarm: 'Alarm',
  ticket: 'Repair ticket',
  notSigned: 'NOT SIGNED OFF',
  noAction: 'no corrective action recorded',
  dueAt: 'Due at',
  what: 'Check',
  minuteLog: 'Holding log',
  start: 'Start',
  end: 'End',
  status: 'Status',
  minC: 'Min °C',
  maxC: 'Max °C',
  readings: 'Readings',
  excusedBy: 'Excused by',
  limitC: 'Limit °C',
  recordSeq: 'Record seq',
  chart: 'Temperature',
  chartLegendWorst: 'worst reading per interval',
  chartLegendRange: 'min–max',
  chartLegendLimit: 'critical limit',
  chartLegendExcursion: 'excursion',
  noRecords: 'No record in this period.',
  statusOf: { in_limit: 'in limit', out_of_limit: 'OUT OF LIMIT', excused: 'excused', no_data: 'no data' },
  stateOf: { open: 'open', signed_off: 'signed off' },
  escalationOf: { none: '—', manager: 'manager', central: 'regional operations' },
  dispositionOf: {
    kept: 'kept',
    moved: 'moved',
    discarded: 'discarded',
    reheat_recool: 'reheated and re-cooled',
  },
  unitOf: { kg: 'kg', g: 'g', l: 'L', ml: 'mL', portion: 'portions', each: 'each' },
  boundOf: { at_most: '≤', at_least: '≥' },
  system: 'system',
  excursionSummary: (count, open) =>
    count === 0 ? 'no excursion' : `${count} excursion(s)${open > 0 ? `, ${open} action(s) open` : ''}`,
};

const ZH: ReportWords = {
  title: '食品安全记录（HACCP）',
  store: '门店',
  range: '期间',
  timeZone: '时间为当地时间',
  generatedAt: '生成时间',
  chainHead: '记录链头',
  page: (n, of) => `第 ${n} 页，共 ${of} 页`,
  controlPoint: '控制点',
  equipment: '设备',
  limit: '关键限值',
  limitsInForce: '期间内执行的限值',
  clause: '条款',
  pack: '标准',
  alertDelay: '报警延时',
  recordEvery: '记录间隔',
  day: '日期',
  minutesInDay: '当日分钟数',
  inLimitMin: '限值内（分钟）',
  excusedMin: '豁免（分钟）',
  outOfLimitMin: '超限（分钟）',
  noDataMin: '无数据（分钟）',
  notYetMin: '尚未到来（分钟）',
  compliancePct: '合规率 %',
  result: '结论',
  pass: '合格',
  fail: '不合格',
  pending: '进行中',
  daysPassed: '合格天数',
  daysFailed: '不合格天数',
  excursionCount: '超限次数',
  openActionCount: '未关闭措施',
  summary: '汇总',
  summaryNote:
    '合规率 = 限值内分钟数（含豁免分钟）÷ 当日分钟数；当日任何一次超过报警延时的超限即判为不合格。',
  dailySummary: '每日合规',
  dailySummaryMinutes: '每日合规（分钟）',
  inLimit: '限值内',
  excused: '豁免',
  outOfLimit: '超限',
  noData: '无数据',
  excursions: '超限事件及纠正措施',
  noExcursions: '本期间无超限事件。',
  excursion: '超限',
  started: '开始',
  ended: '结束',
  stillOpen: '仍在超限',
  minutes: '分钟',
  worst: '最差 °C',
  correctiveActions: '纠正措施',
  action: '措施',
  state: '状态',
  opened: '开立',
  due: '期限',
  escalation: '已上报',
  whatDone: '采取的措施',
  disposition: '产品处置',
  quantity: '数量',
  movedTo: '转移至',
  note: '备注',
  signedBy: '签核人',
  signedAt: '签核时间',
  alarm: '报警',
  ticket: '报修单',
  notSigned: '未签核',
  noAction: '无纠正措施记录',
  dueAt: '应检时间',
  what: '检查项',
  minuteLog: '温度记录',
  start: '开始',
  end: '结束',
  status: '状态',
  minC: '最低 °C',
  maxC: '最高 °C',
  readings: '读数个数',
  excusedBy: '豁免原因',
  limitC: '限值 °C',
  recordSeq: '记录序号',
  chart: '温度',
  chartLegendWorst: '每区间最差读数',
  chartLegendRange: '最低–最高',
  chartLegendLimit: '关键限值',
  chartLegendExcursion: '超限',
  noRecords: '本期间无记录。',
  statusOf: { in_limit: '限值内', out_of_limit: '超限', excused: '豁免', no_data: '无数据' },
  stateOf: { open: '未关闭', signed_off: '已签核' },
  escalationOf: { none: '—', manager: '经理', central: '区域运营' },
  dispositionOf: { kept: '保留', moved: '转移', discarded: '丢弃', reheat_recool: '重新加热并冷却' },
  unitOf: { kg: '千克', g: '克', l: '升', ml: '毫升', portion: '份', each: '个' },
  boundOf: { at_most: '≤', at_least: '≥' },
  system: '系统',
  excursionSummary: (count, open) =>
    count === 0 ? '无超限' : `${count} 次超限${open > 0 ? `，${open} 项措施未关闭` : ''}`,
};

export function wordsFor(lang: Locale): ReportWords {
  return lang === 'zh-CN' ? ZH : EN;
}

export function localized(text: LocalizedText, lang: Locale): string {
  return text[lang];
}

/** `4.5`, `-18`: hundredths as stored, without trailing zeros. */
export function celsius(value: number | null): string {
  return value === null ? '' : String(Math.round(value * 100) / 100);
}

/** `70.2` with one decimal always, so a column of them lines up. */
export function percent(value: number): string {
  return value.toFixed(1);
}
