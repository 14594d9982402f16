import { z } from 'zod';
import { OrderChannel } from './orders';

/**
 * Kitchen tickets as the station screens and `GET /api/kds/tickets` show them. A
 * ticket is what one station makes of one version of an order: the original, or an
 * addition when a later version adds to a line; a reduction or a removal strikes
 * through the lines it takes from, it never makes them vanish.
 */

/**
 * `pending`: waiting to be fired (by prep time, `firesAt`; or a later course held
 * until fired, no `firesAt`); `cooking`: fired and not yet bumped; `done`: bumped;
 * `voided`: removed from the order (qty 0, `removedQty` says how many).
 */
export const KdsLineState = z.enum(['pending', 'cooking', 'done', 'voided']);
export type KdsLineState = z.infer<typeof KdsLineState>;

export const KdsModifierView = z.object({
  id: z.string(),
  item: z.string(),
  allergy: z.boolean(),
});

export const KdsLineView = z.object({
  /** the order line's id; a combo's part adds `/{item}` (`l1/fries`) */
  lineId: z.string(),
  item: z.string(),
  /** what is still to make on this ticket (0 once voided) */
  qty: z.number().int(),
  /** taken off this ticket by a later version: shown struck through */
  removedQty: z.number().int(),
  state: KdsLineState,
  /** epoch ms the line is released to cook; absent while a later course is held */
  firesAt: z.number().int().optional(),
  course: z.number().int(),
  modifiers: z.array(KdsModifierView),
  note: z.string().optional(),
  seat: z.number().int().optional(),
  /** a modifier flagged as an allergy, or a note naming one: shown loud */
  allergy: z.boolean(),
  /** the combo this line is part of */
  partOf: z.string().optional(),
  /** modifiers or note changed by a later version while the line was open */
  changed: z.boolean(),
  /** the order and line it was moved from (split bill, merged table) */
  movedFrom: z.object({ externalId: z.string(), lineId: z.string() }).optional(),
  /** the order this line belongs to now, when a split or merge moved it off this ticket's order */
  movedTo: z.string().optional(),
});
export type KdsLineView = z.infer<typeof KdsLineView>;

export const KdsTicketKind = z.enum(['original', 'addition', 'chained']);
export type KdsTicketKind = z.infer<typeof KdsTicketKind>;

/** How far each prep station is with an order, as expo sees it. */
export const StationReadiness = z.object({
  station: z.string(),
  ready: z.boolean(),
  /** lines still to make there */
  openLines: z.number().int(),
});
export type StationReadiness = z.infer<typeof StationReadiness>;

export const KdsTicketView = z.object({
  id: z.number().int(),
  orderId: z.number().int(),
  orderExternalId: z.string(),
  source: z.string(),
  station: z.string(),
  kind: KdsTicketKind,
  channel: OrderChannel,
  table: z.string().optional(),
  guestName: z.string().optional(),
  /** the order's version that opened this ticket */
  version: z.number().int(),
  businessDate: z.string(),
  createdAt: z.number().int(),
  bumpedAt: z.number().int().optional(),
  bumpedBy: z.string().optional(),
  recalledAt: z.number().int().optional(),
  /** a chained ticket: the ticket bumped at the station before */
  chainedFrom: z.number().int().optional(),
  /** the order itself was voided: every line struck through */
  orderVoided: z.boolean(),
  lines: z.array(KdsLineView),
  /** on an expo station: each prep station's progress with this order */
  readiness: z.array(StationReadiness).optional(),
});
export type KdsTicketView = z.infer<typeof KdsTicketView>;

export const KdsTicketsQuery = z.strictObject({
  station: z.string().min(1).max(64),
  state: z
    .enum(['open', 'bumped', 'all'])
    .default('open')
    .describe('bumped: the business day’s bumped tickets, newest first, for recall'),
  businessDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
    .optional()
    .describe("default: the store's current business day (bumped and all only)"),
});

export const KdsBumpBody = z
  .strictObject({
    lineId: z.string().min(1).max(200).optional().describe('bump only this line; default: the whole ticket'),
  })
  .default({});

export const KdsFireBody = z.strictObject({
  course: z.number().int().min(1).max(9).describe('release this course of the order now'),
});

export const AllDayCount = z.object({
  item: z.string(),
  /** fired and not yet bumped */
  cooking: z.number().int(),
  /** waiting to be fired */
  pending: z.number().int(),
});
export type AllDayCount = z.infer<typeof AllDayCount>;

export const KdsStationView = z.object({
  id: z.string(),
  kind: z.enum(['prep', 'expo']),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }),
  warnAfterS: z.number().int(),
  lateAfterS: z.number().int(),
  next: z.string().optional(),
});
export type KdsStationView = z.infer<typeof KdsStationView>;

export const KdsMenuItemView = z.object({
  id: z.string(),
  name: z.object({ en: z.string(), 'zh-CN': z.string() }),
});

/** What a station screen needs once: stations, names of menu items and modifiers. */
export const KdsSetupView = z.object({
  stations: z.array(KdsStationView),
  items: z.array(KdsMenuItemView),
  modifiers: z.array(KdsMenuItemView.extend({ allergy: z.boolean() })),
  businessDate: z.string(),
  /** epoch ms the business day began (its date at the closeout hour, store time) */
  businessDayStart: z.number().int(),
});
export type KdsSetupView = z.infer<typeof KdsSetupView>;

/** Ticket times (bump − arrival) over tickets bumped in a period. */
export const TicketTimeSummary = z.object({
  tickets: z.number().int(),
  averageS: z.number().nullable(),
  p90S: z.number().nullable(),
});
export type TicketTimeSummary = z.infer<typeof TicketTimeSummary>;

export const SpeedOfServiceView = z.object({
  from: z.number().int(),
  to: z.number().int(),
  overall: TicketTimeSummary,
  byStation: z.array(TicketTimeSummary.extend({ station: z.string() })),
  byChannel: z.array(TicketTimeSummary.extend({ channel: OrderChannel })),
  /** by hour of the day in store time (0–23), for hours with tickets */
  byHour: z.array(TicketTimeSummary.extend({ hour: z.number().int() })),
  byDay: z.array(TicketTimeSummary.extend({ businessDate: z.string() })),
});
export type SpeedOfServiceView = z.infer<typeof SpeedOfServiceView>;

/**
 * Pushed on `galley/{storeId}/_edge/kds/{station}` (QoS 1, not retained) whenever a
 * station's tickets change; screens refetch that station, so the message is small.
 */
export const KdsChangeMessage = z.object({
  station: z.string(),
  ticketIds: z.array(z.number().int()),
  change: z.enum(['opened', 'updated', 'bumped', 'recalled']),
  ts: z.number().int(),
});
export type KdsChangeMessage = z.infer<typeof KdsChangeMessage>;

/** What was done to a kitchen ticket, by whom and when: bumps, line bumps, recalls (and fires of its order). */
export const KdsActionView = z.object({
  action: z.enum(['bump', 'bump_line', 'recall', 'fire']),
  actor: z.string(),
  at: z.number().int(),
  detail: z.record(z.string(), z.unknown()).optional(),
});
export type KdsActionView = z.infer<typeof KdsActionView>;
