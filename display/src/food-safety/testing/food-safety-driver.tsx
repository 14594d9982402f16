import { fireEvent, screen, within } from '@testing-library/react';
import type { Locale } from '../../../../shared/localized-text';
import { renderWithI18n } from '../../testing/render-with-i18n';
import { PIN } from './fake-food-safety-edge';
import { FoodSafetyWithPin } from './food-safety-harness';

/** Opens the screen and waits for the walk-in's card. */
export async function showFoodSafety(locale: Locale = 'en') {
  renderWithI18n(<FoodSafetyWithPin />, locale);
  await screen.findByTestId('fs-point-cold:wic-1');
}

/** Taps a person on the PIN pad and types the PIN; the last digit sends it. */
export function enterPin(name: string, pin = PIN) {
  const pad = screen.getByRole('dialog');
  fireEvent.click(within(pad).getByText(name));
  for (const digit of pin) fireEvent.click(within(pad).getByRole('button', { name: digit }));
}

/** Types on the big number pad, key by key. */
export function typeOnPad(text: string) {
  const pad = document.querySelector<HTMLElement>('.number-pad');
  if (!pad) throw new Error('no number pad on screen');
  for (const key of text)
    fireEvent.click(within(pad).getByRole('button', { name: key === '.' ? 'Decimal point' : key }));
}

export const text = (testId: string) => screen.getByTestId(testId).textContent ?? '';
