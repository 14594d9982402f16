import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/setup';
import { equipmentLabel } from '../testing/fixtures';
import { equipmentName, equipmentTypeName, formatReading, ticketTitle } from './names';

describe('names on the regional page', () => {
  const zh = createI18n('zh-CN');
  const en = createI18n('en');

  it('reads a category key reported from the kitchen display as its label, and typed words as written', () => {
    const reported = { source: 'manual' as const, fault: 'not_heating', category: 'not_heating' as const };
    const keyTitle = { ...reported, title: { en: 'not_heating', 'zh-CN': 'not_heating' } };
    expect(ticketTitle(keyTitle, 'zh-CN', zh.t)).toBe('不加热');
    expect(ticketTitle(keyTitle, 'en', en.t)).toBe('Not heating');
    const typed = { ...reported, fault: '油烟很大', title: { en: '油烟很大', 'zh-CN': '油烟很大' } };
    expect(ticketTitle(typed, 'en', en.t)).toBe('油烟很大');
    // An automatic ticket's title is the rule's own, even if it looked like a key.
    const auto = { ...keyTitle, source: 'auto' as const };
    expect(ticketTitle(auto, 'zh-CN', zh.t)).toBe('not_heating');
  });

  it('names equipment by its configured name, else its id; types by their label, a known word, or the id', () => {
    expect(equipmentName(equipmentLabel('cooler-1'), 'zh-CN')).toBe('冷藏库');
    expect(equipmentName(equipmentLabel('cooler-1'), 'en')).toBe('Walk-in cooler');
    expect(equipmentName(equipmentLabel('mixer-9'), 'zh-CN')).toBe('mixer-9');
    expect(equipmentTypeName({ type: 'fryer', typeLabel: null }, 'zh-CN', zh.t)).toBe('炸炉');
    expect(equipmentTypeName({ type: 'sous_vide', typeLabel: null }, 'zh-CN', zh.t)).toBe('sous_vide');
    expect(equipmentTypeName({ type: null, typeLabel: null }, 'zh-CN', zh.t)).toBeNull();
  });

  it('shows readings with the unit their metric name carries', () => {
    expect(formatReading('temp_c', 14.26, 'zh-CN')).toBe('14.3 °C');
    expect(formatReading('oil_temp_c', 176.4, 'en')).toBe('176 °C');
    expect(formatReading('energy_kwh', 1234.5, 'en')).toBe('1,235 kWh');
  });
});
