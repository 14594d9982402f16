import type { i18n } from 'i18next';
import { type AppTranslations, createI18n as createAppI18n } from '../../../shared/browser/i18n';
import { localePreference } from '../../../shared/browser/locale-preference';
import type { Locale } from '../../../shared/localized-text';
import { en } from './en';
import { zhCN } from './zh-CN';

export const translations: AppTranslations = { en, 'zh-CN': zhCN };

/** The display's language choice (the end-to-end tests set this key to open a display in English). */
export const displayLocale = localePreference('galley.locale');

export function createI18n(locale: Locale = displayLocale.saved()): i18n {
  return createAppI18n(translations, locale);
}
