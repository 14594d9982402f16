import type { RulePackInput } from '../../config/food-safety';

/**
 * The chain's own standard, which the demo store's control points use: the limits its
 * alarm rules already hold (cold ≤ 5 °C, frozen ≤ −15 °C, hot holding ≥ 63 °C). It is
 * a company standard and says so; it claims no regulation.
 */
export const companyStandardPack: RulePackInput = {
  id: 'galley-company-standard',
  title: { en: 'Galley company food-safety standard', 'zh-CN': 'Galley 企业食品安全标准' },
  authority: 'company_standard',
  source: {
    document: 'Galley company food-safety standard (demo)',
    edition: '2026-01',
    issuer: 'Galley demo restaurant group, food-safety team',
  },
  clauses: [
    {
      ref: 'GCS-1',
      title: { en: 'Cold holding', 'zh-CN': '冷藏保存' },
      quote:
        'Company standard, not a regulation: chilled food is held at 5 °C or below; a unit out of limit for more than 30 minutes is an excursion that needs a corrective action.',
    },
    {
      ref: 'GCS-2',
      title: { en: 'Frozen holding', 'zh-CN': '冷冻保存' },
      quote:
        'Company standard, not a regulation: frozen food is held at −15 °C or below; a unit out of limit for more than 30 minutes is an excursion that needs a corrective action.',
    },
    {
      ref: 'GCS-3',
      title: { en: 'Hot holding', 'zh-CN': '热保温' },
      quote:
        'Company standard, not a regulation: hot food is held at 63 °C or above; a unit out of limit for more than 30 minutes is an excursion that needs a corrective action.',
    },
    {
      ref: 'GCS-4',
      title: { en: 'Hot-held food probed by hand', 'zh-CN': '热保温食品人工探温' },
      quote:
        'Company standard, not a regulation: every hot-held product is probed by hand in its thickest part at least 2 times a day and must read 63 °C or above; a lower reading needs a corrective action.',
    },
    {
      ref: 'GCS-5',
      title: { en: 'Probe thermometers verified', 'zh-CN': '探针温度计校验' },
      quote:
        'Company standard, not a regulation: each probe thermometer is verified in ice water at least 1 time a day and must read within 1 °C of 0 °C; one that does not is taken out of use and replaced.',
    },
  ],
  limits: [
    {
      id: 'cold-holding',
      kind: 'holding',
      title: { en: 'Cold holding at 5 °C or below', 'zh-CN': '冷藏 5 °C 及以下' },
      clause: 'GCS-1',
      bound: 'at_most',
      tempC: 5,
      tempF: 41,
      defaultAlertDelayMin: 30,
    },
    {
      id: 'frozen-holding',
      kind: 'holding',
      title: { en: 'Frozen holding at −15 °C or below', 'zh-CN': '冷冻 −15 °C 及以下' },
      clause: 'GCS-2',
      bound: 'at_most',
      tempC: -15,
      tempF: 5,
      defaultAlertDelayMin: 30,
    },
    {
      id: 'hot-holding',
      kind: 'holding',
      title: { en: 'Hot holding at 63 °C or above', 'zh-CN': '热保温 63 °C 及以上' },
      clause: 'GCS-3',
      bound: 'at_least',
      tempC: 63,
      tempF: 145,
      defaultAlertDelayMin: 30,
    },
    {
      id: 'hot-holding-probe',
      kind: 'check',
      title: { en: 'Hot-held food probed at 63 °C or above', 'zh-CN': '热保温食品探温 63 °C 及以上' },
      clause: 'GCS-4',
      instruction: {
        en: 'Probe the product in its thickest part and enter the reading.',
        'zh-CN': '将探针插入产品最厚处，输入读数。',
      },
      measure: { kind: 'temperature', bound: 'at_least', tempC: 63, tempF: 145 },
      minTimesPerDay: 2,
    },
    {
      id: 'thermometer-verification',
      kind: 'check',
      title: {
        en: 'Probe thermometer within 1 °C of ice water',
        'zh-CN': '探针温度计冰水校验误差不超过 1 °C',
      },
      clause: 'GCS-5',
      instruction: {
        en: 'Stand the probe in a glass of ice water for 30 s and enter what it reads (it should read 0 °C).',
        'zh-CN': '将探针插入冰水中 30 秒，输入读数（应为 0 °C）。',
      },
      measure: { kind: 'calibration', referenceC: 0, toleranceC: 1 },
      minTimesPerDay: 1,
    },
  ],
};
