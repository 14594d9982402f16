import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../../../shared/localized-text';
import { en } from './en';
import { zhCN } from './zh-CN';

const STORAGE_KEY = 'galley.central.locale';

/** Chinese first: it is what operations staff read; English is one click away. */
export function savedLocale(): Locale {
  const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'zh-CN';
}

export function saveLocale(locale: Locale): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, locale);
}

/** A fresh i18next instance per app (and per test), so languages never leak between them. */
export function createI18n(locale: Locale = savedLocale()): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: false,
    resources: { en: { translation: en }, 'zh-CN': { translation: zhCN } },
    interpolation: { escapeValue: false },
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
