import type { ProblemCategory } from '../../../shared/api/tickets';
import type { LocalizedText } from '../../../shared/localized-text';
import { CAUSE_NAMES, type PredictiveCause } from '../../../shared/predictive/predictive-causes';
import type {
  FeatureEvidence,
  PredictiveFeature,
  PredictiveFinding,
} from '../../../shared/predictive/predictive-finding';

interface FeatureLabel {
  en: string;
  zh: string;
  unit: string;
  /** Shown as a percentage (a share of time). */
  percent?: boolean;
}

const FEATURE_LABELS: Readonly<Record<PredictiveFeature, FeatureLabel>> = {
  duty_cycle: { en: 'compressor/element duty', zh: '压缩机/加热管运行占比', unit: '%', percent: true },
  cycles_per_h: { en: 'cycles per hour', zh: '每小时启停次数', unit: '/h' },
  pull_down_c_per_h: { en: 'pull-down rate', zh: '降温速率', unit: '°C/h' },
  warm_up_c_per_h: { en: 'warm-up with the door shut', zh: '关门停机升温速率', unit: '°C/h' },
  capacity_c_per_h: { en: 'cooling/heating capacity', zh: '制冷/加热能力', unit: '°C/h' },
  defrost_duration_min: { en: 'defrost duration', zh: '化霜时长', unit: 'min' },
  defrost_rise_c_per_h: { en: 'warming during defrost', zh: '化霜期间升温速率', unit: '°C/h' },
  defrost_recovery_min: { en: 'recovery after defrost', zh: '化霜后恢复时间', unit: 'min' },
  box_temp_over_setpoint_c: { en: 'temperature above its usual', zh: '温度高于平时', unit: '°C' },
  time_to_temperature_min: { en: 'time to temperature', zh: '升至工作温度时间', unit: 'min' },
  recovery_after_load_min: { en: 'recovery after a load', zh: '投料后恢复时间', unit: 'min' },
  running_power_w: { en: 'compressor power while running', zh: '压缩机运行功率', unit: 'W' },
};

const CATEGORY_OF: Readonly<Record<PredictiveCause, ProblemCategory>> = {
  condenser_fouling: 'not_cooling',
  refrigerant_loss: 'not_cooling',
  door_seal_leak: 'door_or_seal',
  defrost_heater_failure: 'not_cooling',
  heating_element_weak: 'not_heating',
};

export function categoryOfCause(cause: PredictiveCause): ProblemCategory {
  return CATEGORY_OF[cause];
}

const num = (value: number, label: FeatureLabel): string => {
  const v = label.percent ? value * 100 : value;
  return Math.abs(v) >= 10 ? v.toFixed(0) : v.toFixed(1);
};

/** "capacity 4.1 °C/h (usual 4.6 ± 0.2, z −2.5)" in one language. */
function evidenceLine(e: FeatureEvidence, lang: 'en' | 'zh'): string {
  const label = FEATURE_LABELS[e.feature];
  const unit = label.unit === '%' ? ' %' : ` ${label.unit}`;
  const z = e.zScore.toFixed(1).replace('-', '−');
  return lang === 'en'
    ? `${label.en} ${num(e.current, label)}${unit} (usual ${num(e.baselineMean, label)} ± ${num(e.baselineSd, label)}, z ${z})`
    : `${label.zh} ${num(e.current, label)}${unit}（平时 ${num(e.baselineMean, label)} ± ${num(e.baselineSd, label)}，z ${z}）`;
}

/** The ticket's title: what is wearing out and, when known, how long until the limit. */
export function predictiveTicketTitle(finding: PredictiveFinding): LocalizedText {
  const name = CAUSE_NAMES[finding.cause];
  const f = finding.forecast;
  const hours = f ? Math.round(f.hours) : undefined;
  return {
    en: `Predicted: ${name.en} suspected${hours !== undefined ? ` — limit in about ${hours} h` : ''}`,
    'zh-CN': `预测性维护：疑似${name['zh-CN']}${hours !== undefined ? `，约 ${hours} 小时后超限` : ''}`,
  };
}

/**
 * The ticket's description, both languages one after the other (a ticket's note is one
 * text): the summary with its forecast, the evidence behind it, other possible causes and
 * what to do. It also says that no food was out of its limit: this is a warning ahead.
 */
export function predictiveTicketNote(finding: PredictiveFinding): string {
  const shown = finding.evidence.slice(0, 5);
  const also = finding.alsoPossible.map((c) => CAUSE_NAMES[c]);
  const en = [
    finding.summary.en,
    `Evidence: ${shown.map((e) => evidenceLine(e, 'en')).join('; ')}.`,
    ...(also.length ? [`Also possible: ${also.map((n) => n.en.toLowerCase()).join(', ')}.`] : []),
    `Suggested action: ${finding.suggestedAction.en}`,
    'A prediction from the unit’s own trend: no food-safety limit has been crossed yet.',
  ];
  const zh = [
    finding.summary['zh-CN'],
    `依据：${shown.map((e) => evidenceLine(e, 'zh')).join('；')}。`,
    ...(also.length ? [`也可能是：${also.map((n) => n['zh-CN']).join('、')}。`] : []),
    `建议措施：${finding.suggestedAction['zh-CN']}`,
    '这是根据本机自身趋势作出的预测：目前尚未超出食品安全限值。',
  ];
  return [...en, '', ...zh].join('\n');
}
