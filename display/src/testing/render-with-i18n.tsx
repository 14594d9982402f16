import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { Locale } from '../../../shared/localized-text';
import { createI18n } from '../i18n/setup';

/** Renders with its own i18next instance in `locale`, as the display does. */
export function renderWithI18n(ui: ReactElement, locale: Locale = 'en') {
  const i18n = createI18n(locale);
  return { i18n, ...render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>) };
}
