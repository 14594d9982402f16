import type { Locale, LocalizedText } from '../localized-text';

/** i18next's language as one of ours; anything but English reads as Chinese, the apps' first language. */
export function asLocale(language: string): Locale {
  return language === 'en' ? 'en' : 'zh-CN';
}

/** A name or title from the server (equipment, alarms, tasks) in the language on screen. */
export function localized(text: LocalizedText, language: string): string {
  return asLocale(language) === 'en' ? text.en : text['zh-CN'];
}
