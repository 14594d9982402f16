// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createI18n } from './i18n';
import { LanguageButton } from './LanguageButton';
import { localePreference } from './locale-preference';
import { renderWithI18n } from './testing/render-with-i18n';

const translations = {
  en: { app: { title: 'Board', language: '中文', languageLabel: 'Switch language' } },
  'zh-CN': { app: { title: '设备总览', language: 'English', languageLabel: '切换语言' } },
};

beforeEach(() => localStorage.clear());
afterEach(cleanup);

describe('LanguageButton', () => {
  it('names the other language and switches to it, remembering the choice', () => {
    const preference = localePreference('test.locale');
    const { i18n } = renderWithI18n(
      <LanguageButton preference={preference} className="secondary" />,
      createI18n(translations, preference.saved()),
    );
    fireEvent.click(screen.getByRole('button', { name: '切换语言' }));
    expect(screen.getByRole('button', { name: 'Switch language' }).textContent).toBe('中文');
    expect(i18n.language).toBe('en');
    expect(document.documentElement.lang).toBe('en');
    expect(localePreference('test.locale').saved()).toBe('en');
    fireEvent.click(screen.getByRole('button', { name: 'Switch language' }));
    expect(screen.getByRole('button', { name: '切换语言' }).textContent).toBe('English');
    expect(localePreference('test.locale').saved()).toBe('zh-CN');
  });
});
