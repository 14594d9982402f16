import { describe, expect, it } from 'vitest';
import { asLocale, localized } from './locale';

const name = { en: 'Walk-in cooler', 'zh-CN': '冷藏库' };

describe('asLocale', () => {
  it('keeps English and reads anything else as Chinese', () => {
    expect(asLocale('en')).toBe('en');
    expect(asLocale('zh-CN')).toBe('zh-CN');
    expect(asLocale('en-US')).toBe('zh-CN');
    expect(asLocale('')).toBe('zh-CN');
  });
});

describe('localized', () => {
  it("picks the server's text in the language on screen", () => {
    expect(localized(name, 'en')).toBe('Walk-in cooler');
    expect(localized(name, 'zh-CN')).toBe('冷藏库');
    expect(localized(name, 'fr')).toBe('冷藏库');
  });
});
