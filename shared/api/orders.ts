import { z } from 'zod';

/**
 * The canonical order every POS feed is turned into (docs: ../shared/contract.md,
 * "Orders from a POS"). Connectors (a Square-style webhook, a Toast-style export)
 * map their own shapes onto this one; the kitchen only ever sees this.
 */

/** Ids the POS chooses: printable, no whitespace, bounded. */
export const PosId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

/** 2000-01-01 … 2100-01-01: anything outside is a clock fault or seconds-for-milliseconds. */
const EARLIEST_MS = 946_684_800_000;
const LATEST_MS = 4_102_444_800_000;
const ISO_8601 = z.iso.datetime({ offset: true, local: false });

export const PosTime = z.union([z.number(), z.string()]).transform((value, ctx): number => {
  const ms =
    typeof value === 'number' ? value : ISO_8601.safeParse(value).success ? Date.parse(value) : Number.NaN;
  if (Number.isInteger(ms) && ms >= EARLIEST_MS && ms < LATEST_MS) return ms;
  ctx.addIssue({
    code: 'custom',
    message: `a time is epoch milliseconds or ISO 8601 with a zone between 2000 and 2100; got ${JSON.stringify(value)}`,
  });
  return z.NEVER;
});

export const OrderChannel = z.enum(['dine_in', 'takeaway', 'delivery']);
export type OrderChannel = z.infer<typeof OrderChannel>;

export const OrderStatus = z.enum(['open', 'closed', 'voided', 'refunded']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const OrderModifier = z.strictObject({
  id: PosId.describe('stable across versions of the order'),
  item: z.string().min(1).max(64).describe('modifier id of the menu'),
});
export type OrderModifier = z.infer<typeof OrderModifier>;

/** No line orders more than this of one thing: more is a typing error on the POS. */
export const MAX_LINE_QTY = 999;

export const OrderLine = z.strictObject({
  lineId: PosId.describe('stable across versions: the diff between versions is made on it'),
  item: z.string().min(1).max(64).describe('menu item id'),
  qty: z.number().int().min(1).max(MAX_LINE_QTY),
  modifiers: z.array(OrderModifier).max(50).default([]),
  note: z.string().max(500).optional(),
  course: z.number().int().min(1).max(9).optional().describe("default: the menu item's course"),
  seat: z.number().int().min(1).max(999).optional(),
  movedFrom: z
    .strictObject({ externalId: PosId, lineId: PosId })
    .optional()
    .describe('split bill, merged or transferred table: the line it was on before'),
});
export type OrderLine = z.infer<typeof OrderLine>;

export const PosOrder = z
  .strictObject({
    externalId: PosId,
    version: z.number().int().min(1).max(1_000_000),
    channel: OrderChannel,
    placedAt: PosTime,
    status: OrderStatus,
    lines: z.array(OrderLine).max(500),
    table: z.string().max(32).optional(),
    guestName: z.string().max(100).optional(),
  })
  .superRefine((order, ctx) => {
    const seen = new Set<string>();
    order.lines.forEach((line, i) => {
      if (seen.has(line.lineId))
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'lineId'],
          message: `duplicate lineId "${line.lineId}"`,
        });
      seen.add(line.lineId);
    });
  });
export type PosOrder = z.infer<typeof PosOrder>;

/** What a POS sends: `POST /api/pos/orders` and the POS topic carry the same body. */
export const PosOrderSubmission = z.strictObject({
  source: z.string().min(1).max(64).describe("the POS's own label for the feed"),
  eventId: PosId.describe('unique per event; a retried delivery repeats it'),
  order: PosOrder,
});
export type PosOrderSubmission = z.infer<typeof PosOrderSubmission>;
export type PosOrderSubmissionInput = z.input<typeof PosOrderSubmission>;

/**
 * `applied`: the order changed to this version; `duplicate`: this event (or this
 * version) was seen already; `superseded`: a higher version is held, nothing changed.
 */
export const IntakeOutcome = z.enum(['applied', 'duplicate', 'superseded']);
export type IntakeOutcome = z.infer<typeof IntakeOutcome>;

export const PosOrderReceipt = z.object({
  duplicate: z.boolean(),
  outcome: IntakeOutcome,
  orderId: z.number().int(),
  /** the version the kitchen now holds */
  version: z.number().int(),
  businessDate: z.string().describe('YYYY-MM-DD in the store time zone, after the closeout hour'),
  /** kitchen tickets this event opened (one per station; additions are their own tickets) */
  ticketsOpened: z.array(z.number().int()),
});
export type PosOrderReceipt = z.infer<typeof PosOrderReceipt>;

/** Counters of every event received, per feed and in total, since the box was commissioned. */
export const IntakeCounts = z.object({
  received: z.number().int(),
  applied: z.number().int(),
  duplicates: z.number().int(),
  superseded: z.number().int(),
  refused: z.number().int().describe('bodies that failed validation (never stored)'),
});
export type IntakeCounts = z.infer<typeof IntakeCounts>;

export const IntakeStats = z.object({
  total: IntakeCounts,
  bySource: z.array(IntakeCounts.extend({ client: z.string(), source: z.string() })),
});
export type IntakeStats = z.infer<typeof IntakeStats>;
