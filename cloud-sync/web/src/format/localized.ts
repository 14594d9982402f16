import type { Locale, LocalizedText } from '../../../../shared/localized-text';

export function asLocale(language: string): Locale {
  return language === 'en' ? 'en' : 'zh-CN';
}

export function localized(text: LocalizedText, language: string): string {
  return asLocale(language) === 'en' ? text.en : text['zh-CN'];
}
