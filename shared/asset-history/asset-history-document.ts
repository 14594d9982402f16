import { z } from 'zod';
import { TicketSource, TicketStatus } from '../api/tickets';
import { AssetIdentifier, AssetRegister } from '../config/asset';
import { EquipmentId, SlugId, StoreId } from '../ids';
import { LocalizedText } from '../localized-text';

/**
 * The history a piece of equipment carries when it moves to another store (or the store
 * reopens on a new box): its asset register, every ticket with its transitions, quotes,
 * parts and what the old store counted it at, its PM work orders, meters and predictive
 * findings. Written by `galley equipment export-history`, read by `import-history`; the
 * new store keeps it read-only beside its own records, marked as from the old store.
 *
 * Sealed: `sha256` is the hex SHA-256 of the canonical JSON of `body` (keys sorted, no
 * spaces), so an edited number (a repair spend made smaller, a ticket dropped) is refused
 * on import. Money is exact decimal text with at most 2 decimals, never a float.
 */

export const ASSET_HISTORY_FORMAT = 'galley.asset-history/1';

/** Nothing on a box predates 2000 or postdates 2100: a time outside is a unit error (s vs ms). */
export const EARLIEST_HISTORY_MS = Date.UTC(2000, 0, 1);
export const LATEST_HISTORY_MS = Date.UTC(2100, 0, 1);
/** Per asset: a unit with more than 10 000 tickets is a data error, and documents stay small. */
export const MAX_HISTORY_TICKETS = 10_000;
export const MAX_TRANSITIONS_PER_TICKET = 200;
export const MAX_ROWS_PER_TICKET = 200;
export const MAX_HISTORY_MONEY = 10_000_000;
export const MAX_PART_QUANTITY = 100_000;

export const HistoryTime = z
  .number()
  .int()
  .min(EARLIEST_HISTORY_MS, 'epoch ms after 2000-01-01')
  .max(LATEST_HISTORY_MS, 'epoch ms before 2100-01-01');

const MONEY_PATTERN = /^(0|[1-9]\d{0,7})(\.\d{1,2})?$/;
/** A non-negative amount, exact decimal text with at most 2 decimals ("8400.00"). */
export const HistoryMoney = z
  .string()
  .regex(MONEY_PATTERN, 'an amount with at most 2 decimals and no sign, e.g. "8400.00"')
  .refine((text) => Number(text.split('.')[0]) < MAX_HISTORY_MONEY, `under ${MAX_HISTORY_MONEY} per amount`);

/** A price per base unit: exact to a millionth (a ¥760 pack of 3 is ¥253.333333 each). */
export const HistoryUnitPrice = z
  .string()
  .regex(
    /^(0|[1-9]\d{0,7})(\.\d{1,6})?$/,
    'an amount with at most 6 decimals and no sign, e.g. "253.333333"',
  );

/** A used quantity, exact to a thousandth, more than 0. */
export const HistoryQuantity = z
  .string()
  .regex(/^\d{1,6}(\.\d{1,3})?$/, 'a quantity with at most 3 decimals, e.g. "2" or "0.5"')
  .refine(
    (text) => Number(text) > 0 && Number(text) <= MAX_PART_QUANTITY,
    `more than 0, at most ${MAX_PART_QUANTITY}`,
  );

const ShortText = z.string().max(2000);
const Actor = z.string().min(1).max(200);

export const HistoryTransition = z.strictObject({
  from: TicketStatus.nullable(),
  to: TicketStatus,
  at: HistoryTime,
  by: Actor,
  note: ShortText.nullable(),
});

export const HistoryQuote = z.strictObject({
  amount: HistoryMoney,
  at: HistoryTime,
  by: Actor,
  note: ShortText.nullable(),
});

export const HistoryPartUse = z.strictObject({
  /** The movement's id on the old box: with the store it keeps a re-import from counting it twice. */
  movementId: z.number().int().positive(),
  partNumber: z.string().min(1).max(100),
  quantity: HistoryQuantity,
  /** Per base unit as the old store priced it (paid, else listed); null: no price there. */
  unitPrice: HistoryUnitPrice.nullable(),
  at: HistoryTime,
  by: Actor,
});

