import { z } from 'zod';
import { SlugId } from '../ids';
import { ApprovalSettings } from '../purchasing/approval-config';
import { LocalizedText } from './localized-text';

/**
 * The supplier master (供应商主数据) of a store: who it buys from, on what terms, at
 * which tax rate, and each supplier's price list. It lives in the store config, not in
 * the database: suppliers and prices are head-office master data rolled out with the
 * config, reviewed like it and checked by the same schema; the box keeps only the
 * documents made from them (orders, receipts).
 */

/** A non-negative decimal written as text, so no binary float ever rounds a price or a rate. */
const decimalText = (what: string, maxDecimals: number) =>
  z
    .string()
    .trim()
    .regex(
      new RegExp(`^\\d{1,9}(\\.\\d{1,${maxDecimals}})?$`),
      `${what}: a decimal such as "82.00", at most ${maxDecimals} decimals`,
    );

/** Most a price of one order unit may be: more is a typing error, not a purchase. */
export const MAX_UNIT_PRICE = 1_000_000;

export const UnitPrice = decimalText('a unit price', 4).refine(
  (s) => Number(s) > 0 && Number(s) <= MAX_UNIT_PRICE,
  `a unit price is above 0 and at most ${MAX_UNIT_PRICE}`,
);

/** VAT in percent, e.g. "9" or "13"; China's rates are 0, 1, 3, 6, 9 and 13. */
export const TaxRatePct = decimalText('a tax rate in %', 2).refine(
  (s) => Number(s) <= 30,
  'a tax rate is between 0 and 30 %',
);

export const SupplierItem = z.strictObject({
  kind: z.enum(['ingredient', 'part']),
  id: z.string().trim().min(1).max(64).describe('an ingredient id of `stock`, or a part number of `parts`'),
  unit: z.string().trim().min(1).max(20).describe('the unit the supplier sells in, e.g. kg, case, each'),
  baseUnitsPerUnit: decimalText('base units per order unit', 3)
    .refine((s) => Number(s) > 0 && Number(s) <= 1_000_000, 'above 0 and at most 1 000 000')
    .default('1')
    .describe("how many of the item's base units (g, ml, each) one order unit is: 1000 for kg of a g item"),
  unitPrice: UnitPrice.describe("per order unit, in the supplier's currency, before tax"),
  taxRatePct: TaxRatePct.optional().describe("omitted: the supplier's rate"),
  chilled: z
    .boolean()
    .default(false)
    .describe("delivered chilled: its delivery temperature is checked against the pack's cold-holding limit"),
});
export type SupplierItem = z.infer<typeof SupplierItem>;

export const Supplier = z.strictObject({
  id: SlugId,
  name: LocalizedText,
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as CNY')
    .default('CNY'),
  paymentTermsDays: z.number().int().min(0).max(180).describe('days after the invoice the payment is due'),
  taxRatePct: TaxRatePct.describe('the VAT rate of its lines unless an item says otherwise'),
  contact: z.strictObject({
    name: z.string().trim().min(1).max(100),
    phone: z.string().trim().min(3).max(40).optional(),
    email: z.email().optional(),
  }),
  items: z.array(SupplierItem).max(2000).default([]),
  new: z
    .boolean()
    .optional()
    .describe(
      'true: not yet vetted, its requests need the regional purchaser; false: vetted by head office with its price list (a store that kept its records on paper before); absent: new until an order was placed with it',
    ),
});
export type Supplier = z.infer<typeof Supplier>;

/** A limit in percent, e.g. "2" or "0.5"; 100 % is as loose as a limit can sensibly be. */
const TolerancePct = decimalText('a tolerance in %', 2).refine((s) => Number(s) <= 100, 'at most 100 %');

/**
 * How far an invoice may stray from the order and the receipts and still be paid without
 * finance looking (三单匹配容差). Each limit is optional; a line is within tolerance only
 * if it is within every limit that is set. Quantities are in the order unit, prices per
 * order unit before tax; only over-billing counts (being charged less never harms the store).
 */
export const MatchTolerances = z.strictObject({
  quantityPct: TolerancePct.optional().describe('invoiced above received, in % of received'),
  quantityAbs: decimalText('a quantity tolerance', 3)
    .refine((s) => Number(s) <= 1_000_000, 'at most 1 000 000')
    .optional()
    .describe('invoiced above received, in the order unit'),
  pricePct: TolerancePct.optional().describe("invoiced unit price above the order's, in %"),
  priceAbs: decimalText('a price tolerance', 4)
    .refine((s) => Number(s) <= MAX_UNIT_PRICE, `at most ${MAX_UNIT_PRICE}`)
    .optional()
    .describe("invoiced unit price above the order's, in the supplier's currency"),
});
export type MatchTolerances = z.infer<typeof MatchTolerances>;

/** Tight enough that a wrong delivery or a price rise is seen, loose enough for weighed goods. */
export const DEFAULT_MATCH_TOLERANCES: MatchTolerances = { quantityPct: '2', pricePct: '3' };

/**
 * Receiving rules a store may tighten (收货规则). `twoPersonSignOff`: which goods receipts need a
 * second person who may receive to sign with their PIN (`chilled`: any receipt with a chilled
 * line). `probeMaxAgeMinutes`: how old a telemetry probe's reading may be and still stand for
 * the delivery temperature; older, the goods may have warmed since it was taken.
 */
export const ReceivingSettings = z.strictObject({
  twoPersonSignOff: z
    .enum(['never', 'chilled', 'always'])
    .default('never')
    .describe('receipts that need a second signer: never, those with a chilled line, or all'),
  probeMaxAgeMinutes: z
    .number()
    .int()
    .min(1)
    .max(60)
    .default(10)
    .describe("the oldest a probe's latest reading may be to serve as a delivery temperature, minutes"),
});
export type ReceivingSettings = z.infer<typeof ReceivingSettings>;

export const DEFAULT_RECEIVING: ReceivingSettings = { twoPersonSignOff: 'never', probeMaxAgeMinutes: 10 };

export const PurchasingSettings = z
  .strictObject({
    matchTolerances: MatchTolerances.default(DEFAULT_MATCH_TOLERANCES).describe(
      'three-way match tolerances for supplier invoices',
    ),
    suppliers: z
      .array(Supplier)
      .max(500)
      .default([])
      .superRefine((suppliers, ctx) => {
        const seen = new Set<string>();
        suppliers.forEach((s, i) => {
          if (seen.has(s.id))
            ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `supplier "${s.id}" is listed twice` });
          seen.add(s.id);
          const items = new Set<string>();
          s.items.forEach((item, j) => {
            const key = `${item.kind}:${item.id}`;
            if (items.has(key))
              ctx.addIssue({
                code: 'custom',
                path: [i, 'items', j, 'id'],
                message: `${item.kind} "${item.id}" is on this price list twice`,
              });
            items.add(key);
          });
        });
      }),
    approval: ApprovalSettings.describe('who approves a purchase request, by amount and category'),
    receiving: ReceivingSettings.default(DEFAULT_RECEIVING).describe(
      'two-person sign-off and probe readings at receiving',
    ),
  })
  .default({
    suppliers: [],
    matchTolerances: DEFAULT_MATCH_TOLERANCES,
    approval: ApprovalSettings.parse(undefined),
    receiving: DEFAULT_RECEIVING,
  });
export type PurchasingSettings = z.infer<typeof PurchasingSettings>;
