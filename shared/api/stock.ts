import { z } from 'zod';
import { BaseUnit, RoundPolicy } from '../config/stock';
import { SlugId } from '../ids';
import { MAX_QUANTITY_MOVED, MAX_STOCK_LEVEL, quantity } from '../quantity';
import { PurchaseStatus } from './parts';

/**
 * Food stock over HTTP and to central. Quantities are in each ingredient's base unit
 * (g, ml, each), exact to a thousandth; money is `{currency, amount}` with `amount` in
 * major units exact to the minor unit (computed in integer cents, shown as 12.34).
 */

/** `production`: a batch made, its ingredients used (negative) and its yield added (positive). */
export const MovementReason = z.enum(['sale', 'void', 'count', 'waste', 'delivery', 'adjust', 'production']);
export type MovementReason = z.infer<typeof MovementReason>;

export const BusinessDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a business date, YYYY-MM-DD');

export const Money = z.object({ currency: z.string(), amount: z.number() });
export type Money = z.infer<typeof Money>;

// ---- requests

const CountedQuantity = quantity({ sign: 'nonnegative', max: MAX_STOCK_LEVEL, what: 'a count' });
const MovedQuantity = (what: string) => quantity({ sign: 'positive', max: MAX_QUANTITY_MOVED, what });

/** `POST /api/stock/counts`: what is on the shelf, in base units. */
export const StockCountRequest = z.object({
  location: SlugId.optional().describe('count only this location'),
  full: z
    .boolean()
    .default(false)
    .describe('a full count lists every ingredient (of the location); a partial one only some'),
  lines: z
    .array(z.object({ ingredient: SlugId, qty: CountedQuantity }))
    .min(1)
    .max(500),
  note: z.string().max(500).optional(),
});
export type StockCountRequest = z.infer<typeof StockCountRequest>;

export const DeliveryLine = z
  .object({
    ingredient: SlugId,
    qty: MovedQuantity('a delivery').optional().describe('in the base unit'),
    packs: z.number().int().min(1).max(10_000).optional().describe('whole packs of `pack`'),
    pack: SlugId.optional().describe("which pack; default: the ingredient's order pack"),
    purchaseRequestId: z
      .number()
      .int()
      .positive()
      .optional()
      .describe('the approved ingredient purchase request this delivery fills'),
  })
  .superRefine((line, ctx) => {
    if ((line.qty === undefined) === (line.packs === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['qty'],
        message: 'give either qty (base units) or packs, not both',
      });
  });

/** `POST /api/stock/deliveries`: goods received. */
export const StockDeliveryRequest = z.object({
  ref: z.string().trim().min(1).max(100).describe("the supplier's delivery note"),
  lines: z.array(DeliveryLine).min(1).max(500),
});
export type StockDeliveryRequest = z.infer<typeof StockDeliveryRequest>;

/** `POST /api/stock/waste`: dropped, spoiled, burnt. */
export const StockWasteRequest = z.object({
  ingredient: SlugId,
  qty: MovedQuantity('waste'),
  reason: z.string().trim().min(1).max(500),
});
export type StockWasteRequest = z.infer<typeof StockWasteRequest>;

/** Most batches made at once: more is a typing error, not a prep list. */
export const MAX_BATCHES_MADE = 100;

/** `POST /api/stock/batches`: a sub-recipe made in batches, by whole batches or by the quantity made. */
export const StockBatchRequest = z
  .object({
    subRecipe: SlugId,
    batches: z
      .number()
      .int('whole batches; give qty for part of one')
      .min(1, 'at least 1 batch')
      .max(MAX_BATCHES_MADE, `at most ${MAX_BATCHES_MADE} batches at once`)
      .optional(),
    qty: MovedQuantity('a batch quantity').optional().describe("what was made, in the sub-recipe's unit"),
    note: z.string().max(500).optional(),
  })
  .superRefine((request, ctx) => {
    if ((request.batches === undefined) === (request.qty === undefined))
      ctx.addIssue({
        code: 'custom',
        path: ['batches'],
        message: "give either batches or qty (in the sub-recipe's unit), not both",
      });
  });
export type StockBatchRequest = z.infer<typeof StockBatchRequest>;

export const VarianceQuery = z.object({ businessDate: BusinessDate });

export const IngredientParams = z.object({ ingredient: SlugId });
export const StockPurchaseParams = z.object({ requestId: z.coerce.number().int().positive() });

