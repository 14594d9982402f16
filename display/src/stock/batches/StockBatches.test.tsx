// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FakeStockEdge } from '../testing/fake-stock-edge';
import { lunchEdge, rowText, showStockAs } from '../testing/stock-driver';
import { type BatchEdge, withBatches } from './testing/batch-edge';

let edge: FakeStockEdge;
let batches: BatchEdge;

beforeEach(() => {
  edge = lunchEdge();
  batches = withBatches(edge);
  vi.stubGlobal('fetch', batches.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const panel = () => within(screen.getByTestId('stock-batches'));
const press = (name: string | RegExp) => fireEvent.click(panel().getByRole('button', { name }));
const typeBatches = (text: string) =>
  fireEvent.change(panel().getByRole('textbox'), { target: { value: text } });

describe('making a batch on the stock screen', () => {
  it('offers what is below its minimum, shows what the batches make and use, and records them under the cook', async () => {
    await showStockAs('Cook Wu');
    expect(panel().getByRole('button', { name: /Burger sauce/ }).textContent).toContain(
      'below its minimum: make 2',
    );
    press(/Burger sauce/);
    expect(
      panel().getByText(/One batch makes 1,000 ml and uses 700 ml Mayonnaise, 300 ml Ketchup\./),
    ).toBeTruthy();
    expect(panel().getByText(/Keeps 72 h once made\./)).toBeTruthy();
    // The suggestion is on the pad already; a cook makes three.
    expect((panel().getByRole('textbox') as HTMLInputElement).value).toBe('2');
    typeBatches('3');
    expect(screen.getByTestId('stock-batch-summary').textContent).toBe(
      '3 × 1,000 ml = 3,000 ml of Burger sauce; uses 2,100 ml Mayonnaise, 900 ml Ketchup.',
    );
    press('Check');
    expect(batches.made).toEqual([]);
    press('Confirm: make 3');

    await panel().findByText(
      'Made by Cook Wu: 3 batches of Burger sauce (3,000 ml), good until 01/08, 12:30.',
    );
    expect(batches.made).toEqual([{ body: { subRecipe: 'burger-sauce', batches: 3 }, token: 'tok-cook-wu' }]);
    await waitFor(() => expect(rowText('stock-row-burger-sauce')).toContain('3,300 ml'));
    expect(panel().getByRole('button', { name: 'Burger sauce' })).toBeTruthy(); // nothing more to make
  });

  it('takes whole batches from 1 to 100 only, saying why before anything is sent', async () => {
    await showStockAs('Cook Wu');
    press(/Burger sauce/);
    const check = () => panel().getByRole('button', { name: 'Check' }) as HTMLButtonElement;
    for (const [typed, said] of [
      ['0', 'At least 1 batch.'],
      ['1.5', 'Whole batches only.'],
      ['101', 'At most 100 batches at once.'],
      ['two', 'Not a number.'],
    ] as const) {
      typeBatches(typed);
      expect(panel().getByRole('alert').textContent).toContain(said);
      expect(check().disabled).toBe(true);
    }
    typeBatches('1');
    expect(check().disabled).toBe(false);
    press('Check');
    press('Change');
    expect((panel().getByRole('textbox') as HTMLInputElement).value).toBe('1');
    expect(batches.made).toEqual([]);
  });

  it("shows the edge's refusal and keeps what was typed", async () => {
    await showStockAs('Cook Wu');
    batches.refuseNext = { status: 400, message: '"burger-sauce" is not a sub-recipe made in batches' };
    press(/Burger sauce/);
    press('Check');
    press('Confirm: make 2');
    const alert = await panel().findByRole('alert');
    expect(alert.textContent).toBe('Refused: "burger-sauce" is not a sub-recipe made in batches');
    expect(panel().getByRole('button', { name: 'Confirm: make 2' })).toBeTruthy();
  });

  it('speaks Chinese on a Chinese display', async () => {
    await showStockAs('Cook Wu', 'zh-CN');
    expect(panel().getByRole('heading').textContent).toBe('制作批次');
    press(/汉堡酱/);
    expect(screen.getByTestId('stock-batch-summary').textContent).toContain(
      '2 × 1,000 毫升 = 2,000 毫升 汉堡酱',
    );
    press('核对');
    expect(panel().getByRole('button', { name: '确认：制作 2 批' })).toBeTruthy();
  });

  it('is not shown when nothing is made in batches', async () => {
    edge.overview = { ...edge.overview, batches: [] };
    await showStockAs('Cook Wu');
    expect(screen.queryByTestId('stock-batches')).toBeNull();
  });
});
