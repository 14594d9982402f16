import { join } from 'node:path';
import Decimal from 'decimal.js';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { enPurchasing, type PurchasingMessages } from '../display/src/i18n/en-purchasing';
import { zhCNPurchasing } from '../display/src/i18n/zh-CN-purchasing';
import { approvalCommandApplier } from '../edge/domains/purchasing/approval-commands';
import { ApprovalGate } from '../edge/domains/purchasing/approval-gate';
import type { PurchaseOrderView } from '../shared/api/purchasing';
import type { StockPurchaseView } from '../shared/api/stock';
import type { ApprovalStepEvent } from '../shared/purchasing/approval-events';
import type { SupplierInvoiceView } from '../shared/purchasing/invoice-api';
import { systemClock } from '../shared/server/runtime/clock';
import {
  type DisplayEdge,
  kitchenDisplayPerTest,
  PORTRAIT,
  SHOTS,
  TABLET,
  WALL,
} from './testing/display-kit';

const kitchen = kitchenDisplayPerTest();

/** Beef and cheese counted low, reordered by the purchaser and approved by the manager: two chilled lines to buy. */
async function approvedRequests(edge: DisplayEdge): Promise<StockPurchaseView[]> {
  const manager = await edge.login('mgr-li', '2222');
  const purchaser = await edge.login('buyer-zhao', '5555');
  await edge.api('POST', '/api/stock/counts', manager, {
    lines: [
      { ingredient: 'beef-patty', qty: 3000 },
      { ingredient: 'cheese-slice', qty: 10 },
    ],
  });
  const reorder = await edge.api<{ created: StockPurchaseView[] }>('POST', '/api/stock/reorder', purchaser);
  const wanted = reorder.created.filter(
    (p) => p.ingredient === 'beef-patty' || p.ingredient === 'cheese-slice',
  );
  expect(wanted).toHaveLength(2);
  for (const request of wanted) {
    await edge.api('POST', `/api/stock/purchase-requests/${request.id}/transitions`, manager, {
      to: 'approved',
    });
    await centralApproves(edge, request.id, manager);
  }
  return wanted;
}

/**
 * A first order from a supplier, or of an item, also needs the region's levels: their
 * decisions come down from central as `purchase.approval` store commands, applied here
 * through the same applier the sync loop hands them to.
 */
async function centralApproves(edge: DisplayEdge, requestId: number, token: string): Promise<void> {
  const app = edge.app;
  if (!app) throw new Error('edge not started');
  const apply = approvalCommandApplier({
    db: app.database,
    gate: new ApprovalGate({ db: app.database, storeId: app.config.store.id, config: () => app.config }),
    rooms: { stock: app.stock, parts: app.parts },
    clock: systemClock,
  });
  const steps = await edge.api<ApprovalStepEvent[]>(
    'GET',
    `/api/purchase-approvals/ingredient/${requestId}`,
    token,
  );
  for (const step of steps.filter((s) => s.status === 'pending'))
    apply(
      {
        kind: 'purchase.approval',
        requestKind: 'ingredient',
        requestId,
        step: step.step,
        level: step.level,
        outcome: 'approved',
        reason: null,
      },
      requestId * 100 + step.step,
      `regional-${step.level}`,
    );
  const all = await edge.api<StockPurchaseView[]>('GET', '/api/stock/purchase-requests?status=all', token);
  expect(all.find((r) => r.id === requestId)?.status).toBe('approved');
}

/** Logs in on the stock screen (the purchasing entry shows only to one signed in who may read orders). */
async function logIn(page: Page, user: string, pin: string, words: { stock: string; login: string }) {
  await page.getByRole('button', { name: words.stock, exact: true }).click();
  await page.getByRole('button', { name: words.login }).click();
  await page.locator(`[data-user-id="${user}"]`).click();
  for (const digit of pin) await page.locator('.pin-key', { hasText: digit }).first().click();
}

const EN = { stock: 'Stock', login: 'Log in to see stock' };

/**
 * Purchasing on the back-office tablet, in Chromium against a real edge (SQLite, broker,
 * API): the purchaser drafts and places an order from approved requests, the receiver
 * receives it with one chilled line refused above the cold-holding limit and rejected
 * whole, and neither is offered the other's steps.
 */
