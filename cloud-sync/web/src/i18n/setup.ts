import type { i18n } from 'i18next';
import { type AppTranslations, createI18n as createAppI18n } from '../../../../shared/browser/i18n';
import { localePreference } from '../../../../shared/browser/locale-preference';
import type { Locale } from '../../../../shared/localized-text';
import { en } from './en';
import { zhCN } from './zh-CN';

export const translations: AppTranslations = { en, 'zh-CN': zhCN };

/** The regional page's language choice, apart from a kitchen display's in the same browser. */
export const pageLocale = localePreference('galley.central.locale');

export function createI18n(locale: Locale = pageLocale.saved()): i18n {
  return createAppI18n(translations, locale);
}
