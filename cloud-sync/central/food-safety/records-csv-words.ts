import type {
  CoolingStageResult,
  CoolingState,
  CorrectiveActionState,
  Disposition,
  QuantityUnit,
} from '../../../shared/api/food-safety';
import type { Locale } from '../../../shared/localized-text';

/** Every word of central's food-safety CSV, in both languages regional operations read. */
export interface RecordsWords {
  title: string;
  notice: string;
  store: string;
  region: string;
  range: string;
  times: (offset: string) => string;
  generatedAt: string;
  chainHead: string;
  noChainHead: string;
  days: string;
  controlPoint: string;
  equipment: string;
  day: string;
  minutesInDay: string;
  inLimitMin: string;
  excusedMin: string;
  outOfLimitMin: string;
  noDataMin: string;
  compliancePct: string;
  result: string;
  pass: string;
  fail: string;
  excursionCount: string;
  missedChecks: string;
  excursions: string;
  excursion: string;
  started: string;
  ended: string;
  stillOpen: string;
  minutes: string;
  worst: string;
  limit: string;
  actions: string;
  action: string;
  state: string;
  opened: string;
  due: string;
  whatDone: string;
  disposition: string;
  quantity: string;
  movedTo: string;
  note: string;
  signedBy: string;
  signedAt: string;
  cooling: string;
  batch: string;
  product: string;
  probe: string;
  t0: string;
  stage: (n: number) => string;
  deadline: string;
  when: string;
  stateOf: Record<CorrectiveActionState, string>;
  coolingStateOf: Record<CoolingState, string>;
  stageOf: Record<CoolingStageResult, string>;
  dispositionOf: Record<Disposition, string>;
  unitOf: Record<QuantityUnit, string>;
}

const EN: RecordsWords = {
  title: 'Food safety records held by central',
  notice:
    'What the store has synced to central: daily compliance, excursions, corrective actions and cooling batches. The store’s own report (GET /api/food-safety/report on the store’s box) adds the minute log and the chart.',
  store: 'Store',
  region: 'Region',
  range: 'Period',
  times: (offset) => `Times are store-local (${offset})`,
  generatedAt: 'Generated',
  chainHead: 'Record chain head at central',
  noChainHead: 'none received',
  days: 'Daily compliance',
  controlPoint: 'Control point',
  equipment: 'Equipment',
  day: 'Day',
  minutesInDay: 'Minutes in day',
  inLimitMin: 'In limit (min)',
  excusedMin: 'Excused (min)',
  outOfLimitMin: 'Out of limit (min)',
  noDataMin: 'No data (min)',
  compliancePct: 'Compliance %',
  result: 'Result',
  pass: 'Pass',
  fail: 'Fail',
  excursionCount: 'Excursions',
  missedChecks: 'Missed checks',
  excursions: 'Excursions',
  excursion: 'Excursion',
  started: 'Started',
  ended: 'Ended',
  stillOpen: 'still out of limit',
  minutes: 'Minutes',
  worst: 'Worst °C',
  limit: 'Critical limit',
  actions: 'Corrective actions',
  action: 'Action',
  state: 'State',
  opened: 'Opened',
  due: 'Due',
  whatDone: 'What was done',
  disposition: 'Product disposition',
  quantity: 'Quantity',
  movedTo: 'Moved to',
  note: 'Note',
  signedBy: 'Signed off by',
  signedAt: 'Signed off at',
  cooling: 'Cooling batches',
  batch: 'Batch',
  product: 'Product',
  probe: 'Probe',
  t0: 'Cooling from (t0)',
  stage: (n) => `Stage ${n}`,
  deadline: 'deadline',
  when: 'at',
  stateOf: { open: 'open', signed_off: 'signed off' },
  coolingStateOf: {
    waiting: 'waiting for t0',
    cooling: 'cooling',
    passed: 'passed',
    failed: 'failed',
    discarded: 'discarded',
  },
  stageOf: { pending: 'pending', passed: 'PASS', failed: 'FAIL', skipped: 'not judged' },
  dispositionOf: {
    kept: 'kept',
    moved: 'moved',
    discarded: 'discarded',
    reheat_recool: 'reheated and re-cooled',
  },
  unitOf: { kg: 'kg', g: 'g', l: 'L', ml: 'mL', portion: 'portions', each: 'each' },
};

const ZH: RecordsWords = {
  title: '总部留存的食品安全记录',
  notice:
    '门店已同步到总部的内容：每日合规、超限事件、纠正措施和冷却批次。门店自身的报告（门店主机上的 GET /api/food-safety/report）另含分钟记录和温度图。',
  store: '门店',
  region: '区域',
  range: '期间',
  times: (offset) => `时间为门店当地时间（${offset}）`,
  generatedAt: '生成时间',
  chainHead: '总部收到的记录链头',
  noChainHead: '未收到',
  days: '每日合规',
  controlPoint: '控制点',
  equipment: '设备',
  day: '日期',
  minutesInDay: '当日分钟数',
  inLimitMin: '限值内（分钟）',
  excusedMin: '豁免（分钟）',
  outOfLimitMin: '超限（分钟）',
  noDataMin: '无数据（分钟）',
  compliancePct: '合规率 %',
  result: '结论',
  pass: '合格',
  fail: '不合格',
  excursionCount: '超限次数',
  missedChecks: '漏检',
  excursions: '超限事件',
  excursion: '超限',
  started: '开始',
  ended: '结束',
  stillOpen: '仍超限',
  minutes: '分钟',
  worst: '最差 °C',
  limit: '关键限值',
  actions: '纠正措施',
  action: '措施',
  state: '状态',
  opened: '开启',
  due: '到期',
  whatDone: '已采取的措施',
  disposition: '产品处置',
  quantity: '数量',
  movedTo: '转移至',
  note: '备注',
  signedBy: '签核人',
  signedAt: '签核时间',
  cooling: '冷却批次',
  batch: '批次',
  product: '产品',
  probe: '探头',
  t0: '冷却起点 (t0)',
  stage: (n) => `第 ${n} 阶段`,
  deadline: '截止',
  when: '时间',
  stateOf: { open: '未关闭', signed_off: '已签核' },
  coolingStateOf: {
    waiting: '等待起点',
    cooling: '冷却中',
    passed: '合格',
    failed: '不合格',
    discarded: '已丢弃',
  },
  stageOf: { pending: '进行中', passed: '合格', failed: '不合格', skipped: '未判定' },
  dispositionOf: { kept: '保留', moved: '转移', discarded: '丢弃', reheat_recool: '重新加热并冷却' },
  unitOf: { kg: '千克', g: '克', l: '升', ml: '毫升', portion: '份', each: '个' },
};

export function recordsWordsFor(lang: Locale): RecordsWords {
  return lang === 'zh-CN' ? ZH : EN;
}
