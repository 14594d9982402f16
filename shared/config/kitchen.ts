import { z } from 'zod';
import { SlugId } from '../ids';
import { decimalPlaces } from '../quantity';
import { LocalizedText } from './localized-text';

/** Seconds a ticket may wait before its colour changes; the cue is also a word and a shape on screen. */
export const ColourThresholds = z
  .strictObject({
    warnAfterS: z.number().int().min(10).max(7_200).default(300).describe('yellow from this age (s)'),
    lateAfterS: z.number().int().min(10).max(14_400).default(480).describe('red from this age (s)'),
  })
  .refine((t) => t.lateAfterS > t.warnAfterS, 'lateAfterS must be after warnAfterS');
export type ColourThresholds = z.infer<typeof ColourThresholds>;

export const StationKind = z.enum(['prep', 'expo']);
export type StationKind = z.infer<typeof StationKind>;

/**
 * A kitchen display station (grill, fry, prep, expo): its own list, apart from the
 * equipment's areas, because a cook's screen follows the menu, not the floor plan.
 */
export const KitchenStation = z.strictObject({
  id: SlugId,
  name: LocalizedText,
  kind: StationKind.default('prep').describe('an expo station receives every line of every order'),
  thresholds: ColourThresholds.default({ warnAfterS: 300, lateAfterS: 480 }),
  next: SlugId.optional().describe(
    'sequential chaining (prep → oven → pack): a ticket bumped here appears at this station',
  ),
});
export type KitchenStation = z.infer<typeof KitchenStation>;

/** Seconds of cooking; a line's prep time is its item's plus its modifiers'. */
const PrepSeconds = z.number().int().min(0).max(7_200);

export const MenuModifier = z.strictObject({
  id: SlugId,
  name: LocalizedText,
  prepDeltaS: z.number().int().min(-3_600).max(3_600).default(0).describe('seconds added to the line'),
  allergy: z.boolean().default(false).describe('shown loud on every station, like an allergy note'),
});
export type MenuModifier = z.infer<typeof MenuModifier>;

/** A selling price has the currency's minor unit at most: 12.5 is exact, 12.505 is a typing error. */
export const MENU_PRICE_DECIMALS = 2;
const MAX_MENU_PRICE = 100_000;

const MenuPrice = z
  .number()
  .superRefine((value, ctx) => {
    if (value < 0) ctx.addIssue({ code: 'custom', message: 'a price cannot be below 0' });
    else if (value > MAX_MENU_PRICE)
      ctx.addIssue({ code: 'custom', message: `a menu price is at most ${MAX_MENU_PRICE}` });
    else if (decimalPlaces(value) > MENU_PRICE_DECIMALS)
      ctx.addIssue({
        code: 'custom',
        message: `a menu price has at most ${MENU_PRICE_DECIMALS} decimals; ${value} has more`,
      });
  })
  .describe(
    `selling price of one portion in the store's currency (stock.currency), at most ${MENU_PRICE_DECIMALS} decimals; what a portion not sold is worth`,
  );

export const MenuItem = z.strictObject({
  id: SlugId,
  name: LocalizedText,
  stations: z
    .array(SlugId)
    .default([])
    .describe('prep stations that make it; one item may go to several ("also at: fry")'),
  components: z
    .array(SlugId)
    .default([])
    .describe('a combo: the items it is made of, each routed by its own stations'),
  prepS: PrepSeconds.default(0),
  course: z.number().int().min(1).max(9).default(1),
  needs: z
    .array(SlugId)
    .default([])
    .describe('equipment types it cannot be made without (a fryer for fries)'),
  price: MenuPrice.optional(),
});
export type MenuItem = z.infer<typeof MenuItem>;

