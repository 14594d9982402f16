import type { ReactElement } from 'react';
import { renderWithI18n as render } from '../../../../shared/browser/testing/render-with-i18n';
import type { Locale } from '../../../../shared/localized-text';
import { createI18n } from '../i18n/setup';

/** Renders with its own i18next instance in `locale`, as the page does. */
export function renderWithI18n(ui: ReactElement, locale: Locale = 'en') {
  return render(ui, createI18n(locale));
}