export const StockPurchasesQuery = z.object({
  status: z.enum(['open', 'all', ...PurchaseStatus.options]).default('open'),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
export type StockPurchasesQuery = z.infer<typeof StockPurchasesQuery>;

export const StockPurchaseTransition = z.discriminatedUnion('to', [
  z.object({ to: z.literal('approved'), note: z.string().max(2000).optional() }),
  z.object({ to: z.literal('rejected'), note: z.string().trim().min(1).max(2000).describe('why') }),
  z.object({
    to: z.literal('received'),
    qty: MovedQuantity('a delivery').optional().describe('what arrived; default: what was requested'),
    note: z.string().max(2000).optional(),
  }),
]);
export type StockPurchaseTransition = z.infer<typeof StockPurchaseTransition>;

// ---- views

export const StockLevelView = z.object({
  ingredient: z.string(),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }),
  baseUnit: BaseUnit,
  location: z.string(),
  tracked: z.boolean().describe('counted at least once (or given an opening stock); untracked is never 0'),
  onHand: z.number().nullable().describe('last count plus deliveries since; null when untracked'),
  projected: z
    .number()
    .nullable()
    .describe('on hand less theoretical usage and waste since the count; null when untracked'),
  min: z.number().nullable(),
  max: z.number().nullable(),
  low: z.boolean().describe('projected below the minimum'),
  lowAlerted: z.boolean().describe('the low-stock alert went out and waits for a restock above the minimum'),
  lastCountAt: z.number().int().nullable(),
});
export type StockLevelView = z.infer<typeof StockLevelView>;

export const MenuPortionsView = z.object({
  item: z.string(),
  portions: z.number().int().nullable().describe('portions the projected stock makes; null: untracked'),
  limitedBy: z.string().nullable().describe('the tracked ingredient that runs out first'),
});
export type MenuPortionsView = z.infer<typeof MenuPortionsView>;

/** A sub-recipe made in batches, as the stock room makes it; its level is among `levels`. */
export const BatchView = z.object({
  subRecipe: z.string(),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }),
  unit: BaseUnit,
  yield: z.number().describe('what one batch makes, in `unit`'),
  location: z.string(),
  shelfLifeHours: z.number().int().nullable(),
  ingredients: z
    .array(z.object({ ingredient: z.string(), qty: z.number() }))
    .describe('what one batch takes'),
  suggestedBatches: z
    .number()
    .int()
    .nullable()
    .describe('projected below the minimum: whole batches back to par; null: nothing to make'),
  lastMadeAt: z.number().int().nullable(),
  expiresAt: z.number().int().nullable().describe('when the last batch made goes off; null: no shelf life'),
});
export type BatchView = z.infer<typeof BatchView>;

export const StockOverview = z.object({
  currency: z.string(),
  levels: z.array(StockLevelView),
  portions: z.array(MenuPortionsView),
  batches: z.array(BatchView).default([]),
});
export type StockOverview = z.infer<typeof StockOverview>;

export const StockMovementView = z.object({
  id: z.number().int(),
  ingredient: z.string(),
  delta: z.number(),
  reason: MovementReason,
  counted: z.number().nullable().describe('for a count: the level counted'),
  ref: z.string().nullable(),
  note: z.string().nullable(),
  at: z.number().int(),
  businessDate: z.string(),
  by: z.string(),
});
export type StockMovementView = z.infer<typeof StockMovementView>;
export const StockMovementList = z.array(StockMovementView);

export const VarianceLine = z.object({
  ingredient: z.string(),
  baseUnit: BaseUnit,
  opening: z.number().nullable().describe('the count that opened the day (the last before it)'),
  received: z.number().describe('delivered, adjusted, or made in batches'),
  closing: z.number().nullable().describe("the day's last count; null: not counted, no actual usage"),
  actualUsage: z.number().nullable().describe('opening + received − closing'),
  theoreticalUsage: z.number().describe('what the recipes say the sales (and the batches made) used'),
  variance: z.number().nullable().describe('actual − theoretical'),
  waste: z.number().describe('logged waste'),
  netVariance: z.number().nullable().describe('variance − logged waste: what nobody can explain'),
  cost: z.object({
    theoreticalUsage: Money,
    variance: Money.nullable(),
    waste: Money,
    netVariance: Money.nullable(),
  }),
});
export type VarianceLine = z.infer<typeof VarianceLine>;

export const VarianceReport = z.object({
  businessDate: z.string(),
  currency: z.string(),
  lines: z.array(VarianceLine),
  totals: z.object({ variance: Money, waste: Money, netVariance: Money }),
});
export type VarianceReport = z.infer<typeof VarianceReport>;

