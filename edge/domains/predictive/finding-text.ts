import type { LocalizedText } from '../../../shared/localized-text';
import { CAUSE_NAMES, type PredictiveCause } from '../../../shared/predictive/predictive-causes';
import type { TimeToLimitForecast } from '../../../shared/predictive/predictive-finding';

const fmt = (n: number) => (n < 10 ? n.toFixed(1) : Math.round(n).toString());

/** The one-line summary on the ticket, in both languages. */
export function findingSummary(
  cause: PredictiveCause,
  what: { en: string; 'zh-CN': string },
  forecast: TimeToLimitForecast | null,
  heating: boolean,
): LocalizedText {
  const name = CAUSE_NAMES[cause];
  const verbEn = heating ? 'falls below' : 'crosses';
  const verbZh = heating ? '低于' : '超过';
  const en = forecast
    ? `${name.en} suspected: ${what.en}. At the current trend it ${verbEn} ${forecast.limitC} °C sustained in about ${fmt(forecast.hours)} h (range ${fmt(forecast.lowHours)}–${fmt(forecast.highHours)} h).`
    : `${name.en} suspected: ${what.en}. The current trend does not reach the limit yet.`;
  const zh = forecast
    ? `疑似${name['zh-CN']}：${what['zh-CN']}。按当前趋势约 ${fmt(forecast.hours)} 小时（${fmt(forecast.lowHours)}–${fmt(forecast.highHours)} 小时）后持续${verbZh} ${forecast.limitC} °C。`
    : `疑似${name['zh-CN']}：${what['zh-CN']}。按当前趋势尚未到达限值。`;
  return { en, 'zh-CN': zh };
}

/** What moved, as a reader says it. */
export function changeText(cause: PredictiveCause, percent: number): { en: string; 'zh-CN': string } {
  const p = Math.round(Math.abs(percent));
  switch (cause) {
    case 'door_seal_leak':
      return {
        en: `the box warms ${p} % faster with the door shut and the compressor off`,
        'zh-CN': `关门且压缩机停机时箱体升温速度加快 ${p}%`,
      };
    case 'defrost_heater_failure':
      return {
        en: 'defrosts run to their time limit without the box warming as before',
        'zh-CN': '化霜运行至超时上限，且箱温未像以往那样回升',
      };
    case 'heating_element_weak':
      return { en: `the oil heats ${p} % slower than it used to`, 'zh-CN': `油温加热速度较以往下降 ${p}%` };
    default:
      return {
        en: `cooling capacity is down ${p} % from this unit's own baseline`,
        'zh-CN': `制冷能力较本机基线下降 ${p}%`,
      };
  }
}
