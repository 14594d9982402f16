// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithI18n } from '../testing/render-with-i18n';
import type { FakeStockEdge } from './testing/fake-stock-edge';
import { enterPin, lunchEdge, rowText, showStockAs } from './testing/stock-driver';
import { StockScreenWithPin } from './testing/stock-harness';

let edge: FakeStockEdge;

beforeEach(() => {
  edge = lunchEdge();
  vi.stubGlobal('fetch', edge.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('stock levels', () => {
  it('asks who is there before showing stock, since the display alone may not read it', async () => {
    renderWithI18n(<StockScreenWithPin />);
    expect(screen.getByTestId('stock-screen').textContent).toContain('log in with your PIN to see it');
    expect(edge.requests.filter((r) => r.path.startsWith('/api/stock'))).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Log in to see stock' }));
    expect(screen.getByText('To see the stock')).toBeTruthy();
    enterPin('Cook Wu');
    await screen.findByTestId('stock-row-bun');
    expect(edge.requests.find((r) => r.path === '/api/stock')?.token).toBe('tok-cook-wu');
  });

  it('shows every ingredient in English: low in a word, untracked as not counted, never 0', async () => {
    await showStockAs('Cook Wu');
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid^="stock-row-"]')];
    // Low first, then what nobody counted, then the rest.
    expect(rows.map((r) => r.dataset.testid)).toEqual([
      'stock-row-beef-patty',
      'stock-row-lettuce',
      'stock-row-bun',
      'stock-row-fryer-oil',
    ]);
    expect(rowText('stock-row-beef-patty')).toBe('Beef patty5,000 g3,250.5 g4,000 gfreezer⚠ Low');
    expect(screen.getByTestId('stock-row-beef-patty').className).toContain('stock-low');
    expect(rowText('stock-row-lettuce')).toBe('LettuceNot countedNot counted—walk-inNot counted');
    expect(rowText('stock-row-lettuce')).not.toMatch(/\b0\b/);
    expect(rowText('stock-row-bun')).toBe('Bun96 each60 each48 eachdry-storeOK');
    expect(rowText('stock-row-fryer-oil')).toContain('11,500 ml');
    expect(screen.getByText('Running low: 1')).toBeTruthy();
    expect(rowText('stock-portions-burger')).toBe('Burger Portions: 21 (runs out first: Beef patty)');
    expect(rowText('stock-portions-salad')).toBe('Salad Not counted');
  });

  it('shows the same in Chinese', async () => {
    await showStockAs('Cook Wu', 'zh-CN');
    expect(rowText('stock-row-beef-patty')).toBe('牛肉饼5,000 克3,250.5 克4,000 克freezer⚠ 偏低');
    expect(rowText('stock-row-lettuce')).toBe('生菜未盘点未盘点—walk-in未盘点');
    expect(rowText('stock-row-bun')).toBe('面包96 个60 个48 个dry-store正常');
    expect(rowText('stock-portions-burger')).toBe('汉堡 份数：21（最先用完：牛肉饼）');
    expect(rowText('stock-portions-salad')).toBe('沙拉 未盘点');
    expect(screen.getByText('库存偏低：1 项')).toBeTruthy();
  });
});
