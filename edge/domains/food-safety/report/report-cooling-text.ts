import type { CoolingStageResult, CoolingState } from '../../../../shared/api/food-safety';
import type { Locale } from '../../../../shared/localized-text';

/** The words of the cooling section, in both languages the product speaks. */
export interface CoolingWords {
  cooling: string;
  noBatches: string;
  batch: string;
  product: string;
  quantity: string;
  probe: string;
  started: string;
  t0: string;
  notYetHot: string;
  stage: (n: number) => string;
  stageTarget: (toC: string, withinMin: number) => string;
  deadline: string;
  reachedAt: string;
  failedAt: string;
  temperature: string;
  warned: string;
  state: string;
  stateOf: Record<CoolingState, string>;
  resultOf: Record<CoolingStageResult, string>;
  recordedBy: string;
  when: string;
  clause: string;
  summary: (count: number, failed: number) => string;
}

const EN: CoolingWords = {
  cooling: 'Cooling logs',
  noBatches: 'No cooling batch was started in this period.',
  batch: 'Batch',
  product: 'Product',
  quantity: 'Quantity',
  probe: 'Probe',
  started: 'Started',
  t0: 'Cooling from (t0)',
  notYetHot: 'never reached the start temperature',
  stage: (n) => `Stage ${n}`,
  stageTarget: (toC, withinMin) => `≤ ${toC} °C within ${formatMinutes(withinMin)}`,
  deadline: 'deadline',
  reachedAt: 'reached',
  failedAt: 'missed at',
  temperature: 'temperature',
  warned: 'projected miss warned',
  state: 'State',
  stateOf: {
    waiting: 'waiting for t0',
    cooling: 'cooling',
    passed: 'passed',
    failed: 'failed',
    discarded: 'discarded',
  },
  resultOf: { pending: 'pending', passed: 'PASS', failed: 'FAIL', skipped: 'not judged' },
  recordedBy: 'Last recorded by',
  when: 'at',
  clause: 'Limit',
  summary: (count, failed) => (count === 0 ? 'no batches' : `${count} batch(es), ${failed} missed a stage`),
};

const ZH: CoolingWords = {
  cooling: '冷却记录',
  noBatches: '本期间未开始冷却批次。',
  batch: '批次',
  product: '产品',
  quantity: '数量',
  probe: '探头',
  started: '开始',
  t0: '冷却起点 (t0)',
  notYetHot: '未达到起始温度',
  stage: (n) => `第 ${n} 阶段`,
  stageTarget: (toC, withinMin) => `${formatMinutes(withinMin, 'zh-CN')}内降至 ≤ ${toC} °C`,
  deadline: '截止',
  reachedAt: '达到',
  failedAt: '未达标于',
  temperature: '温度',
  warned: '预计超时已提醒',
  state: '状态',
  stateOf: { waiting: '等待起点', cooling: '冷却中', passed: '合格', failed: '不合格', discarded: '已丢弃' },
  resultOf: { pending: '进行中', passed: '合格', failed: '不合格', skipped: '未判定' },
  recordedBy: '最后记录人',
  when: '时间',
  clause: '限值',
  summary: (count, failed) => (count === 0 ? '无批次' : `${count} 个批次，${failed} 个未达标`),
};

/** `2 h`, `1 h 30 min`, `45 min`; `2 小时` in Chinese. */
export function formatMinutes(minutes: number, lang: Locale = 'en'): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (lang === 'zh-CN') return [h > 0 ? `${h} 小时` : '', m > 0 ? `${m} 分钟` : ''].join(' ').trim();
  return [h > 0 ? `${h} h` : '', m > 0 ? `${m} min` : ''].join(' ').trim();
}

export function coolingWordsFor(lang: Locale): CoolingWords {
  return lang === 'zh-CN' ? ZH : EN;
}
