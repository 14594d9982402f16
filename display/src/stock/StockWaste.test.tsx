// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeStockEdge } from './testing/fake-stock-edge';
import { lunchEdge, openTab, rowText, showStockAs, typeOnPad } from './testing/stock-driver';

let edge: FakeStockEdge;

beforeEach(() => {
  edge = lunchEdge();
  vi.stubGlobal('fetch', edge.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const panel = () => within(screen.getByTestId('stock-waste'));
const press = (name: string) => fireEvent.click(panel().getByRole('button', { name }));

describe('logging waste', () => {
  it('posts the ingredient, the quantity typed and the reason, under the cook who dropped it', async () => {
    await showStockAs('Cook Wu');
    openTab('Waste');
    press('Bun');
    typeOnPad('2');
    press('Dropped');
    press('Log waste');
    await screen.findByText('Logged by Cook Wu: 2 each of Bun (Dropped).');
    expect(edge.posts('/api/stock/waste')).toEqual([
      {
        method: 'POST',
        path: '/api/stock/waste',
        body: { ingredient: 'bun', qty: 2, reason: 'dropped' },
        token: 'tok-cook-wu',
      },
    ]);
    openTab('Levels');
    await waitFor(() => expect(rowText('stock-row-bun')).toContain('96 each58 each'));
  });

  it('sends what the cook wrote when the reason is another one', async () => {
    await showStockAs('Cook Wu');
    openTab('Waste');
    press('Fryer oil');
    typeOnPad('250.5');
    press('Other');
    fireEvent.change(panel().getByLabelText('What happened'), {
      target: { value: 'spilled during filtering' },
    });
    press('Log waste');
    await screen.findByText(/Logged by Cook Wu: 250.5 ml of Fryer oil/);
    expect(edge.posts('/api/stock/waste')[0]?.body).toEqual({
      ingredient: 'fryer-oil',
      qty: 250.5,
      reason: 'spilled during filtering',
    });
  });

  it('asks for the ingredient, a quantity above 0 and a reason before sending', async () => {
    await showStockAs('Cook Wu');
    openTab('Waste');
    press('Log waste');
    expect(screen.getByText('Choose the ingredient.')).toBeTruthy();
    expect(screen.getByText('Choose why, or say what happened.')).toBeTruthy();
    press('Bun');
    typeOnPad('0');
    expect(panel().getByRole('alert').textContent).toContain('More than 0, please.');
    expect(edge.posts('/api/stock/waste')).toEqual([]);
  });

  it("shows the edge's refusal", async () => {
    await showStockAs('Cook Wu');
    edge.refuseNext = { status: 400, error: 'bad_request', message: 'unknown ingredient "bun"; known: beef' };
    openTab('Waste');
    press('Bun');
    typeOnPad('1');
    press('Burnt');
    press('Log waste');
    const alerts = await panel().findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toContain('Refused: unknown ingredient "bun"; known: beef');
  });
});
