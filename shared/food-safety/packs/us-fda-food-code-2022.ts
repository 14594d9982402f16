import type { RulePackInput } from '../../config/food-safety';

const LEAD_IN_3_501_16 =
  '(A) Except during preparation, cooking, or cooling, or when time is used as the public health control as specified under § 3-501.19, and except as specified under ¶ (B) and in ¶ (C) of this section, TIME/TEMPERATURE CONTROL FOR SAFETY FOOD shall be maintained:';

/**
 * The US FDA Food Code, 2022 edition, for the clauses the box can hold a store to.
 * Each limit cites the clause it comes from and the clause is quoted, so a reader (or
 * an inspector) checks the number against the text, not against us. The Food Code is
 * a model code: what binds a store is the edition its state or local authority
 * adopted, which may differ; a store under another edition adds its own pack.
 */
export const usFdaFoodCode2022Pack: RulePackInput = {
  id: 'us-fda-food-code-2022',
  title: { en: 'US FDA Food Code 2022', 'zh-CN': '美国 FDA 食品法典（2022 版）' },
  authority: 'regulation',
  source: {
    document: 'Food Code',
    edition: '2022',
    issuer: 'U.S. Food and Drug Administration',
    jurisdiction: 'United States, where adopted by the state or local regulatory authority',
    url: 'https://www.fda.gov/food/fda-food-code/food-code-2022',
  },
  clauses: [
    {
      ref: '3-501.16(A)(1)',
      title: { en: 'Hot holding', 'zh-CN': '热保温' },
      quote: `${LEAD_IN_3_501_16} (1) At 57°C (135°F) or above, except that roasts cooked to a temperature and for a time specified in ¶ 3-401.11(B) or reheated as specified in ¶ 3-403.11(E) may be held at a temperature of 54°C (130°F) or above; or`,
    },
    {
      ref: '3-501.16(A)(2)',
      title: { en: 'Cold holding', 'zh-CN': '冷藏保存' },
      quote: `${LEAD_IN_3_501_16} […] (2) At 5°C (41°F) or less.`,
    },
    {
      ref: '3-501.14(A)',
      title: { en: 'Cooling of cooked food', 'zh-CN': '熟食冷却' },
      quote:
        '(A) Cooked TIME/TEMPERATURE CONTROL FOR SAFETY FOOD shall be cooled: (1) Within 2 hours from 57°C (135°F) to 21°C (70°F); and (2) Within a total of 6 hours from 57°C (135°F) to 5°C (41°F) or less.',
    },
    {
      ref: '3-501.19(B)',
      title: { en: 'Time as a public health control, 4 hours', 'zh-CN': '以时间作为公共卫生控制（4 小时）' },
      quote:
        '(B) If time without temperature control is used as the public health control up to a maximum of 4 hours: (1) The FOOD shall have an initial temperature of 5°C (41°F) or less when removed from cold holding temperature control, or 57°C (135°F) or greater when removed from hot holding temperature control; (2) The FOOD shall be marked or otherwise identified to indicate the time that is 4 hours past the point in time when the FOOD is removed from temperature control; (3) The FOOD shall be cooked and served, served at any temperature if READY-TO-EAT, or discarded, within 4 hours from the point in time when the FOOD is removed from temperature control; and (4) The FOOD in unmarked containers or PACKAGES, or marked to exceed a 4-hour limit shall be discarded.',
    },
    {
      ref: '3-501.19(C)',
      title: { en: 'Time as a public health control, 6 hours', 'zh-CN': '以时间作为公共卫生控制（6 小时）' },
      quote:
        '(C) If time without temperature control is used as the public health control up to a maximum of 6 hours: (1) The FOOD shall have an initial temperature of 5°C (41°F) or less when removed from temperature control and the FOOD temperature may not exceed 21°C (70°F) within a maximum time period of 6 hours; (2) The FOOD shall be monitored to ensure the warmest portion of the FOOD does not exceed 21°C (70°F) during the 6-hour period, unless an ambient air temperature is maintained that ensures the FOOD does not exceed 21°C (70°F) during the 6-hour holding period; […] (4) The FOOD shall be: (a) Discarded if the temperature of the FOOD exceeds 21°C (70°F), or (b) Served or discarded within 6 hours from the point in time when the FOOD is removed from 5°C (41°F) or less cold holding temperature control; […]',
    },
    {
      ref: '3-502.12(D)',
      title: { en: 'Cook-chill and sous vide records', 'zh-CN': '冷藏烹饪与真空低温烹饪记录' },
      quote:
        '(D) […] a FOOD ESTABLISHMENT that PACKAGES TIME/TEMPERATURE CONTROL FOR SAFETY FOOD using a cook-chill or sous vide process shall: […] (5) Maintain the records required to confirm that cooling and cold holding refrigeration time/temperature parameters are required as part of the HACCP PLAN and: (a) Make such records available to the REGULATORY AUTHORITY upon request, and (b) Hold such records for at least 6 months;',
    },
    {
      ref: '4-203.11',
      title: { en: 'Temperature measuring devices, food: accuracy', 'zh-CN': '食品温度计的准确度' },
      quote:
        '(A) FOOD TEMPERATURE MEASURING DEVICES that are scaled only in Celsius or dually scaled in Celsius and Fahrenheit shall be accurate to ±1°C in the intended range of use. (B) FOOD TEMPERATURE MEASURING DEVICES that are scaled only in Fahrenheit shall be accurate to ±2°F in the intended range of use.',
    },
    {
      ref: '4-502.11(B)',
      title: { en: 'Temperature measuring devices: calibration', 'zh-CN': '温度计的校准' },
      quote:
        "(B) FOOD TEMPERATURE MEASURING DEVICES shall be calibrated in accordance with manufacturer's specifications as necessary to ensure their accuracy.",
    },
  ],
  limits: [
    {
      id: 'cold-holding',
      kind: 'holding',
      title: { en: 'Cold holding at 5 °C (41 °F) or less', 'zh-CN': '冷藏 5 °C（41 °F）及以下' },
      clause: '3-501.16(A)(2)',
      bound: 'at_most',
      tempC: 5,
      tempF: 41,
      defaultAlertDelayMin: 30,
    },
    {
      id: 'hot-holding',
      kind: 'holding',
      title: { en: 'Hot holding at 57 °C (135 °F) or above', 'zh-CN': '热保温 57 °C（135 °F）及以上' },
      clause: '3-501.16(A)(1)',
      bound: 'at_least',
      tempC: 57,
      tempF: 135,
      defaultAlertDelayMin: 30,
    },
    {
      id: 'cooling',
      kind: 'cooling',
      title: {
        en: 'Cooling: 57 → 21 °C within 2 h, → 5 °C within 6 h in total',
        'zh-CN': '冷却：2 小时内 57 → 21 °C，共 6 小时内 → 5 °C',
      },
      clause: '3-501.14(A)',
      fromC: 57,
      fromF: 135,
      stages: [
        { toC: 21, toF: 70, withinMin: 120 },
        { toC: 5, toF: 41, withinMin: 360 },
      ],
    },
    {
      id: 'time-as-control',
      kind: 'time_control',
      title: {
        en: 'Time as the public health control (4 h or 6 h)',
        'zh-CN': '以时间作为控制（4 小时或 6 小时）',
      },
      clause: '3-501.19(B)',
      options: [
        { id: 'four-hours', clause: '3-501.19(B)', maxHours: 4, startAtMostC: 5, startAtLeastC: 57 },
        { id: 'six-hours', clause: '3-501.19(C)', maxHours: 6, startAtMostC: 5, neverAboveC: 21 },
      ],
    },
    {
      id: 'cook-chill-records',
      kind: 'record_retention',
      title: { en: 'Cook-chill records kept at least 6 months', 'zh-CN': '冷藏烹饪记录至少保存 6 个月' },
      clause: '3-502.12(D)',
      records: 'cook-chill and sous vide cooling and cold holding time/temperature records',
      minMonths: 6,
    },
    {
      id: 'thermometer-accuracy',
      kind: 'check',
      title: { en: 'Probe thermometer within ±1 °C', 'zh-CN': '探针温度计误差不超过 ±1 °C' },
      clause: '4-203.11',
      instruction: {
        en: 'Stand the probe in a glass of ice water for 30 s and enter what it reads (it should read 0 °C).',
        'zh-CN': '将探针插入冰水中 30 秒，输入读数（应为 0 °C）。',
      },
      measure: { kind: 'calibration', referenceC: 0, toleranceC: 1 },
    },
  ],
};
