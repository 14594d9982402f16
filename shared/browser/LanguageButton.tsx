import { useTranslation } from 'react-i18next';
import { type LocalePreference, switchLocale } from './locale-preference';

interface LanguageButtonProps {
  /** where the app remembers the choice */
  preference: LocalePreference;
  className: string;
}

/**
 * The one-click switch to the other language. It reads the other language's name in
 * that language (`app.language`: "English" on a Chinese screen, "中文" on an English
 * one), so someone who cannot read the screen's language still finds it. Every app's
 * strings carry both keys; the completeness tests read this file and hold them to it.
 */
export function LanguageButton({ preference, className }: LanguageButtonProps) {
  const { t, i18n } = useTranslation();
  return (
    <button
      type="button"
      className={className}
      aria-label={t('app.languageLabel')}
      onClick={() => switchLocale(i18n, preference)}
    >
      {t('app.language')}
    </button>
  );
}
