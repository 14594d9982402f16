import { fireEvent, screen, within } from '@testing-library/react';
import type { Locale } from '../../../../shared/localized-text';
import { renderWithI18n } from '../../testing/render-with-i18n';
import { FakeStockEdge, PIN } from './fake-stock-edge';
import { lunchStock, menuNames, NOW, suggestions } from './stock-fixtures';
import { StockScreenWithPin } from './stock-harness';

/** A fresh fake edge with the lunch stock. */
export function lunchEdge(): FakeStockEdge {
  return new FakeStockEdge(lunchStock(), menuNames(), suggestions(), () => NOW);
}

/** Taps a person on the PIN pad and types the PIN; the last digit sends it. */
export function enterPin(name: string) {
  const pad = screen.getByRole('dialog');
  fireEvent.click(within(pad).getByText(name));
  for (const digit of PIN) fireEvent.click(within(pad).getByRole('button', { name: digit }));
}

/** Opens the stock screen and logs `person` in by PIN, as the screen asks first. */
export async function showStockAs(person: string, locale: Locale = 'en') {
  renderWithI18n(<StockScreenWithPin />, locale);
  fireEvent.click(
    screen.getByRole('button', { name: locale === 'en' ? 'Log in to see stock' : '登录查看库存' }),
  );
  enterPin(person);
  await screen.findByTestId('stock-row-bun');
}

export function openTab(name: string) {
  fireEvent.click(within(screen.getByRole('navigation')).getByRole('button', { name }));
}

/** Types on the big number pad, key by key. */
export function typeOnPad(text: string) {
  const pad = document.querySelector<HTMLElement>('.number-pad');
  if (!pad) throw new Error('no number pad on screen');
  for (const key of text)
    fireEvent.click(within(pad).getByRole('button', { name: key === '.' ? 'Decimal point' : key }));
}

export const rowText = (testId: string) => screen.getByTestId(testId).textContent ?? '';
