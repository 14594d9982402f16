import { z } from 'zod';
import { EquipmentId, SlugId } from '../ids';
import { Locale, LocalizedText } from '../localized-text';

/**
 * Purchase orders to suppliers (采购订单) and goods received against them (收货单).
 * Quantities and money travel as decimal text ("9.5", "849.11"): exact, never a binary
 * float; the edge computes with decimal.js.
 */

/** Most of one line ordered or received: more is a typing error, not a delivery. */
export const MAX_LINE_QTY = 1_000_000;

/** A positive or zero quantity as text, at most 3 decimals (a gram of a kg). */
export const QtyText = z
  .string()
  .trim()
  .regex(/^\d{1,7}(\.\d{1,3})?$/, 'a quantity such as "9.5", at most 3 decimals')
  .refine((s) => Number(s) <= MAX_LINE_QTY, `at most ${MAX_LINE_QTY}`);

/** draft → placed → partially_received → received; draft or placed → cancelled. */
export const PurchaseOrderState = z.enum(['draft', 'placed', 'partially_received', 'received', 'cancelled']);
export type PurchaseOrderState = z.infer<typeof PurchaseOrderState>;

export const RequestKind = z.enum(['ingredient', 'part']);
export type RequestKind = z.infer<typeof RequestKind>;

export const RequestRef = z.strictObject({
  kind: RequestKind.describe('ingredient: /api/stock/purchase-requests; part: /api/purchase-requests'),
  id: z.number().int().min(1),
});
export type RequestRef = z.infer<typeof RequestRef>;

/** `POST /api/purchase-orders`: approved requests, all to one supplier, become a draft order. */
export const CreatePurchaseOrder = z.strictObject({
  supplier: SlugId,
  requests: z.array(RequestRef).min(1).max(200),
  note: z.string().trim().max(1000).optional(),
});
export type CreatePurchaseOrder = z.infer<typeof CreatePurchaseOrder>;

/** `POST /api/purchase-orders/{id}/transitions`: placing or cancelling; receipts move the rest. */
export const PurchaseOrderTransition = z.strictObject({
  to: z.enum(['placed', 'cancelled']),
  note: z.string().trim().max(1000).optional(),
});
export type PurchaseOrderTransition = z.infer<typeof PurchaseOrderTransition>;

export const PurchaseOrderParams = z.object({ orderId: z.coerce.number().int().min(1) });

export const DocumentQuery = z.object({ lang: Locale.default('zh-CN') });

export const PurchaseOrdersQuery = z.object({
  state: z.enum(['open', 'all', ...PurchaseOrderState.options]).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
export type PurchaseOrdersQuery = z.infer<typeof PurchaseOrdersQuery>;

export const PurchaseOrderLineView = z.object({
  line: z.number().int().min(1),
  kind: RequestKind,
  item: z.string(),
  name: LocalizedText,
  unit: z.string(),
  baseUnitsPerUnit: z.string(),
  qty: z.string(),
  unitPrice: z.string(),
  taxRatePct: z.string(),
  net: z.string(),
  vat: z.string(),
  gross: z.string(),
  chilled: z.boolean(),
  receivedQty: z.string(),
  rejectedQty: z.string(),
  requests: z.array(z.number().int()),
});
export type PurchaseOrderLineView = z.infer<typeof PurchaseOrderLineView>;

export const PurchaseOrderStep = z.object({
  from: PurchaseOrderState.nullable(),
  to: PurchaseOrderState,
  at: z.number().int(),
  by: z.string(),
  note: z.string().nullable(),
});

export const ReceiptLineView = z.object({
  line: z.number().int(),
  acceptedQty: z.string(),
  rejectedQty: z.string(),
  rejectReason: z.string().nullable(),
  lot: z.string().nullable(),
  expiry: z.string().nullable(),
  deliveryTempC: z.number().nullable(),
  /** where `deliveryTempC` came from when a telemetry probe gave it (migration 033) */
  probe: z.object({ equipmentId: z.string(), readingAt: z.number().int() }).nullable().optional(),
});

export const GoodsReceiptView = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  ref: z.string(),
  at: z.number().int(),
  by: z.string(),
  witnessedBy: z.string().nullable(),
  lines: z.array(ReceiptLineView),
});
export type GoodsReceiptView = z.infer<typeof GoodsReceiptView>;

export const PurchaseOrderView = z.object({
  id: z.number().int(),
  supplier: z.string(),
  supplierName: LocalizedText,
  currency: z.string(),
  paymentTermsDays: z.number().int(),
  state: PurchaseOrderState,
  note: z.string().nullable(),
  lines: z.array(PurchaseOrderLineView),
  totals: z.object({ net: z.string(), vat: z.string(), gross: z.string() }),
  createdAt: z.number().int(),
  createdBy: z.string(),
  placedAt: z.number().int().nullable(),
  placedBy: z.string().nullable(),
  history: z.array(PurchaseOrderStep),
  receipts: z.array(GoodsReceiptView),
});
export type PurchaseOrderView = z.infer<typeof PurchaseOrderView>;
export const PurchaseOrderList = z.array(PurchaseOrderView);

/** Delivery temperatures a probe can read, °C. */
const DeliveryTempC = z.number().min(-60).max(100);

export const GoodsReceiptLine = z
  .strictObject({
    line: z.number().int().min(1),
    qty: QtyText.describe('accepted, in the order unit'),
    rejectedQty: QtyText.optional().describe('sent back, in the order unit'),
    rejectReason: z.string().trim().min(1).max(500).optional(),
    lot: z.string().trim().min(1).max(60).optional(),
    expiry: z.iso.date().optional().describe('YYYY-MM-DD'),
    deliveryTempC: DeliveryTempC.optional().describe('probe reading at delivery; required for chilled lines'),
    probe: EquipmentId.optional().describe(
      'instead of deliveryTempC: the equipment whose latest temperature reading is taken, if recent enough',
    ),
  })
  .refine((l) => l.deliveryTempC === undefined || l.probe === undefined, {
    message: 'give deliveryTempC or probe, not both',
    path: ['probe'],
  })
  .refine((l) => l.rejectedQty === undefined || Number(l.rejectedQty) === 0 || l.rejectReason !== undefined, {
    message: 'a rejected quantity needs its reason',
    path: ['rejectReason'],
  });
export type GoodsReceiptLine = z.infer<typeof GoodsReceiptLine>;

/** `POST /api/purchase-orders/{id}/receipts`: what arrived, line by line. */
export const GoodsReceiptRequest = z.strictObject({
  ref: z.string().trim().min(1).max(100).describe("the supplier's delivery note"),
  lines: z.array(GoodsReceiptLine).min(1).max(500),
  witness: z
    .strictObject({ user: z.string().min(1).max(64), pin: z.string().min(1).max(32) })
    .optional()
    .describe(
      'a second person who may receive, signing with their PIN: needed when the one who placed the order receives',
    ),
});
export type GoodsReceiptRequest = z.infer<typeof GoodsReceiptRequest>;

/** `purchasing.order` and `purchasing.receipt` outbox payloads are the views themselves. */
export const PurchasingOrderEvent = PurchaseOrderView;
export const PurchasingReceiptEvent = GoodsReceiptView;