export const HistoryWorkOrderStep = z.strictObject({
  stepId: SlugId,
  title: ShortText,
  value: z.number().finite().nullable(),
  inRange: z.boolean().nullable(),
  signedAt: HistoryTime.nullable(),
  signedBy: Actor.nullable(),
});

export const HistoryTicket = z.strictObject({
  /** The ticket's number at the old store. */
  id: z.number().int().positive(),
  /** 'repair' (alarm, manual or predictive) or 'preventive' (a PM work order, `pm:<plan>`). */
  kind: z.enum(['repair', 'preventive']),
  source: TicketSource,
  fault: z.string().min(1).max(200),
  title: LocalizedText,
  category: z.string().max(100).nullable(),
  severity: z.string().min(1).max(40),
  status: TicketStatus,
  openedAt: HistoryTime,
  resolvedAt: HistoryTime.nullable(),
  verifiedAt: HistoryTime.nullable(),
  closedAt: HistoryTime.nullable(),
  resolutionCode: z.string().max(200).nullable(),
  resolutionNotes: ShortText.nullable(),
  planId: z.string().max(100).nullable(),
  transitions: z.array(HistoryTransition).max(MAX_TRANSITIONS_PER_TICKET),
  quotes: z.array(HistoryQuote).max(MAX_ROWS_PER_TICKET),
  parts: z.array(HistoryPartUse).max(MAX_ROWS_PER_TICKET),
  steps: z.array(HistoryWorkOrderStep).max(MAX_ROWS_PER_TICKET),
  /**
   * What the old store counted this job at as repair spend: its latest quote when it has
   * one (parts, labour and call-out inside), else its priced parts; null while not repaired.
   */
  spend: HistoryMoney.nullable(),
});
export type HistoryTicket = z.infer<typeof HistoryTicket>;

export const HistoryMeter = z.strictObject({
  meter: z.string().min(1).max(100),
  /** Run-hours or cycles as the old box counted them. */
  value: z.number().finite().min(0).max(10_000_000),
  at: HistoryTime,
});

export const HistoryFinding = z.strictObject({
  cause: z.string().min(1).max(100),
  detectedAt: HistoryTime,
  verifiedAt: HistoryTime.nullable(),
  ticketId: z.number().int().positive().nullable(),
  /** The finding as the old box recorded it (evidence, forecast), kept whole for reading. */
  detail: z.record(z.string(), z.unknown()),
});

export const HistoryAsset = z
  .strictObject({
    serial: AssetIdentifier.optional(),
    tag: AssetIdentifier.optional(),
    type: SlugId,
    name: LocalizedText,
    register: AssetRegister,
  })
  .refine((a) => a.serial !== undefined || a.tag !== undefined, {
    message: 'an asset history names the unit by its serial or asset tag (asset.serial / asset.tag)',
  });

export const AssetHistoryBody = z.strictObject({
  format: z.literal(ASSET_HISTORY_FORMAT),
  asset: HistoryAsset,
  fromStoreId: StoreId,
  fromEquipmentId: EquipmentId,
  /** The currency its money is in (the old store's `stock.currency`). */
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code, e.g. CNY'),
  exportedAt: HistoryTime,
  exportedBy: Actor,
  tickets: z.array(HistoryTicket).max(MAX_HISTORY_TICKETS),
  /** Parts used on the unit outside any ticket. */
  loosePartUses: z.array(HistoryPartUse).max(MAX_HISTORY_TICKETS),
  meters: z.array(HistoryMeter).max(100),
  findings: z.array(HistoryFinding).max(MAX_HISTORY_TICKETS),
});
export type AssetHistoryBody = z.infer<typeof AssetHistoryBody>;

export const AssetHistoryDocument = z.strictObject({
  body: AssetHistoryBody,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, '64 lowercase hex digits'),
});
export type AssetHistoryDocument = z.infer<typeof AssetHistoryDocument>;

/** The key the unit is known by across stores: its serial, else its asset tag. */
export function assetKeyOf(asset: {
  serial?: string | undefined;
  tag?: string | undefined;
}): string | undefined {
  return asset.serial ?? (asset.tag === undefined ? undefined : `tag:${asset.tag}`);
}
