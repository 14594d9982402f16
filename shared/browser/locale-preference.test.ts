// @vitest-environment jsdom
import { beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from './i18n';
import { localePreference, switchLocale } from './locale-preference';

const translations = { en: { hello: 'Hello' }, 'zh-CN': { hello: '你好' } };

beforeEach(() => {
  localStorage.clear();
  document.documentElement.lang = '';
});

describe('localePreference', () => {
  it('is Chinese until English is chosen, and remembers the choice', () => {
    const preference = localePreference('test.locale');
    expect(preference.saved()).toBe('zh-CN');
    preference.save('en');
    expect(localePreference('test.locale').saved()).toBe('en');
    preference.save('zh-CN');
    expect(localePreference('test.locale').saved()).toBe('zh-CN');
  });

  it('reads anything it does not know as Chinese', () => {
    localStorage.setItem('test.locale', 'fr');
    expect(localePreference('test.locale').saved()).toBe('zh-CN');
  });

  it('keeps each app to its own key', () => {
    localePreference('display.locale').save('en');
    expect(localePreference('page.locale').saved()).toBe('zh-CN');
  });

  it('works without storage, forgetting the choice', () => {
    const preference = localePreference('test.locale', () => undefined);
    preference.save('en');
    expect(preference.saved()).toBe('zh-CN');
  });
});

describe('switchLocale', () => {
  it('flips the language on screen, remembers it and tells the document', () => {
    const preference = localePreference('test.locale');
    const i18n = createI18n(translations, preference.saved());
    expect(switchLocale(i18n, preference)).toBe('en');
    expect(i18n.t('hello')).toBe('Hello');
    expect(document.documentElement.lang).toBe('en');
    expect(localePreference('test.locale').saved()).toBe('en');
    expect(switchLocale(i18n, preference)).toBe('zh-CN');
    expect(i18n.t('hello')).toBe('你好');
    expect(document.documentElement.lang).toBe('zh-CN');
  });
});
