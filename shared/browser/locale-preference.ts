import type { i18n } from 'i18next';
import type { Locale } from '../localized-text';
import { asLocale } from './locale';

type LocaleStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** The language a person chose on this machine, remembered across reloads. */
export interface LocalePreference {
  saved(): Locale;
  save(locale: Locale): void;
}

/**
 * Kept in localStorage under the app's own key, so the display and the regional page
 * opened on one machine each keep their own choice. Chinese first: it is what the
 * kitchen and operations staff read; English is one click away. Without storage (a
 * test, a locked-down browser) the choice lasts as long as the page.
 */
export function localePreference(
  key: string,
  storage: () => LocaleStorage | undefined = () => globalThis.localStorage,
): LocalePreference {
  return {
    saved() {
      return storage()?.getItem(key) === 'en' ? 'en' : 'zh-CN';
    },
    save(locale) {
      storage()?.setItem(key, locale);
    },
  };
}

/** The language button: the other language, remembered, and told to the document for fonts and screen readers. */
export function switchLocale(i18n: i18n, preference: LocalePreference): Locale {
  const next = asLocale(i18n.language) === 'en' ? 'zh-CN' : 'en';
  preference.save(next);
  void i18n.changeLanguage(next);
  document.documentElement.lang = next;
  return next;
}
