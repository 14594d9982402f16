import { render } from '@testing-library/react';
import type { i18n } from 'i18next';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';

/** Renders under `i18n` as the app's main.tsx does, and hands the instance back to switch languages. */
export function renderWithI18n(ui: ReactElement, i18n: i18n) {
  return { i18n, ...render(<I18nextProvider i18n={i18n}>{ui}</I18nextProvider>) };
}
