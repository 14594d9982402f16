// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StockPurchaseView } from '../../../shared/api/stock';
import type { FakeStockEdge } from './testing/fake-stock-edge';
import { lunchEdge, openTab, rowText, showStockAs } from './testing/stock-driver';
import { purchase } from './testing/stock-fixtures';

let edge: FakeStockEdge;

/** #7 buns waiting for approval, #8 beef approved and waiting for the goods, #5 oil rejected. */
beforeEach(() => {
  edge = lunchEdge();
  const beef = purchase(8, 'beef-patty', 4, 'box-5kg', 20000, 'mgr-li');
  const oil = purchase(5, 'fryer-oil', 0, '', 20000, 'mgr-li');
  edge.purchases = [
    { ...beef, status: 'approved', decidedAt: Date.UTC(2026, 0, 5, 10, 0, 0), decidedBy: 'mgr-li' },
    purchase(7, 'bun', 9, 'bag-24', 216, 'buyer-zhao'),
    {
      ...oil,
      packs: null,
      packId: null,
      status: 'rejected',
      decidedAt: Date.UTC(2026, 0, 4, 16, 0, 0),
      decidedBy: 'mgr-li',
      history: [...oil.history, { from: 'requested', to: 'rejected', at: 0, by: 'mgr-li', note: 'Too much' }],
    },
  ];
  vi.stubGlobal('fetch', edge.fetch);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const card = (id: number) => within(screen.getByTestId(`stock-purchase-${id}`));
const request = (id: number): StockPurchaseView | undefined => edge.purchases.find((p) => p.id === id);

async function openPurchasesAs(person: string) {
  await showStockAs(person);
  openTab('Purchase requests');
  await screen.findByTestId('stock-purchase-7');
}

describe('purchase requests', () => {
  it('lists the open requests: state, ingredient, packs and base unit, cost, who asked and when', async () => {
    await openPurchasesAs('Manager Li');
    expect(rowText('stock-purchase-7')).toContain(
      '#7BunWaiting for approval9 × bag-24 (216 each)Cost CN¥259.20Requested by Purchaser Zhao · 01/05, 09:15',
    );
    expect(rowText('stock-purchase-8')).toContain(
      '#8Beef pattyApproved: waiting for goods4 × box-5kg (20,000 g)Cost CN¥1,600.00',
    );
    expect(rowText('stock-purchase-8')).toContain('Approved by Manager Li · 01/05, 10:00');
    expect(screen.queryByTestId('stock-purchase-5')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    await screen.findByTestId('stock-purchase-5');
    expect(rowText('stock-purchase-5')).toContain('#5Fryer oilRejected20,000 mlCost unknown');
    expect(rowText('stock-purchase-5')).toContain('Note: Too much');
    expect(card(5).queryByRole('button')).toBeNull();
  });

  it('a manager approves: the edge has it approved and the card moves on to receiving', async () => {
    await openPurchasesAs('Manager Li');
    fireEvent.click(card(7).getByRole('button', { name: 'Approve' }));
    expect(rowText('stock-purchase-7')).toContain(
      'Approve request #7: 9 × bag-24 (216 each) of Bun for CN¥259.20?',
    );
    expect(edge.posts('/api/stock/purchase-requests/7/transitions')).toEqual([]);
    fireEvent.click(card(7).getByRole('button', { name: 'Yes, approve' }));
    await screen.findByText('Request #7 approved by Manager Li.');
    expect(edge.posts('/api/stock/purchase-requests/7/transitions')).toEqual([
      expect.objectContaining({ body: { to: 'approved' }, token: 'tok-mgr-li' }),
    ]);
    expect(request(7)).toMatchObject({ status: 'approved', decidedBy: 'mgr-li' });
    await waitFor(() => expect(rowText('stock-purchase-7')).toContain('Approved: waiting for goods'));
    expect(card(7).getByRole('button', { name: 'Receive goods' })).toBeTruthy();
    expect(card(7).queryByRole('button', { name: 'Approve' })).toBeNull();
  });

  it('a manager rejects saying why; the request leaves the open list and keeps the reason', async () => {
    await openPurchasesAs('Manager Li');
    fireEvent.click(card(7).getByRole('button', { name: 'Reject' }));
    const confirm = card(7).getByRole('button', { name: 'Reject request' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.click(card(7).getByRole('button', { name: 'Other' }));
    expect(confirm.disabled).toBe(true);
    fireEvent.click(card(7).getByRole('button', { name: 'Price too high' }));
    fireEvent.click(confirm);
    await screen.findByText('Request #7 rejected by Manager Li.');
    expect(edge.posts('/api/stock/purchase-requests/7/transitions')[0]?.body).toEqual({
      to: 'rejected',
      note: 'Price too high',
    });
    expect(request(7)).toMatchObject({ status: 'rejected', decidedBy: 'mgr-li' });
    await waitFor(() => expect(screen.queryByTestId('stock-purchase-7')).toBeNull());
    fireEvent.click(screen.getByRole('button', { name: 'All' }));
    await waitFor(() => expect(rowText('stock-purchase-7')).toContain('Note: Price too high'));
  });

  it('shows why the edge refused, and where the request is now', async () => {
    await openPurchasesAs('Manager Li');
    // Rejected on another display meanwhile: this one still offers Approve.
    edge.purchases = edge.purchases.map((p) =>
      p.id === 7 ? { ...p, status: 'rejected', decidedBy: 'mgr-li', decidedAt: 0 } : p,
    );
    fireEvent.click(card(7).getByRole('button', { name: 'Approve' }));
    fireEvent.click(card(7).getByRole('button', { name: 'Yes, approve' }));
    const alert = await screen.findByText(/^Request #7: /);
    expect(alert.textContent).toBe(
      'Request #7: Not possible now: a rejected purchase request cannot become approved; allowed: nothing (rejected is final)',
    );
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.queryByTestId('stock-purchase-7')).toBeNull();
  });

  it('shows a refusal on the card it concerns while the request is still on the list', async () => {
    await openPurchasesAs('Manager Li');
    edge.refuseNext = {
      status: 403,
      error: 'forbidden',
      message: 'role manager may not do this; allowed: admin',
    };
    fireEvent.click(card(7).getByRole('button', { name: 'Approve' }));
    fireEvent.click(card(7).getByRole('button', { name: 'Yes, approve' }));
    expect((await card(7).findByRole('alert')).textContent).toBe(
      'Not allowed: role manager may not do this; allowed: admin',
    );
    expect(request(7)?.status).toBe('requested');
  });

  it('hides approve, reject and receive from staff, and says who may', async () => {
    await openPurchasesAs('Cook Wu');
    expect(screen.getByTestId('stock-purchases-managers-only').textContent).toBe(
      'Only a manager approves, rejects or receives purchase requests; Cook Wu is logged in as Staff.',
    );
    for (const id of [7, 8]) expect(card(id).queryAllByRole('button')).toEqual([]);
    expect(screen.queryByRole('button', { name: 'Create from reorder suggestions' })).toBeNull();
  });

  it('receives the goods of an approved request as a delivery naming it', async () => {
    await openPurchasesAs('Manager Li');
    fireEvent.click(card(8).getByRole('button', { name: 'Receive goods' }));
    const amount = card(8).getByLabelText(/How many packs of box-5kg arrived/) as HTMLInputElement;
    expect(amount.value).toBe('4');
    fireEvent.change(amount, { target: { value: '3' } });
    fireEvent.click(card(8).getByRole('button', { name: 'Record delivery' }));
    await screen.findByText('Delivery no-note 2026-01-05 12:30:00 for request #8 recorded by Manager Li.');
    expect(edge.posts('/api/stock/deliveries')[0]?.body).toEqual({
      ref: 'no-note 2026-01-05 12:30:00',
      lines: [{ ingredient: 'beef-patty', purchaseRequestId: 8, packs: 3, pack: 'box-5kg' }],
    });
    expect(request(8)).toMatchObject({ status: 'received', receivedQty: 15000, receivedBy: 'mgr-li' });
    await waitFor(() => expect(screen.queryByTestId('stock-purchase-8')).toBeNull());
  });

  it('turns the reorder suggestions into requests, saying what was skipped', async () => {
    await openPurchasesAs('Manager Li');
    fireEvent.click(screen.getByRole('button', { name: 'Create from reorder suggestions' }));
    await screen.findByText('Purchase requests created: #12 (1)');
    expect(screen.getByText('Skipped Bun: purchase request #7 is open')).toBeTruthy();
    expect(await screen.findByTestId('stock-purchase-12')).toBeTruthy();
    expect(rowText('stock-purchase-12')).toContain('Beef pattyWaiting for approval4 × box-5kg (20,000 g)');
  });

  it('offers each person only their own steps: nobody approves a request of their own', async () => {
    edge.purchases.push(purchase(9, 'bun', 1, 'bag-24', 24, 'mgr-li'));
    await openPurchasesAs('Manager Li');
    expect(card(7).getByRole('button', { name: 'Approve' })).toBeTruthy();
    // Manager Li asked for #9 (segregation of duties): no decision offered on it.
    expect(card(9).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(card(9).queryByRole('button', { name: 'Reject' })).toBeNull();
    cleanup();

    // The purchaser raises requests but neither decides nor receives them.
    await openPurchasesAs('Purchaser Zhao');
    expect(screen.getByRole('button', { name: 'Create from reorder suggestions' })).toBeTruthy();
    expect(card(7).queryByRole('button', { name: 'Approve' })).toBeNull();
    expect(card(8).queryByRole('button', { name: 'Receive' })).toBeNull();
  });

  it('speaks Chinese', async () => {
    await showStockAs('Manager Li', 'zh-CN');
    openTab('采购申请');
    await screen.findByTestId('stock-purchase-7');
    expect(rowText('stock-purchase-7')).toContain('面包待审批9 × bag-24（216 个）');
    expect(card(7).getByRole('button', { name: '批准' })).toBeTruthy();
  });
});
