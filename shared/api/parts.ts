import { z } from 'zod';
import { PartNumber } from '../config/parts';
import { MAX_QUANTITY_MOVED, quantity } from '../quantity';

export const PurchaseStatus = z.enum(['requested', 'approved', 'rejected', 'received']);
export type PurchaseStatus = z.infer<typeof PurchaseStatus>;

export const MovementReason = z.enum(['seed', 'used', 'adjusted', 'received']);
export type MovementReason = z.infer<typeof MovementReason>;

export const PartView = z.object({
  partNumber: z.string(),
  name: z.string(),
  unit: z.string(),
  decimals: z.number().int().describe('decimals a quantity of this part may have (0: whole numbers)'),
  equipmentTypes: z.array(z.string()),
  reorderPoint: z.number(),
  reorderQuantity: z.number(),
  onHand: z.number().describe('never below 0: a use beyond the count takes it to 0 and notes the shortfall'),
  belowReorderPoint: z.boolean(),
  openPurchaseRequestId: z.number().int().nullable().describe('the requested or approved purchase, if any'),
});
export type PartView = z.infer<typeof PartView>;
export const PartList = z.array(PartView);

export const PartMovementView = z.object({
  id: z.number().int(),
  partNumber: z.string(),
  delta: z.number(),
  onHandAfter: z.number(),
  reason: MovementReason,
  ticketId: z.number().int().nullable(),
  equipmentId: z.string().nullable(),
  purchaseRequestId: z.number().int().nullable(),
  note: z.string().nullable(),
  at: z.number().int(),
  by: z.string(),
});
export type PartMovementView = z.infer<typeof PartMovementView>;
export const PartDetail = PartView.extend({ movements: z.array(PartMovementView) });
export type PartDetail = z.infer<typeof PartDetail>;

export const PartParams = z.object({ partNumber: PartNumber });

/** `POST /api/parts/{partNumber}/adjustments`: a manager corrects the stock after a count. */
export const StockAdjustmentRequest = z.object({
  delta: quantity({ sign: 'nonzero', max: MAX_QUANTITY_MOVED, what: 'a correction' }).describe(
    'added to the stock; negative takes away; refused when it would leave the stock below 0',
  ),
  reason: z.string().trim().min(1).max(500),
});
export type StockAdjustmentRequest = z.infer<typeof StockAdjustmentRequest>;

export const PurchaseTransitionRecord = z.object({
  from: PurchaseStatus.nullable(),
  to: PurchaseStatus,
  at: z.number().int(),
  by: z.string(),
  note: z.string().nullable(),
});
export type PurchaseTransitionRecord = z.infer<typeof PurchaseTransitionRecord>;

export const PurchaseRequestView = z.object({
  id: z.number().int(),
  partNumber: z.string(),
  quantity: z.number(),
  status: PurchaseStatus,
  reason: z.enum(['reorder_point', 'manual']),
  requestedAt: z.number().int(),
  requestedBy: z.string(),
  decidedAt: z.number().int().nullable(),
  decidedBy: z.string().nullable(),
  receivedAt: z.number().int().nullable(),
  receivedBy: z.string().nullable(),
  receivedQuantity: z.number().nullable(),
  updatedAt: z.number().int(),
  history: z.array(PurchaseTransitionRecord),
});
export type PurchaseRequestView = z.infer<typeof PurchaseRequestView>;
export const PurchaseRequestList = z.array(PurchaseRequestView);

export const PurchaseRequestsQuery = z.object({
  status: z
    .enum(['open', 'all', ...PurchaseStatus.options])
    .default('open')
    .describe('open: requested or approved'),
  partNumber: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type PurchaseRequestsQuery = z.infer<typeof PurchaseRequestsQuery>;

/** `POST /api/purchase-requests`: a manager asks for a part before it runs short. */
export const ManualPurchaseRequest = z.object({
  partNumber: PartNumber,
  quantity: quantity({ sign: 'positive', max: MAX_QUANTITY_MOVED, what: 'a purchase' })
    .optional()
    .describe("defaults to the part's reorder quantity"),
  note: z.string().max(2000).optional(),
});
export type ManualPurchaseRequest = z.infer<typeof ManualPurchaseRequest>;

export const PurchaseTransitionRequest = z.discriminatedUnion('to', [
  z.object({ to: z.literal('approved'), note: z.string().max(2000).optional() }),
  z.object({ to: z.literal('rejected'), note: z.string().trim().min(1).max(2000).describe('why') }),
  z.object({
    to: z.literal('received'),
    quantity: quantity({ sign: 'positive', max: MAX_QUANTITY_MOVED, what: 'a delivery' })
      .optional()
      .describe('what arrived; defaults to what was requested'),
    note: z.string().max(2000).optional(),
  }),
]);
export type PurchaseTransitionRequest = z.infer<typeof PurchaseTransitionRequest>;
