import { afterEach, describe, expect, it } from 'vitest';
import type { RoundPolicy } from '../../../shared/config/stock';
import { toThousandths } from '../../../shared/quantity';
import { reorderQuantity } from './reorder';
import { MANAGER, type StockKit, stockKit } from './testing/stock-kit';

const cups = (roundPolicy: RoundPolicy) => ({
  min: 5,
  max: 20,
  packs: [{ id: 'sleeve', name: 'Sleeve of 3', size: 3 }],
  roundPolicy,
});
const order = (policy: RoundPolicy, projected: number) =>
  reorderQuantity(cups(policy), toThousandths(projected), toThousandths)?.qtyMilli;

describe('reorder suggestions', () => {
  it('the issue: min 5, max 20, pack 3; projected 4 orders 18 rounding up, 15 down; projected 6 nothing', () => {
    expect(order('up', 4)).toBe(toThousandths(18));
    expect(order('down', 4)).toBe(toThousandths(15));
    expect(order('nearest', 4)).toBe(toThousandths(15));
    expect(order('up', 6)).toBeUndefined();
    expect(order('up', 5)).toBeUndefined();
    expect(order('nearest', 3.5)).toBe(toThousandths(18)); // 16.5 is 5.5 packs
    expect(reorderQuantity({ ...cups('down'), max: 6 }, toThousandths(4), toThousandths)).toBeUndefined();
  });

  let kit: StockKit | undefined;
  afterEach(() => kit?.close());

  it('turns suggestions into purchase requests waiting for approval, one open per ingredient', () => {
    const cup = (id: string, openingStock: number, roundPolicy: RoundPolicy) => ({
      id,
      name: { en: id, 'zh-CN': id },
      baseUnit: 'each' as const,
      openingStock,
      ...cups(roundPolicy),
    });
    kit = stockKit({
      ingredients: [cup('cup-up', 4, 'up'), cup('cup-down', 4, 'down'), cup('cup-ok', 6, 'up')],
    });
    expect(kit.stock.reorderSuggestions().map((s) => [s.ingredient, s.packs, s.qty])).toEqual([
      ['cup-up', 6, 18],
      ['cup-down', 5, 15],
    ]);
    const first = kit.stock.reorder(MANAGER);
    expect(first.created.map((r) => [r.ingredient, r.qty, r.status])).toEqual([
      ['cup-up', 18, 'requested'],
      ['cup-down', 15, 'requested'],
    ]);
    const again = kit.stock.reorder(MANAGER);
    expect(again.created).toEqual([]);
    expect(again.skipped.map((s) => s.ingredient)).toEqual(['cup-up', 'cup-down']);

    const id = first.created[0]?.id ?? 0;
    expect(() => kit?.stock.transitionPurchase(id, { to: 'received' }, MANAGER)).toThrow(
      'a requested purchase request cannot become received; allowed: approved, rejected',
    );
    // Someone other than whoever pressed reorder approves (segregation of duties).
    kit.stock.transitionPurchase(id, { to: 'approved' }, { id: 'manager-2' });
    kit.stock.receive(
      { ref: 'dn-9', lines: [{ ingredient: 'cup-up', packs: 6, purchaseRequestId: id }] },
      MANAGER,
    );
    expect(kit.level('cup-up')).toEqual({ onHand: 22, projected: 22, tracked: true });
    expect(kit.stock.purchases({ status: 'all', limit: 10 }).find((r) => r.id === id)).toMatchObject({
      status: 'received',
      receivedQty: 18,
      history: [{ to: 'requested' }, { to: 'approved' }, { to: 'received' }],
    });
    expect(kit.outbox('stock.purchase').length).toBe(4);
  });
});
