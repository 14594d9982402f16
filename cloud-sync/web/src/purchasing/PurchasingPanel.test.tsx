// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RegionalInvoice, RegionalOrder, SpendRow } from '../../../../shared/central/purchasing-api';
import { renderWithI18n } from '../testing/render-with-i18n';
import { PurchasingBoard } from './PurchasingPanel';
import { formatAmount } from './purchasing-format';

afterEach(cleanup);

const header = { storeId: 'sh-001', storeName: '上海人民广场店', regionId: 'east', regionName: '华东区' };
const FRESH = { en: 'Fresh Meat Co.', 'zh-CN': '鲜肉供应公司' };

const spend: SpendRow = {
  ...header,
  supplier: 'fresh-meat',
  supplierName: FRESH,
  currency: 'CNY',
  ordered: '12345678.91',
  received: '849.11',
  invoiced: '893.80',
  paid: '0.00',
  orders: 3,
  receipts: 2,
};
const open: RegionalOrder = {
  ...header,
  orderId: 12,
  supplier: 'fresh-meat',
  supplierName: FRESH,
  currency: 'CNY',
  state: 'partially_received',
  gross: '872.00',
  receivedGross: '348.80',
  linesOutstanding: 1,
  placedAt: Date.UTC(2026, 2, 2, 8),
  createdAt: Date.UTC(2026, 2, 2, 7),
  receipts: 1,
};
const blocked: RegionalInvoice = {
  ...header,
  invoiceId: 4,
  orderId: 12,
  supplier: 'fresh-meat',
  supplierInvoiceNo: 'FP-0042',
  invoiceDate: '2026-03-03',
  currency: 'CNY',
  status: 'exception',
  unmatched: true,
  gross: '893.80',
  suggestedPayable: '849.11',
  payable: null,
  paid: '0.00',
  outstanding: '893.80',
  dueDate: '2026-04-02',
  overdue: true,
  exceptionLines: [{ line: 1, item: 'beef', within: false, reasons: ['quantity', 'price'] }],
  updatedAt: Date.UTC(2026, 2, 3),
};

describe('the purchasing board', () => {
  it('shows spend to the cent, open orders and a blocked invoice with its reasons, in zh-CN', () => {
    const onOpenStore = vi.fn();
    renderWithI18n(
      <PurchasingBoard
        spend={[spend]}
        totals={undefined}
        orders={[open]}
        invoices={[blocked]}
        onOpenStore={onOpenStore}
      />,
      'zh-CN',
    );
    const row = screen.getByTestId('spend-sh-001-fresh-meat');
    // Twelve million and change, grouped as text: a float would still print this, but not 0.1 + 0.2.
    expect(row.textContent).toContain('¥12,345,678.91');
    expect(row.textContent).toContain('3 张订单 · 2 次收货');
    expect(screen.getByTestId('order-sh-001-12').textContent).toContain('部分到货');
    const invoice = screen.getByTestId('invoice-sh-001-4');
    expect(invoice.textContent).toContain('匹配异常：暂停付款');
    expect(invoice.textContent).toContain('第 1 行（beef）：数量、单价');
    expect(invoice.textContent).toContain('已逾期');
    expect(invoice.className).toContain('row-critical');
    // Without totals (a region filter narrowed the rows), no total row is shown.
    expect(screen.queryByTestId('spend-total-CNY')).toBeNull();
    screen.getAllByText('上海人民广场店')[0]?.click();
    expect(onOpenStore).toHaveBeenCalledWith('sh-001');
  });

  it('says so when there is nothing, in en', () => {
    renderWithI18n(
      <PurchasingBoard spend={[]} totals={[]} orders={[]} invoices={[]} onOpenStore={() => {}} />,
    );
    expect(screen.getByText('No purchase order is waiting on goods.')).toBeTruthy();
    expect(screen.getByText('No unmatched or unpaid invoices.')).toBeTruthy();
  });
});

describe('formatAmount', () => {
  it('keeps every digit of the decimal text and marks a negative amount', () => {
    expect(formatAmount('0.30', 'CNY', 'en')).toBe('¥0.30');
    expect(formatAmount('-12.50', 'CNY', 'zh-CN')).toBe('−¥12.50');
    expect(formatAmount('1000000', 'XYZ', 'en')).toBe('XYZ 1,000,000');
  });
});
