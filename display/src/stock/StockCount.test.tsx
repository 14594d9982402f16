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

const panel = () => within(screen.getByTestId('stock-count'));
const press = (name: string) => fireEvent.click(panel().getByRole('button', { name }));

describe('a stock count', () => {
  it('posts what was typed on the pad, under the manager who gave the PIN, and shows the new level', async () => {
    await showStockAs('Manager Li');
    openTab('Count');
    press('freezer (1)');
    expect(panel().getByText('freezer: ingredient 1 of 1')).toBeTruthy();
    // What the screen expected is not shown while counting.
    expect(screen.getByTestId('stock-count').textContent).not.toContain('3,250.5');
    typeOnPad('4875.5');
    press('Review');
    expect(rowText('stock-count-line-beef-patty')).toContain('4,875.5 g');
    expect(edge.posts('/api/stock/counts')).toEqual([]);
    press('Record count (1)');
    await screen.findByText('Count recorded by Manager Li: 1 ingredients updated.');
    expect(edge.posts('/api/stock/counts')).toEqual([
      {
        method: 'POST',
        path: '/api/stock/counts',
        body: { location: 'freezer', full: false, lines: [{ ingredient: 'beef-patty', qty: 4875.5 }] },
        token: 'tok-mgr-li',
      },
    ]);
    openTab('Levels');
    await waitFor(() => expect(rowText('stock-row-beef-patty')).toContain('4,875.5 g4,875.5 g'));
    expect(rowText('stock-row-beef-patty')).toContain('OK');
  });

  it('counts a location ingredient by ingredient, skipping some in a partial count', async () => {
    await showStockAs('Manager Li');
    openTab('Count');
    press('dry-store (2)');
    typeOnPad('0');
    press('Next');
    press('Skip');
    expect(rowText('stock-count-line-bun')).toContain('0 each');
    expect(rowText('stock-count-line-fryer-oil')).toContain('Not counted');
    press('Record count (1)');
    await screen.findByText(/Count recorded/);
    expect(edge.posts('/api/stock/counts')[0]?.body).toEqual({
      location: 'dry-store',
      full: false,
      lines: [{ ingredient: 'bun', qty: 0 }],
    });
  });

  it('holds a full count back until every ingredient of the location is counted', async () => {
    await showStockAs('Manager Li');
    openTab('Count');
    press('Full count');
    press('dry-store (2)');
    typeOnPad('60');
    press('Review');
    expect(screen.getByText('A full count needs every ingredient; still to count: Fryer oil')).toBeTruthy();
    expect((panel().getByRole('button', { name: 'Record count (1)' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    fireEvent.click(
      within(screen.getByTestId('stock-count-line-fryer-oil')).getByRole('button', { name: 'Change' }),
    );
    typeOnPad('11000');
    press('Review');
    press('Record count (2)');
    await screen.findByText(/Count recorded/);
    expect(edge.posts('/api/stock/counts')[0]?.body).toEqual({
      location: 'dry-store',
      full: true,
      lines: [
        { ingredient: 'bun', qty: 60 },
        { ingredient: 'fryer-oil', qty: 11000 },
      ],
    });
  });

  it('says why a typed count cannot be sent before anything goes', async () => {
    await showStockAs('Manager Li');
    openTab('Count');
    press('dry-store (2)');
    typeOnPad('1.2345');
    expect(panel().getByRole('alert').textContent).toContain('At most 3 decimals.');
    expect((panel().getByRole('button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("shows the edge's refusal and marks the line it names", async () => {
    await showStockAs('Manager Li');
    edge.refuseNext = {
      status: 400,
      error: 'bad_request',
      message: '"beef-patty" is kept in freezer, not walk-in',
      issues: ['body.lines.0.ingredient: "beef-patty" is kept in freezer, not walk-in'],
    };
    openTab('Count');
    press('freezer (1)');
    typeOnPad('5000');
    press('Review');
    press('Record count (1)');
    const alert = await panel().findByRole('alert');
    expect(alert.textContent).toBe('Refused: "beef-patty" is kept in freezer, not walk-in');
    expect(screen.getByTestId('stock-count-line-beef-patty').className).toContain('stock-refused');
    // Still on the review: nothing typed is lost.
    expect(rowText('stock-count-line-beef-patty')).toContain('5,000 g');
  });

  it('tells staff a manager counts, and sends nothing', async () => {
    await showStockAs('Cook Wu');
    openTab('Count');
    press('freezer (1)');
    typeOnPad('5000');
    press('Review');
    press('Record count (1)');
    const alert = await panel().findByRole('alert');
    expect(alert.textContent).toBe(
      'Not allowed: Cook Wu (Staff) may not count stock; roles that may: Manager, Admin. Log out and one of them logs in.',
    );
    expect(edge.posts('/api/stock/counts')).toEqual([]);
  });
});
