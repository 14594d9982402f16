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

const panel = () => within(screen.getByTestId('stock-delivery'));
const press = (name: string) => fireEvent.click(panel().getByRole('button', { name }));

describe('a delivery received', () => {
  it('records lines in packs and in quantity with the delivery note, as a manager', async () => {
    await showStockAs('Manager Li');
    openTab('Delivery received');
    fireEvent.change(panel().getByLabelText("Supplier's delivery note (optional)"), {
      target: { value: 'DN-2041' },
    });
    press('Beef patty');
    typeOnPad('2');
    press('Add line');
    press('Fryer oil');
    press('Quantity (ml)');
    typeOnPad('2500.5');
    press('Add line');
    expect(rowText('stock-delivery-line-0')).toContain('Beef patty: packs: 2');
    expect(rowText('stock-delivery-line-1')).toContain('Fryer oil: 2,500.5 ml');
    press('Record delivery');
    await screen.findByText('Delivery DN-2041 recorded by Manager Li: 2 lines.');
    expect(edge.posts('/api/stock/deliveries')).toEqual([
      {
        method: 'POST',
        path: '/api/stock/deliveries',
        body: {
          ref: 'DN-2041',
          lines: [
            { ingredient: 'beef-patty', packs: 2 },
            { ingredient: 'fryer-oil', qty: 2500.5 },
          ],
        },
        token: 'tok-mgr-li',
      },
    ]);
    openTab('Levels');
    await waitFor(() => expect(rowText('stock-row-beef-patty')).toContain('15,000 g13,250.5 g'));
  });

  it('names a delivery without a note by when it was received', async () => {
    await showStockAs('Manager Li');
    openTab('Delivery received');
    press('Bun');
    typeOnPad('1');
    press('Add line');
    press('Record delivery');
    await screen.findByText(/recorded by Manager Li/);
    expect(edge.posts('/api/stock/deliveries')[0]?.body).toEqual({
      ref: 'no-note 2026-01-05 12:30:00',
      lines: [{ ingredient: 'bun', packs: 1 }],
    });
  });

  it('takes whole packs only', async () => {
    await showStockAs('Manager Li');
    openTab('Delivery received');
    press('Bun');
    typeOnPad('1.5');
    expect(panel().getByRole('alert').textContent).toContain('Whole packs only.');
    expect((panel().getByRole('button', { name: 'Add line' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the edge's refusal and marks the line it names", async () => {
    await showStockAs('Manager Li');
    openTab('Delivery received');
    press('Lettuce');
    typeOnPad('3');
    press('Add line');
    press('Record delivery');
    const alert = await panel().findByRole('alert');
    expect(alert.textContent).toBe(
      'Refused: "lettuce" has no packs in the config: give qty in its base unit',
    );
    expect(screen.getByTestId('stock-delivery-line-0').className).toContain('stock-refused');
  });

  it('tells staff a manager receives, and sends nothing', async () => {
    await showStockAs('Cook Wu');
    openTab('Delivery received');
    press('Bun');
    typeOnPad('1');
    press('Add line');
    press('Record delivery');
    expect((await panel().findByRole('alert')).textContent).toContain('may not receive deliveries');
    expect(edge.posts('/api/stock/deliveries')).toEqual([]);
  });
});
