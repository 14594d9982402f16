import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../localized-text';

/** An app's strings for one language: nested groups of keys, which `t()` reads dotted. */
export interface Translations {
  readonly [key: string]: string | Translations;
}

/**
 * The shape of an app's English strings (written `as const`) with every text widened to
 * `string`, so the compiler holds zh-CN to exactly the same keys without fixing its words.
 */
export type TranslationsOf<T> = { [K in keyof T]: T[K] extends string ? string : TranslationsOf<T[K]> };

/** Every language the apps speak, each with the app's full set of strings. */
export type AppTranslations = Readonly<Record<Locale, Translations>>;

/** A fresh i18next instance per app (and per test), so languages never leak between them. */
export function createI18n(translations: AppTranslations, locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    // A missing string shows its key, which the completeness tests catch, rather than the other language.
    fallbackLng: false,
    resources: {
      en: { translation: translations.en },
      'zh-CN': { translation: translations['zh-CN'] },
    },
    // React escapes what it renders; escaping here too would show `&amp;` on screen.
    interpolation: { escapeValue: false },
    // Resources are bundled, so the instance is ready when this returns: no flash of keys on first paint.
    initAsync: false,
    returnNull: false,
  });
  return instance;
}