export const KitchenSettings = z
  .strictObject({
    closeoutHour: z
      .number()
      .int()
      .min(0)
      .max(23)
      .default(4)
      .describe(
        'the business day ends at this hour, store time: with 4, a 03:59 receipt is the previous day',
      ),
    stations: z.array(KitchenStation).default([]),
    menu: z.array(MenuItem).default([]),
    modifiers: z.array(MenuModifier).default([]),
    unknownItemStation: SlugId.optional().describe(
      'where a line whose item is not on the menu goes, so nothing the POS sends is lost; default: every expo station',
    ),
  })
  .default({ closeoutHour: 4, stations: [], menu: [], modifiers: [] });
export type KitchenSettings = z.infer<typeof KitchenSettings>;

/** Ids unique, routes to known stations, combos of known single items, chains without loops. */
export function crossCheckKitchen(kitchen: unknown, ctx: z.RefinementCtx): void {
  if (typeof kitchen !== 'object' || kitchen === null) return;
  const k = kitchen as Partial<Record<'stations' | 'menu' | 'modifiers', unknown>> & {
    unknownItemStation?: unknown;
  };
  const stations = objects(k.stations) as Partial<KitchenStation>[];
  const menu = objects(k.menu) as Partial<MenuItem>[];
  const stationIds = uniqueIds(stations, ['kitchen', 'stations'], 'station', ctx);
  uniqueIds(menu, ['kitchen', 'menu'], 'menu item', ctx);
  uniqueIds(objects(k.modifiers) as { id?: unknown }[], ['kitchen', 'modifiers'], 'modifier', ctx);
  const known = [...stationIds].join(', ') || 'none';
  stations.forEach((station, i) => {
    if (station.next === undefined) return;
    if (!stationIds.has(station.next)) {
      issue(ctx, ['kitchen', 'stations', i, 'next'], `unknown station "${station.next}"; known: ${known}`);
    } else if (chainLoops(stations, station.id)) {
      issue(ctx, ['kitchen', 'stations', i, 'next'], `the chain from "${station.id}" comes back to it`);
    }
  });
  const byId = new Map(menu.map((item) => [item.id, item]));
  menu.forEach((item, i) => {
    (item.stations ?? []).forEach((station, j) => {
      if (!stationIds.has(station))
        issue(ctx, ['kitchen', 'menu', i, 'stations', j], `unknown station "${station}"; known: ${known}`);
    });
    (item.components ?? []).forEach((component, j) => {
      const part = byId.get(component);
      if (!part) issue(ctx, ['kitchen', 'menu', i, 'components', j], `unknown menu item "${component}"`);
      else if ((part.components ?? []).length > 0)
        issue(
          ctx,
          ['kitchen', 'menu', i, 'components', j],
          `"${component}" is a combo itself; list its items`,
        );
    });
  });
  if (typeof k.unknownItemStation === 'string' && !stationIds.has(k.unknownItemStation)) {
    issue(
      ctx,
      ['kitchen', 'unknownItemStation'],
      `unknown station "${k.unknownItemStation}"; known: ${known}`,
    );
  }
}

function chainLoops(stations: Partial<KitchenStation>[], start: string | undefined): boolean {
  const next = new Map(stations.map((s) => [s.id, s.next]));
  const seen = new Set<string | undefined>([start]);
  let at = next.get(start);
  while (at !== undefined) {
    if (seen.has(at)) return at === start;
    seen.add(at);
    at = next.get(at);
  }
  return false;
}

function objects(value: unknown): object[] {
  return Array.isArray(value) ? value.filter((v): v is object => typeof v === 'object' && v !== null) : [];
}

function uniqueIds(
  list: { id?: unknown }[],
  path: (string | number)[],
  what: string,
  ctx: z.RefinementCtx,
): Set<string> {
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (typeof entry.id !== 'string') return;
    if (seen.has(entry.id)) issue(ctx, [...path, i, 'id'], `duplicate ${what} id "${entry.id}"`);
    seen.add(entry.id);
  });
  return seen;
}

function issue(ctx: z.RefinementCtx, path: (string | number)[], message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}
