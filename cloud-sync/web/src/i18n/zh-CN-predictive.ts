import type { TranslationsOf } from '../../../../shared/browser/i18n';
import type { enPredictive } from './en-predictive';

/** 区域页的预测维护面板用语（在 zh-CN.ts 中挂为 `predictive`）。 */
export const zhCNPredictive: TranslationsOf<typeof enPredictive> = {
  nav: '预测维护',
  title: '风险设备',
  hint: '各门店最近上报的被监测冷库、冷柜和炸炉：状态、疑似原因、距超限时间、风险（0–100）与涉及金额（今年继续使用的成本）。',
  byRisk: '按风险排序',
  byMoney: '按涉及金额排序',
  none: '尚无门店上报被监测的设备。',
  shown: '共 {{total}} 台，显示 {{shown}} 台',
  store: '门店',
  equipment: '设备',
  state: '状态',
  cause: '疑似原因',
  forecast: '距超限',
  risk: '风险',
  money: '涉及金额',
  advice: '维修或更换',
  forecastRange: '约 {{hours}} 小时（{{low}}–{{high}} 小时）',
  noForecast: '—',
  noCause: '—',
  noAdvice: '资产信息不全',
  states: {
    learning: '学习中',
    normal: '正常',
    drifting: '偏移中',
    finding: '已发现',
  },
  advices: {
    repair: '维修',
    replace: '更换',
    watch: '观察',
  },
};
