import type { TranslationsOf } from '../../../../shared/browser/i18n';
import type { enScorecard } from './en-scorecard';

/** 区域页的门店对比用语（在 zh-CN.ts 中挂为 `scorecard`）。 */
export const zhCNScorecard: TranslationsOf<typeof enScorecard> = {
  nav: '门店对比',
  title: '门店对比',
  hint: '各门店在所选期间的指标，与本区域营业中门店的中位数对比。▲ 优于中位数，▼ 差于中位数；未营业的门店照常显示，但不计入中位数。',
  period: '期间',
  periods: {
    d7: '近 7 天',
    d30: '近 30 天',
    d90: '近 90 天',
  },
  range: '{{from}} – {{to}}',
  store: '门店',
  units: '设备数',
  regionMedian: '{{region}}中位数（{{count}} 家营业中门店）',
  median: '中位数 {{value}}',
  none: '当前范围内还没有门店。',
  notOpen: '未营业：不计入中位数',
  trendTitle: '每周趋势：{{store}}',
  trendHint: '实线为本店，每周一个点；虚线为区域中位数。',
  chooseStore: '选择一家门店查看趋势。',
  better: '优于中位数',
  worse: '差于中位数',
  same: '与中位数持平',
  figures: {
    uptimePct: '设备可用率',
    alarmsPerUnit: '台均告警',
    ticketsPerUnit: '台均报修',
    mttrH: '平均修复时长',
    pmOnTimePct: '保养按时率',
    repairSpend: '维修费用',
    energyKwhPerDay: '日均用电',
    foodSafetyPct: '食品安全达标率',
  },
  definitions: {
    uptimePct:
      '设备台时中，既无未恢复的严重告警、也无未关闭的停用报修单的占比（告警从触发到恢复、停用报修从上报到验收都算停机）。',
    alarmsPerUnit: '期间内触发的告警数，按设备台数平均。',
    ticketsPerUnit: '期间内新开的报修单数，按设备台数平均。',
    mttrH: '期间内已修复的报修单，从开单到修复的平均小时数。',
    pmOnTimePct: '到期的预防性保养工单中，在宽限期结束前完成的占比。',
    repairSpend:
      '期间内完成的维修的费用，按每台设备计：每单按门店最后同步的金额（维修报价，否则按已付或价目表价格计算的所用配件）。',
    energyKwhPerDay: '门店总电表（计量最多的电能表）每天的千瓦时。',
    foodSafetyPct: '各控制点分钟数中，处于限值内（或已豁免）的占比。',
  },
  formats: {
    pct: '{{value}}%',
    perUnit: '{{value}}',
    hours: '{{value}} 小时',
    kwh: '{{value}} 千瓦时',
  },
  noData: {
    no_units: '未登记设备',
    nothing_in_period: '期间内无记录',
    not_synced: '未同步数据',
  },
  week: '{{date}} 当周',
  definitionsTitle: '各项指标的算法',
  repairSpendWhy:
    '门店主机版本较旧、未上传维修费用时，该期间若有维修，此项显示“未同步数据”，而不按零费用计算。',
  chartRange: '{{low}} – {{high}}',
  chartEmpty: '本期间无数据点',
};
