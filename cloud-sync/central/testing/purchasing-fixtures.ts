import type { GoodsReceiptView, PurchaseOrderView } from '../../../shared/api/purchasing';
import type { PurchasingInvoiceEvent } from '../../../shared/purchasing/invoice-events';

/**
 * Purchasing documents as an edge syncs them (`purchasing.order`, `purchasing.receipt`,
 * `purchasing.invoice`), for central's projection tests and the regional page's.
 */
export const H = 3_600_000;
export const DAY = 24 * H;
/** When the fixtures' first order was made. */
export const T = Date.UTC(2026, 2, 2, 8, 0);
export const FRESH = { en: 'Fresh Meat Co.', 'zh-CN': '鲜肉供应公司' };

/** The order: 10 kg of beef at ¥80.00 and 9 % VAT → 800.00 + 72.00 = 872.00. */
export function order(
  id: number,
  state: PurchaseOrderView['state'],
  received: string,
  receipts: GoodsReceiptView[] = [],
  over: Partial<PurchaseOrderView> = {},
): PurchaseOrderView {
  return {
    id,
    supplier: 'fresh-meat',
    supplierName: FRESH,
    currency: 'CNY',
    paymentTermsDays: 30,
    state,
    note: null,
    lines: [
      {
        line: 1,
        kind: 'ingredient',
        item: 'beef',
        name: { en: 'Beef', 'zh-CN': '牛肉' },
        unit: 'kg',
        baseUnitsPerUnit: '1000',
        qty: '10',
        unitPrice: '80.00',
        taxRatePct: '9',
        net: '800.00',
        vat: '72.00',
        gross: '872.00',
        chilled: true,
        receivedQty: received,
        rejectedQty: '0',
        requests: [id],
      },
    ],
    totals: { net: '800.00', vat: '72.00', gross: '872.00' },
    createdAt: T,
    createdBy: 'buyer-zhao',
    placedAt: state === 'draft' ? null : T + id * H,
    placedBy: state === 'draft' ? null : 'buyer-zhao',
    history: [],
    receipts,
    ...over,
  };
}

export function receipt(id: number, orderId: number, qty: string, at: number): GoodsReceiptView {
  return {
    id,
    orderId,
    ref: `DN-${id}`,
    at,
    by: 'recv-sun',
    witnessedBy: null,
    lines: [
      {
        line: 1,
        acceptedQty: qty,
        rejectedQty: '0',
        rejectReason: null,
        lot: null,
        expiry: null,
        deliveryTempC: 3.5,
      },
    ],
  };
}

export function invoice(id: number, over: Partial<PurchasingInvoiceEvent>): PurchasingInvoiceEvent {
  return {
    id,
    orderId: 1,
    supplier: 'fresh-meat',
    supplierInvoiceNo: `INV-${id}`,
    invoiceDate: '2026-03-03',
    currency: 'CNY',
    status: 'matched',
    totals: { net: '820.00', vat: '73.80', gross: '893.80' },
    statedGross: '893.80',
    suggestedPayable: '893.80',
    payable: '893.80',
    paid: '0.00',
    match: [{ line: 1, item: 'beef', within: true, reasons: [] }],
    resolution: null,
    debitNote: null,
    recordedAt: T + DAY,
    updatedAt: T + DAY,
    ...over,
  };
}
