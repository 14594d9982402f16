import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n';

const translations = {
  en: { board: { title: 'Board', lastSeen: 'Last seen {{time}}' }, only: { english: 'Only here' } },
  'zh-CN': { board: { title: '设备总览', lastSeen: '最后上报 {{time}}' } },
};

describe('createI18n', () => {
  it('speaks the language it is created in, nested keys included', () => {
    expect(createI18n(translations, 'en').t('board.title')).toBe('Board');
    expect(createI18n(translations, 'zh-CN').t('board.title')).toBe('设备总览');
  });

  it('is ready at once, without waiting for an asynchronous init', () => {
    const i18n = createI18n(translations, 'zh-CN');
    expect(i18n.isInitialized).toBe(true);
    expect(i18n.language).toBe('zh-CN');
  });

  it('leaves escaping to React: values are put in as they are', () => {
    const i18n = createI18n(translations, 'en');
    expect(i18n.t('board.lastSeen', { time: '<08:00> & later' })).toBe('Last seen <08:00> & later');
  });

  it('shows the key, not the other language, for a string one language lacks', () => {
    expect(createI18n(translations, 'zh-CN').t('only.english')).toBe('only.english');
  });

  it('gives every app and test its own instance', () => {
    const a = createI18n(translations, 'zh-CN');
    const b = createI18n(translations, 'zh-CN');
    void a.changeLanguage('en');
    expect(a.t('board.title')).toBe('Board');
    expect(b.t('board.title')).toBe('设备总览');
  });
});