describe('kitchen display: purchase orders and goods receipts', () => {
  it('the purchaser orders, the receiver receives with a chilled line refused, each offered only their steps', async () => {
    const requests = await approvedRequests(kitchen.edge);
    const { page } = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'en');

    // Nobody signed in: no purchasing entry at all.
    await page.getByRole('button', { name: EN.stock, exact: true }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('button', { name: 'Purchasing', exact: true }).count()).toBe(0);

    // The purchaser (采购) drafts an order to Fresh Meat from both approved requests, and places it.
    await logIn(page, 'buyer-zhao', '5555', EN);
    await page.getByRole('button', { name: 'Purchasing', exact: true }).click();
    await page.getByRole('button', { name: 'New order' }).click();
    await page.locator('[data-supplier="fresh-meat"]').click();
    for (const r of requests) await page.getByText(`Ingredient #${r.id}`).waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Draft the order (2 requests)' }).click();
    await page.getByTestId('po-detail').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('po-state').textContent()).toBe('Draft');
    expect(await page.getByRole('button', { name: 'Receive goods' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Place with the supplier' }).click();
    await page.getByText(/Purchase order \d+ placed\./).waitFor({ timeout: 5000 });
    await page.locator('[data-testid="po-state"]', { hasText: /^Placed$/ }).waitFor({ timeout: 5000 });

    const manager = await kitchen.edge.login('mgr-li', '2222');
    const purchaser = await kitchen.edge.login('buyer-zhao', '5555');
    const [order] = await kitchen.edge.api<PurchaseOrderView[]>('GET', '/api/purchase-orders', manager);
    if (!order) throw new Error('no purchase order on the edge');
    expect(order).toMatchObject({ state: 'placed', supplier: 'fresh-meat', createdBy: 'buyer-zhao' });
    // Money on screen is the edge's decimal text, not a float re-rounded by the page.
    const shown = (await page.getByTestId('po-gross').textContent()) ?? '';
    expect(shown).toMatch(/^¥\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(shown.replace(/[¥,]/g, '')).toBe(order.totals.gross);
    const beef = order.lines.find((l) => l.item === 'beef-patty');
    const cheese = order.lines.find((l) => l.item === 'cheese-slice');
    if (!beef || !cheese) throw new Error(`lines: ${JSON.stringify(order.lines)}`);

    // The receiver (收货): receiving offered, ordering and finance not.
    await page.getByRole('button', { name: /Log out/ }).click();
    await logIn(page, 'recv-sun', '4444', EN);
    await page.getByRole('button', { name: 'Purchasing', exact: true }).click();
    expect(await page.getByRole('button', { name: 'New order' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Invoices', exact: true }).count()).toBe(0);
    await page.getByRole('button', { name: `PO ${order.id}` }).click();
    await page.getByTestId('po-detail').waitFor({ timeout: 5000 });
    for (const hidden of ['Place with the supplier', 'Cancel the order', 'Approve payment', 'Record payment'])
      expect(await page.getByRole('button', { name: hidden }).count()).toBe(0);
    await page.getByRole('button', { name: 'Receive goods' }).click();

    await page.getByLabel('Delivery note number').fill('DN-7788');
    await page.getByLabel('Lot of Beef patty').fill('L-2412');
    await page.getByLabel('Use-by date of Beef patty').fill('2030-01-15');
    await page.getByLabel('Delivery temperature of Beef patty in °C').fill('3.2');
    await page.getByLabel('Delivery temperature of Cheese slice in °C').fill('7.5');
    await page.getByRole('button', { name: 'Record the receipt' }).click();

    // Refused with the limit and its clause in English; the cheese is offered to reject whole.
    const refusal = page.locator('.po-refusal');
    await refusal.waitFor({ timeout: 5000 });
    const said = (await refusal.textContent()) ?? '';
    expect(said).toContain('Refused for food safety');
    expect(said).toContain('7.5 °C');
    expect(said).toContain('GCS-1');
    expect(await page.getByTestId(`po-receive-line-${cheese.line}`).getAttribute('class')).toContain(
      'stock-refused',
    );
    await page.getByRole('button', { name: 'Reject all of Cheese slice' }).click();
    expect(await page.getByLabel('Accepted of Cheese slice').inputValue()).toBe('0');
    expect(await page.getByLabel('Rejected of Cheese slice').inputValue()).toBe(cheese.qty);
    await page.getByRole('button', { name: 'Record the receipt' }).click();
    await page
      .getByText(/Goods received on purchase order \d+: now Partly received\./)
      .waitFor({ timeout: 5000 });
    // The order as read again after the receipt: what came in and what went back, per line.
    const exactly = (text: string) => new RegExp(`^${text.replace('.', '\\.')}$`);
    await page
      .locator(`[data-testid="po-line-${beef.line}-received"]`, {
        hasText: exactly(`${beef.qty} ${beef.unit}`),
      })
      .waitFor({ timeout: 5000 });
    await page
      .locator(`[data-testid="po-line-${cheese.line}-rejected"]`, {
        hasText: exactly(`${cheese.qty} ${cheese.unit}`),
      })
      .waitFor({ timeout: 5000 });
    await page.screenshot({ path: join(SHOTS, 'purchasing-received-1280x800-en.png') });

    // What the edge keeps: one receipt, by the receiver, with the lot and both temperatures.
    const after = await kitchen.edge.api<PurchaseOrderView>(
      'GET',
      `/api/purchase-orders/${order.id}`,
      manager,
    );
    expect(after.state).toBe('partially_received');
    expect(after.receipts).toHaveLength(1);
    expect(after.receipts[0]).toMatchObject({ ref: 'DN-7788', by: 'recv-sun', witnessedBy: null });
    expect(after.receipts[0]?.lines.find((l) => l.line === beef.line)).toMatchObject({
      acceptedQty: beef.qty,
      lot: 'L-2412',
      expiry: '2030-01-15',
      deliveryTempC: 3.2,
    });
    expect(after.receipts[0]?.lines.find((l) => l.line === cheese.line)).toMatchObject({
      acceptedQty: '0',
      rejectedQty: cheese.qty,
      deliveryTempC: 7.5,
    });

    // The supplier invoices the beef above the order price: an exception only finance may settle.
    const invoice = await kitchen.edge.api<SupplierInvoiceView>(
      'POST',
      `/api/purchase-orders/${order.id}/invoices`,
      purchaser,
      {
        invoiceNo: 'INV-1001',
        invoiceDate: '2026-12-07',
        lines: [{ line: beef.line, qty: beef.qty, unitPrice: '95.00' }],
        statedGross: new Decimal(beef.qty).times('95').times('1.09').toFixed(2),
      },
    );
    expect(invoice.status).toBe('exception');

    // Finance (财务): the match per line with its reasons, and its own steps one after the other.
    await page.getByRole('button', { name: /Log out/ }).click();
    await logIn(page, 'fin-qian', '6666', EN);
    await page.getByRole('button', { name: 'Purchasing', exact: true }).click();
    expect(await page.getByRole('button', { name: 'New order' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Invoices', exact: true }).click();
    await page.getByRole('button', { name: 'INV-1001' }).click();
    await page.getByTestId('invoice-detail').waitFor({ timeout: 5000 });
    expect(await page.getByTestId('invoice-status').textContent()).toBe('Exception: payment blocked');
    const line = page.getByTestId(`invoice-line-${beef.line}`);
    expect(await line.textContent()).toContain('Exception');
    expect(await line.textContent()).toContain(
      invoice.lines[0]?.match.reasons[0]?.messages.en ?? 'a reason for the exception',
    );
    expect(await page.getByRole('button', { name: 'Approve payment' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Short-pay the suggested amount' }).click();
    await page.getByLabel('Why (kept in the history)').fill('price above the order');
    await page.getByRole('button', { name: 'Resolve', exact: true }).click();
    await page.getByText('Resolved by finance', { exact: true }).first().waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Approve payment' }).click();
    await page
      .getByTestId('invoice-status')
      .getByText('Payment approved', { exact: true })
      .waitFor({ timeout: 5000 });
    await page.getByLabel('Reference').fill('BANK-778');
    await page.getByRole('button', { name: 'Record payment' }).click();
    await page.getByTestId('invoice-status').getByText('Paid', { exact: true }).waitFor({ timeout: 5000 });
    const paid = await kitchen.edge.api<SupplierInvoiceView>(
      'GET',
      `/api/supplier-invoices/${invoice.id}`,
      manager,
    );
    const payable = invoice.suggestedPayable;
    expect(paid).toMatchObject({ status: 'paid', payable, paid: payable });
    expect(paid.payments[0]).toMatchObject({
      reference: 'BANK-778',
      by: 'fin-qian',
      method: 'bank_transfer',
    });
  }, 40_000);

  it('the orderer receives only with a second signer, and who received may not approve the payment: each refusal as the edge words it', async () => {
    const requests = await approvedRequests(kitchen.edge);
    // The store's owner account holds every permission: only the duties kept apart stop it.
    const owner = await kitchen.edge.login('admin', '1234');
    const drafted = await kitchen.edge.api<PurchaseOrderView>('POST', '/api/purchase-orders', owner, {
      supplier: 'fresh-meat',
      requests: requests.map((r) => ({ kind: 'ingredient', id: r.id })),
    });
    await kitchen.edge.api('POST', `/api/purchase-orders/${drafted.id}/transitions`, owner, { to: 'placed' });

    const { page } = await kitchen.open(kitchen.edge.pairedUrl(), TABLET, 'en');
    await logIn(page, 'admin', '1234', EN);
    await page.getByRole('button', { name: 'Purchasing', exact: true }).click();
    await page.getByRole('button', { name: `PO ${drafted.id}` }).click();
    await page.getByRole('button', { name: 'Receive goods' }).click();
    await page.getByLabel('Delivery temperature of Beef patty in °C').fill('2.5');
    await page.getByLabel('Delivery temperature of Cheese slice in °C').fill('3');
    await page.getByRole('button', { name: 'Record the receipt' }).click();
    const refusal = page.locator('.po-refusal');
    await refusal.waitFor({ timeout: 5000 });
    // The edge's own reason, as it words it (shared/permissions-segregation.ts).
    expect(await refusal.textContent()).toContain('may not receive them alone');
    await page.getByRole('button', { name: 'A second person signs' }).click();
    // Only people who may receive are offered, and neither the one who placed it nor oneself.
    expect(await page.locator('[data-user-id="admin"]').count()).toBe(0);
    expect(await page.locator('[data-user-id="buyer-zhao"]').count()).toBe(0);
    await page.locator('[data-user-id="recv-sun"]').click();
    for (const digit of '4444') await page.locator('.pin-key', { hasText: digit }).first().click();
    await page.getByText(/Goods received on purchase order \d+: now Received\./).waitFor({ timeout: 5000 });
    const after = await kitchen.edge.api<PurchaseOrderView>(
      'GET',
      `/api/purchase-orders/${drafted.id}`,
      owner,
    );
    expect(after.state).toBe('received');
    expect(after.receipts[0]).toMatchObject({ by: 'admin', witnessedBy: 'recv-sun' });
    expect(await page.getByTestId('po-receipts').textContent()).toContain('signed also by 孙 Receiver Sun');

    // Invoiced exactly as ordered: matched, ready to pay, but not by one who received the goods.
    const purchaser = await kitchen.edge.login('buyer-zhao', '5555');
    await kitchen.edge.api('POST', `/api/purchase-orders/${drafted.id}/invoices`, purchaser, {
      invoiceNo: 'INV-3001',
      invoiceDate: '2026-12-07',
      lines: after.lines.map((l) => ({ line: l.line, qty: l.qty, unitPrice: l.unitPrice })),
      statedGross: after.totals.gross,
    });
    await page.getByRole('button', { name: 'Invoices', exact: true }).click();
    await page.getByRole('button', { name: 'INV-3001' }).click();
    await page.getByTestId('invoice-status').getByText('Matched: ready to pay').waitFor({ timeout: 5000 });
    await page.getByRole('button', { name: 'Approve payment' }).click();
    const refused = page.getByTestId('invoice-actions').getByRole('alert');
    await refused.waitFor({ timeout: 5000 });
    expect(await refused.textContent()).toContain('may not approve paying for them');
  }, 30_000);

  it('screenshots: orders and a refused chilled line on the wall, tablet and portrait screens, in both languages', async () => {
    const requests = await approvedRequests(kitchen.edge);
    const purchaser = await kitchen.edge.login('buyer-zhao', '5555');
    const drafted = await kitchen.edge.api<PurchaseOrderView>('POST', '/api/purchase-orders', purchaser, {
      supplier: 'fresh-meat',
      requests: requests.map((r) => ({ kind: 'ingredient', id: r.id })),
    });
    await kitchen.edge.api('POST', `/api/purchase-orders/${drafted.id}/transitions`, purchaser, {
      to: 'placed',
    });
    // Buns counted low and reordered by the purchaser: a request waiting at the store's level.
    const manager = await kitchen.edge.login('mgr-li', '2222');
    await kitchen.edge.api('POST', '/api/stock/counts', manager, { lines: [{ ingredient: 'bun', qty: 10 }] });
    await kitchen.edge.api('POST', '/api/stock/reorder', purchaser);
    const { page } = await kitchen.open(kitchen.edge.pairedUrl(), WALL, 'en');
    await logIn(page, 'admin', '1234', EN);
    // Invoiced before anything came in, typed in on the order: an exception on quantity and price.
    const beef = drafted.lines.find((l) => l.item === 'beef-patty');
    if (!beef) throw new Error('no beef line');
    await page.getByRole('button', { name: 'Purchasing', exact: true }).click();
    await page.getByRole('button', { name: `PO ${drafted.id}`, exact: true }).click();
    await page.getByRole('button', { name: 'Record supplier invoice' }).click();
    await page.getByLabel('Invoice number').fill('INV-2001');
    await page.getByLabel('Beef patty: invoiced quantity (kg)').fill(beef.qty);
    await page.getByLabel('Beef patty: unit price before VAT').fill('95.00');
    await page
      .getByLabel('Total incl. VAT as printed')
      .fill(new Decimal(beef.qty).times('95').times('1.09').toFixed(2));
    await page.getByRole('button', { name: 'Record and match' }).click();
    await page.locator('[data-testid="invoice-status"]', { hasText: 'Exception' }).waitFor({ timeout: 5000 });

    // The screen's own strings in each language, with the items' names filled in.
    const names = { en: ['Beef patty', 'Cheese slice'], 'zh-CN': ['牛肉饼', '芝士片'] } as const;
    for (const lang of ['en', 'zh-CN'] as const) {
      const m: PurchasingMessages = lang === 'en' ? enPurchasing : zhCNPurchasing;
      const temp = (item: string) => m.receive.tempOf.replace('{{item}}', item);
      const open = m.orders.open.replace('{{id}}', String(drafted.id));
      if (lang === 'zh-CN') await page.locator('button', { hasText: /^中文$/ }).click();
      for (const [size, viewport] of [
        ['1920x1080', WALL],
        ['1280x800', TABLET],
        ['800x1280', PORTRAIT],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.getByRole('button', { name: m.nav, exact: true }).click();
        await page.getByRole('button', { name: m.tab.orders, exact: true }).click();
        await page.getByRole('button', { name: open, exact: true }).waitFor({ timeout: 5000 });
        await page.screenshot({ path: join(SHOTS, `purchasing-orders-${size}-${lang}.png`) });
        await page.getByRole('button', { name: open, exact: true }).click();
        await page.getByRole('button', { name: m.detail.receive, exact: true }).click();
        await page.getByLabel(temp(names[lang][0])).fill('3.2');
        await page.getByLabel(temp(names[lang][1])).fill('7.5');
        await page.getByRole('button', { name: m.receive.confirm }).click();
        const refusal = page.locator('.po-refusal');
        await refusal.waitFor({ timeout: 5000 });
        await refusal.scrollIntoViewIfNeeded();
        expect(await refusal.textContent()).toContain('GCS-1');
        await page.screenshot({ path: join(SHOTS, `purchasing-receive-refused-${size}-${lang}.png`) });
        await page.locator('.po-receive').getByRole('button', { name: m.cancel, exact: true }).click();
        await page.getByRole('button', { name: m.tab.invoices, exact: true }).click();
        await page.getByRole('button', { name: 'INV-2001' }).click();
        await page.getByTestId('invoice-detail').waitFor({ timeout: 5000 });
        await page.screenshot({ path: join(SHOTS, `purchasing-invoice-${size}-${lang}.png`) });
        await page.getByRole('button', { name: m.tab.approvals, exact: true }).click();
        await page.locator('.po-approval').first().waitFor({ timeout: 5000 });
        await page.screenshot({ path: join(SHOTS, `purchasing-approvals-${size}-${lang}.png`) });
      }
    }
  }, 60_000);
});
