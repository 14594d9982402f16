// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n';
import { StoreName } from './StoreName';

afterEach(cleanup);

const store = {
  name: 'Galley Kitchen Jing’an',
  localizedName: { en: 'Galley Kitchen · Jing’an', 'zh-CN': 'Galley 厨房 · 静安' },
};

describe('StoreName', () => {
  it('names the store in the language on screen where the config gives both', () => {
    renderWithI18n(<StoreName store={store} />, 'zh-CN');
    expect(screen.getByRole('heading').textContent).toBe('Galley 厨房 · 静安');
    cleanup();
    renderWithI18n(<StoreName store={store} />, 'en');
    expect(screen.getByRole('heading').textContent).toBe('Galley Kitchen · Jing’an');
    expect(screen.getByRole('heading').getAttribute('title')).toBe('Galley Kitchen · Jing’an');
  });

  it('falls back to the one name, and to the app title before the store is known', () => {
    renderWithI18n(<StoreName store={{ name: 'Only one name' }} />, 'zh-CN');
    expect(screen.getByRole('heading').textContent).toBe('Only one name');
    cleanup();
    renderWithI18n(<StoreName store={undefined} />, 'zh-CN');
    expect(screen.getByRole('heading').textContent).toBe('Galley 后厨');
  });
});
