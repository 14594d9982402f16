import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/setup';
import { causeList, evidenceText, forecastText, hoursText, moneyText } from './predictive-words';

const FORECAST = { limitC: 5, hours: 31.2, lowHours: 22.4, highHours: 40.1, fittedAt: 0 };

describe('predictive words', () => {
  it('says the forecast as the issue words it, in both languages', () => {
    const en = createI18n('en').t;
    const zh = createI18n('zh-CN').t;
    expect(forecastText(FORECAST, en)).toBe(
      'At the current trend it crosses 5 °C sustained in about 31 h (22–40 h).',
    );
    expect(forecastText(FORECAST, zh)).toBe('按当前趋势，约 31 小时后（22–40 小时）将持续高于 5 °C。');
    expect(forecastText({ ...FORECAST, hours: 0, lowHours: 0 }, en)).toContain('may be crossed now');
    expect(forecastText(null, zh)).toBe('趋势不会达到限值：无法给出时间。');
    expect(hoursText(4.26)).toBe('4.3');
  });

  it('names the other causes and the evidence with their units', () => {
    expect(causeList(['refrigerant_loss', 'door_seal_leak'], 'zh-CN')).toBe('制冷剂泄漏、门封漏气');
    const en = createI18n('en').t;
    expect(
      evidenceText(
        { feature: 'duty_cycle', baselineMean: 0.42, baselineSd: 0.05, current: 0.61, zScore: 3.8 },
        en,
      ),
    ).toBe('Compressor duty: now 61 %, usual 42 % ± 5 % (z 3.8)');
    expect(
      evidenceText(
        { feature: 'capacity_c_per_h', baselineMean: 23.9, baselineSd: 1, current: 21.04, zScore: -2.86 },
        en,
      ),
    ).toBe('Cooling capacity: now 21 °C/h, usual 23.9 °C/h ± 1 °C/h (z −2.9)');
  });

  it('writes money from the exact decimal text, never through a float', () => {
    expect(moneyText('1073.1', 'en')).toBe('¥1\u2009073.10');
    expect(moneyText('42000.00', 'zh-CN')).toBe('¥42,000.00');
    expect(moneyText('0', 'en')).toBe('¥0.00');
  });
});
