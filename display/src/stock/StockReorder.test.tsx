// @vitest-environment jsdom
import { cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReorderSuggestion } from '../../../shared/api/stock';
import type { FakeStockEdge } from './testing/fake-stock-edge';
import { lunchEdge, openTab, rowText, showStockAs } from './testing/stock-driver';
import { purchase } from './testing/stock-fixtures';

let edge: FakeStockEdge;

beforeEach(() => {
  edge = lunchEdge();
  edge.purchases = [purchase(7, 'bun', 9, 'bag-24', 216, 'mgr-li')];
  vi.stubGlobal('fetch', edge.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const panel = () => within(screen.getByTestId('stock-reorder'));

describe('reorder', () => {
  it('shows the suggestions and the open requests with their state', async () => {
    await showStockAs('Cook Wu');
    openTab('Reorder');
    await screen.findByTestId('stock-suggestion-beef-patty');
    expect(rowText('stock-suggestion-beef-patty')).toBe(
      'Beef patty3,250.5 g4,000 g20,000 g4 × box-5kg (20,000 g)2 d',
    );
    expect(rowText('stock-suggestion-bun')).toContain('(request #7 open)');
    expect(rowText('stock-request-7')).toBe(
      '#7 Bun: 9 × bag-24 (216 each) Waiting for approval requested by Manager Li at 01/05, 09:15',
    );
  });

  it('turns the suggestions into purchase requests as a manager, saying what was skipped', async () => {
    await showStockAs('Manager Li');
    openTab('Reorder');
    await screen.findByTestId('stock-suggestion-beef-patty');
    fireEvent.click(panel().getByRole('button', { name: 'Create purchase requests' }));
    await screen.findByText('Purchase requests created: #12 (1)');
    expect(screen.getByText('Skipped Bun: purchase request #7 is open')).toBeTruthy();
    expect(edge.posts('/api/stock/reorder').map((r) => r.token)).toEqual(['tok-mgr-li']);
    const request = await screen.findByTestId('stock-request-12');
    expect(request.textContent).toContain('#12 Beef patty: 4 × box-5kg (20,000 g) Waiting for approval');
    expect(request.textContent).toContain('requested by Manager Li');
    expect(rowText('stock-suggestion-beef-patty')).toContain('(request #12 open)');
  });

  it('tells staff a manager reorders, and sends nothing', async () => {
    await showStockAs('Cook Wu');
    openTab('Reorder');
    await screen.findByTestId('stock-suggestion-beef-patty');
    fireEvent.click(panel().getByRole('button', { name: 'Create purchase requests' }));
    expect((await panel().findByRole('alert')).textContent).toContain('may not create purchase requests');
    expect(edge.posts('/api/stock/reorder')).toEqual([]);
  });

  it('shows a batch to make as a production task, and offers no purchase request for it', async () => {
    edge.suggestions = [
      ReorderSuggestion.parse({
        kind: 'make',
        ingredient: 'beef-patty',
        projected: 900,
        min: 1000,
        max: 4000,
        need: 3100,
        policy: 'up',
        pack: { id: 'batch', size: 2000 },
        packs: 2,
        qty: 4000,
        leadTimeDays: 0,
        openPurchaseRequestId: null,
      }),
    ];
    await showStockAs('Manager Li');
    openTab('Reorder');
    await screen.findByTestId('stock-suggestion-beef-patty');
    expect(rowText('stock-suggestion-beef-patty')).toContain('make 2 × batch (4,000 g): a production task');
    expect(panel().getByRole('button', { name: 'Create purchase requests' })).toHaveProperty(
      'disabled',
      true,
    );
  });
});