/**
 * `order`: an ingredient to buy, in whole packs. `make`: a sub-recipe made in batches to
 * make (a production task, never a purchase request): its pack is one batch.
 */
export const SuggestionKind = z.enum(['order', 'make']);
export type SuggestionKind = z.infer<typeof SuggestionKind>;

export const ReorderSuggestion = z.object({
  kind: SuggestionKind.default('order'),
  ingredient: z.string().describe('the ingredient, or for `make` the sub-recipe'),
  projected: z.number(),
  min: z.number(),
  max: z.number(),
  need: z.number().describe('max − projected'),
  policy: RoundPolicy,
  pack: z.object({ id: z.string(), size: z.number() }).nullable(),
  packs: z.number().int().nullable(),
  qty: z.number().describe('what to order (or make), in the base unit'),
  leadTimeDays: z.number().int(),
  openPurchaseRequestId: z.number().int().nullable(),
});
export type ReorderSuggestion = z.infer<typeof ReorderSuggestion>;
export const ReorderSuggestionList = z.array(ReorderSuggestion);

export const StockPurchaseView = z.object({
  id: z.number().int(),
  ingredient: z.string(),
  qty: z.number(),
  packId: z.string().nullable(),
  packs: z.number().int().nullable(),
  status: PurchaseStatus,
  requestedAt: z.number().int(),
  requestedBy: z.string(),
  decidedAt: z.number().int().nullable(),
  decidedBy: z.string().nullable(),
  receivedAt: z.number().int().nullable(),
  receivedBy: z.string().nullable(),
  receivedQty: z.number().nullable(),
  history: z.array(
    z.object({
      from: PurchaseStatus.nullable(),
      to: PurchaseStatus,
      at: z.number().int(),
      by: z.string(),
      note: z.string().nullable(),
    }),
  ),
});
export type StockPurchaseView = z.infer<typeof StockPurchaseView>;
export const StockPurchaseList = z.array(StockPurchaseView);

/**
 * `GET /api/stock/purchase-requests`: each request with its cost, so whoever approves
 * sees the money. Priced when read, not kept: the outbox event stays the bare request.
 */
export const PricedStockPurchase = StockPurchaseView.extend({
  cost: Money.nullable().describe(
    "what was received (else requested) at the ingredient's cost per unit; null: no longer in the config",
  ),
});
export type PricedStockPurchase = z.infer<typeof PricedStockPurchase>;
export const PricedStockPurchaseList = z.array(PricedStockPurchase);

/** What `POST /api/stock/batches` answers: the batch recorded and the levels it moved. */
export const StockBatchView = z.object({
  id: z.number().int(),
  subRecipe: z.string(),
  batches: z.number().int().nullable().describe('null when made by quantity'),
  qty: z.number().describe("what was made, in the sub-recipe's unit"),
  madeAt: z.number().int(),
  madeBy: z.string(),
  businessDate: z.string(),
  expiresAt: z.number().int().nullable(),
  note: z.string().nullable(),
  levels: z.array(StockLevelView).describe('the sub-recipe first, then the ingredients it used'),
});
export type StockBatchView = z.infer<typeof StockBatchView>;

export const ReorderResult = z.object({
  created: z.array(StockPurchaseView),
  skipped: z.array(z.object({ ingredient: z.string(), reason: z.string() })),
});
export type ReorderResult = z.infer<typeof ReorderResult>;

// ---- outbox payloads for central

/**
 * `stock.level`, entityId = the change's ref: the levels one change moved, coalesced per
 * change; a batch made (`production`, ref `batch:<id>`) moves its ingredients and itself.
 */
export const StockLevelEvent = z.object({
  reason: MovementReason,
  ref: z.string(),
  businessDate: z.string(),
  levels: z.array(
    z.object({
      ingredient: z.string(),
      tracked: z.boolean(),
      onHand: z.number().nullable(),
      projected: z.number().nullable(),
    }),
  ),
});
export type StockLevelEvent = z.infer<typeof StockLevelEvent>;

/** `stock.low`, entityId = ingredient: once per crossing below the minimum. */
export const StockLowEvent = z.object({
  ingredient: z.string(),
  projected: z.number(),
  min: z.number(),
  at: z.number().int(),
});
export type StockLowEvent = z.infer<typeof StockLowEvent>;

/** `stock.variance`, entityId = business date: the day's report after each count (central keeps the latest). */
export const StockVarianceEvent = VarianceReport;
export type StockVarianceEvent = z.infer<typeof StockVarianceEvent>;

/** `stock.purchase`, entityId = request id: an ingredient purchase request and its step. */
export const StockPurchaseEvent = StockPurchaseView;
