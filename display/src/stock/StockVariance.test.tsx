// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeStockEdge } from './testing/fake-stock-edge';
import { lunchEdge, openTab, showStockAs } from './testing/stock-driver';
import { TODAY, todayVariance } from './testing/stock-fixtures';

let edge: FakeStockEdge;

beforeEach(() => {
  edge = lunchEdge();
  edge.variance.set(TODAY, todayVariance());
  vi.stubGlobal('fetch', edge.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const cells = (testId: string) =>
  [...screen.getByTestId(testId).querySelectorAll('th, td')].map((c) => c.textContent);

describe('the variance of a business day', () => {
  it("shows today's opening, received, closing, actual, theoretical, variance, waste and net, in quantity and money", async () => {
    await showStockAs('Cook Wu');
    openTab('Variance');
    await screen.findByTestId('stock-variance-beef-patty');
    expect((screen.getByLabelText('Business day') as HTMLInputElement).value).toBe(TODAY);
    expect(edge.requests.some((r) => r.path === '/api/stock/variance' && r.token === 'tok-cook-wu')).toBe(
      true,
    );
    expect(cells('stock-variance-beef-patty')).toEqual([
      'Beef patty',
      '12,000 g',
      '5,000 g',
      '5,000 g',
      '12,000 g',
      '11,250 g',
      '+750 g',
      '300 g',
      '+450 g',
      '+CN¥60.00',
      '+CN¥36.00',
    ]);
    // Not counted at close: no actual usage, so no variance, and never a 0.
    expect(cells('stock-variance-bun')).toEqual([
      'Bun',
      '100 each',
      '24 each',
      'Not counted',
      '—',
      '64 each',
      '—',
      '2 each',
      '—',
      '—',
      '—',
    ]);
    expect(cells('stock-variance-totals')).toEqual(['Day total (waste CN¥26.40)', '+CN¥60.00', '+CN¥36.00']);
  });

  it('reads in Chinese', async () => {
    await showStockAs('Cook Wu', 'zh-CN');
    openTab('差异');
    await screen.findByTestId('stock-variance-beef-patty');
    expect(cells('stock-variance-beef-patty')).toContain('+¥36.00');
    expect(cells('stock-variance-bun')).toContain('未盘点');
    expect(screen.getByRole('columnheader', { name: '净差异' })).toBeTruthy();
  });

  it('goes to the day before, and not past today', async () => {
    await showStockAs('Cook Wu');
    openTab('Variance');
    await screen.findByTestId('stock-variance-beef-patty');
    const panel = within(screen.getByTestId('stock-variance'));
    expect((panel.getByRole('button', { name: 'Day after' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(panel.getByRole('button', { name: 'Day before' }));
    await screen.findByText('No stock moved on this day.');
    expect((screen.getByLabelText('Business day') as HTMLInputElement).value).toBe('2026-01-04');
    expect(screen.queryByTestId('stock-variance-beef-patty')).toBeNull();
  });
});
