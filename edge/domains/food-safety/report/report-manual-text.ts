import type { TimeBatchState } from '../../../../shared/api/food-safety-time';
import type { Locale } from '../../../../shared/localized-text';

/** The words of the manual-check and time-as-control sections, in both languages the product speaks. */
export interface ManualWords {
  checks: string;
  noChecks: string;
  checksSummary: (due: number, done: number, missed: number, out: number) => string;
  due: string;
  check: string;
  result: string;
  missed: string;
  outOfLimit: string;
  inLimit: string;
  measuredBy: string;
  time: string;
  noTime: string;
  timeSummary: (count: number, failed: number) => string;
  batch: string;
  option: (hours: number) => string;
  startedAt: string;
  startC: string;
  discardBy: string;
  lastReading: string;
  outcome: string;
  stateOf: Record<TimeBatchState, string>;
}

const EN: ManualWords = {
  checks: 'Manual checks',
  noChecks: 'No manual check was due in this period.',
  checksSummary: (due, done, missed, out) =>
    `${due} due: ${done} done, ${missed} missed, ${out} out of limit (each out-of-limit value opened a corrective action).`,
  due: 'Due',
  check: 'Check',
  result: 'Result',
  missed: 'MISSED',
  outOfLimit: 'OUT OF LIMIT',
  inLimit: 'in limit',
  measuredBy: 'Measured by',
  time: 'Time as the public health control',
  noTime: 'No food was held under time as the control in this period.',
  timeSummary: (count, failed) =>
    `${count} batch(es); ${failed} expired or ran too warm and were to be discarded.`,
  batch: 'Batch',
  option: (hours) => `${hours} h`,
  startedAt: 'Out of temperature control',
  startC: 'at',
  discardBy: 'Served or discarded by',
  lastReading: 'Last reading',
  outcome: 'Outcome',
  stateOf: {
    holding: 'still held',
    served: 'served',
    discarded: 'discarded',
    expired: 'EXPIRED',
    too_warm: 'TOO WARM',
  },
};

const ZH: ManualWords = {
  checks: '人工检查',
  noChecks: '本期间没有到期的人工检查。',
  checksSummary: (due, done, missed, out) =>
    `到期 ${due} 次：完成 ${done} 次，漏检 ${missed} 次，超限 ${out} 次（每次超限均已开启纠正措施）。`,
  due: '到期时间',
  check: '检查项',
  result: '结果',
  missed: '漏检',
  outOfLimit: '超出限值',
  inLimit: '符合限值',
  measuredBy: '检查人',
  time: '以时间作为公共卫生控制',
  noTime: '本期间没有以时间作为控制保存的食品。',
  timeSummary: (count, failed) => `共 ${count} 批；其中 ${failed} 批超时或温度过高，须丢弃。`,
  batch: '批次',
  option: (hours) => `${hours} 小时`,
  startedAt: '脱离温度控制',
  startC: '温度',
  discardBy: '须售出或丢弃于',
  lastReading: '最近读数',
  outcome: '结果',
  stateOf: {
    holding: '仍在保存',
    served: '已售出',
    discarded: '已丢弃',
    expired: '已超时',
    too_warm: '温度过高',
  },
};

export function manualWordsFor(lang: Locale): ManualWords {
  return lang === 'zh-CN' ? ZH : EN;
}
