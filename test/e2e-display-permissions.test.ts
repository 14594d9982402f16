import { describe, expect, it } from 'vitest';
import type { StockPurchaseView } from '../shared/api/stock';
import { kitchenDisplayPerTest, TABLET } from './testing/display-kit';

const kitchen = kitchenDisplayPerTest();

/**
 * The display offers each person only what their permissions allow, in Chromium against a
 * real edge: the purchaser (采购) raises requests but is never offered a decision, and the
 * manager (店长) is offered a decision on someone else's request, never on their own.
 */
describe('kitchen display: what each person is offered', () => {
  it('nobody is offered to approve a request of their own; the purchaser decides nothing', async () => {
    const manager = await kitchen.edge.login('mgr-li', '2222');
    const purchaser = await kitchen.edge.login('buyer-zhao', '5555');
    await kitchen.edge.api('POST', '/api/stock/counts', manager, {
      lines: [
        { ingredient: 'beef-patty', qty: 3000 },
        { ingredient: 'bun', qty: 10 },
      ],
    });
    // The purchaser asks for beef, then the manager for buns (each by reorder, one open per ingredient).
    const byPurchaser = await kitchen.edge.api<{ created: StockPurchaseView[] }>(
      'POST',
      '/api/stock/reorder',
      purchaser,
    );
    const beef = byPurchaser.created.find((p) => p.ingredient === 'beef-patty');
    if (!beef) throw new Error(`no request for beef: ${JSON.stringify(byPurchaser)}`);
    const others = byPurchaser.created.filter((p) => p.id !== beef.id);

    const { page } = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'en');
    const logIn = async (user: string, pin: string) => {
      await page.getByRole('button', { name: 'Stock', exact: true }).click();
      await page.getByRole('button', { name: 'Log in to see stock' }).click();
      await page.locator(`[data-user-id="${user}"]`).click();
      for (const digit of pin) await page.locator('.pin-key', { hasText: digit }).first().click();
      await page.getByRole('button', { name: 'Purchase requests' }).click();
    };

    await logIn('buyer-zhao', '5555');
    const beefCard = page.getByTestId(`stock-purchase-${beef.id}`);
    await beefCard.waitFor({ timeout: 5000 });
    expect(await beefCard.textContent()).toContain('Waiting for approval');
    expect(await beefCard.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Create from reorder suggestions' }).count()).toBe(1);

    // The manager requested none of these: each is offered for a decision.
    await page.getByRole('button', { name: /Log out/ }).click();
    await logIn('mgr-li', '2222');
    await beefCard.waitFor({ timeout: 5000 });
    expect(await beefCard.getByRole('button', { name: 'Approve' }).count()).toBe(1);
    for (const other of others)
      expect(
        await page.getByTestId(`stock-purchase-${other.id}`).getByRole('button', { name: 'Approve' }).count(),
      ).toBe(1);

    // A request of the manager's own: shown, but no decision offered on it.
    await kitchen.edge.api('POST', `/api/stock/purchase-requests/${beef.id}/transitions`, manager, {
      to: 'rejected',
      note: 'raised again below by the manager',
    });
    const own = await kitchen.edge.api<{ created: StockPurchaseView[] }>(
      'POST',
      '/api/stock/reorder',
      manager,
    );
    const ownBeef = own.created.find((p) => p.ingredient === 'beef-patty');
    if (!ownBeef) throw new Error(`no new request for beef: ${JSON.stringify(own)}`);
    await page.getByRole('button', { name: 'All' }).click();
    await page.getByRole('button', { name: 'Open' }).click();
    const ownCard = page.getByTestId(`stock-purchase-${ownBeef.id}`);
    await ownCard.waitFor({ timeout: 5000 });
    expect(await ownCard.textContent()).toContain('Waiting for approval');
    expect(await ownCard.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    expect(await ownCard.getByRole('button', { name: 'Reject' }).count()).toBe(0);
  });
});
