import { describe, expect, it } from 'vitest';
import { PurchasingSettings } from '../config/purchasing';
import { ApprovalSettings } from './approval-config';
import { estimateGross } from './approval-estimate';
import { type ApprovalRoutingInput, routeApproval } from './approval-routing';

const DEFAULTS = ApprovalSettings.parse(undefined);
const request = (change: Partial<ApprovalRoutingInput>): ApprovalRoutingInput => ({
  amount: '1800.00',
  category: 'part',
  newSupplier: false,
  newItem: false,
  requesterRoles: ['purchaser'],
  ...change,
});
const levels = (input: ApprovalRoutingInput, settings = DEFAULTS) =>
  routeApproval(input, settings).map((s) => s.level);

describe('approval routing (issue 20 acceptance)', () => {
  it('¥1 800 → one approval, the store manager', () => {
    expect(levels(request({}))).toEqual(['manager']);
  });

  it('¥1 800 from a new supplier → two approvals, the regional purchaser after the manager', () => {
    expect(levels(request({ newSupplier: true }))).toEqual(['manager', 'regional_purchaser']);
  });

  it('¥12 500 → three approvals in order: manager, regional manager, finance', () => {
    expect(levels(request({ amount: '12500.00' }))).toEqual(['manager', 'regional_manager', 'finance']);
  });

  it('a 店长 requesting ¥1 800 cannot approve it: it goes to the regional manager', () => {
    const plan = routeApproval(request({ requesterRoles: ['manager'] }), DEFAULTS);
    expect(plan.map((s) => s.level)).toEqual(['regional_manager']);
    expect(plan[0]?.why['zh-CN']).toContain('不能审批自己的申请');
  });
});

describe('approval routing: edges of the rules', () => {
  it('the limits are inclusive: ¥2 000.00 is the manager alone, ¥2 000.01 is not', () => {
    expect(levels(request({ amount: '2000.00' }))).toEqual(['manager']);
    expect(levels(request({ amount: '2000.01' }))).toEqual(['manager', 'regional_manager']);
    expect(levels(request({ amount: '10000.00' }))).toEqual(['manager', 'regional_manager']);
  });

  it('an unknown amount is decided by every money level', () => {
    expect(levels(request({ amount: null, newItem: true }))).toEqual([
      'manager',
      'regional_purchaser',
      'regional_manager',
      'finance',
    ]);
  });

  it("a category's own thresholds replace the general ones", () => {
    const settings = ApprovalSettings.parse({
      categories: { ingredient: { manager: '5000', regional_manager: '20000' } },
    });
    expect(levels(request({ category: 'ingredient', amount: '4800.00' }), settings)).toEqual(['manager']);
    expect(levels(request({ category: 'part', amount: '4800.00' }), settings)).toEqual([
      'manager',
      'regional_manager',
    ]);
  });

  it('a manager requesting ¥12 500 leaves the regional manager and finance, without a step twice', () => {
    expect(levels(request({ amount: '12500.00', requesterRoles: ['staff', 'manager'] }))).toEqual([
      'regional_manager',
      'finance',
    ]);
  });

  it('the config is strict: an unknown key is refused with its path, and limits must rise', () => {
    const unknown = ApprovalSettings.safeParse({ treshold: {} });
    expect(unknown.success).toBe(false);
    expect(JSON.stringify(unknown.error?.issues)).toContain('treshold');
    const falling = ApprovalSettings.safeParse({ thresholds: { manager: '5000', regional_manager: '1000' } });
    expect(falling.error?.issues[0]?.path).toEqual(['thresholds', 'regional_manager']);
    expect(PurchasingSettings.parse({}).approval.thresholds).toEqual({
      manager: '2000',
      regional_manager: '10000',
    });
  });
});

describe('the estimate the routing starts from', () => {
  const suppliers = PurchasingSettings.parse({
    suppliers: [
      {
        id: 'fresh-meat',
        name: { en: 'Fresh Meat', 'zh-CN': '鲜肉' },
        paymentTermsDays: 30,
        taxRatePct: '9',
        contact: { name: 'Li' },
        items: [{ kind: 'ingredient', id: 'beef', unit: 'kg', baseUnitsPerUnit: '1000', unitPrice: '82.00' }],
      },
      {
        id: 'cheap-meat',
        name: { en: 'Cheap Meat', 'zh-CN': '平价肉' },
        paymentTermsDays: 30,
        taxRatePct: '9',
        contact: { name: 'Wang' },
        items: [{ kind: 'ingredient', id: 'beef', unit: 'kg', baseUnitsPerUnit: '1000', unitPrice: '80.00' }],
      },
    ],
  }).suppliers;

  it("uses the cheapest supplier, the order's rounding: 9.5 kg × ¥80.00 at 9 % = ¥828.40", () => {
    expect(estimateGross({ kind: 'ingredient', id: 'beef', baseQty: '9500' }, suppliers)).toEqual({
      supplier: 'cheap-meat',
      qty: '9.5',
      gross: '828.40',
      currency: 'CNY',
    });
    expect(
      estimateGross({ kind: 'ingredient', id: 'beef', baseQty: '9500' }, suppliers.slice(0, 1))?.gross,
    ).toBe('849.11');
  });

  it('is undefined when nobody lists the item', () => {
    expect(estimateGross({ kind: 'part', id: 'X-1', baseQty: '1' }, suppliers)).toBeUndefined();
  });
});
