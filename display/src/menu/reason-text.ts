import type { TFunction } from 'i18next';
import type { ItemAvailability, UnavailableReason, UnitOutOfService } from '../../../shared/api/menu';
import type { StoreInfo } from '../../../shared/api/store';
import { localized } from '../../../shared/browser/locale';
import { formatDateTime, formatTime } from '../app/format';

/** What a few words about an item need: the strings and the language on screen. */
export interface WordsContext {
  t: TFunction;
  language: string;
}

/** What a full sentence about an item needs besides: the store's clock and its people. */
export interface ReasonContext extends WordsContext {
  timezone: string;
  /** the store's people, so "86'd by" names a person rather than a user id */
  users: StoreInfo['users'];
  now: number;
}

/** Equipment types the display has a plural word for ("fryers down"); others are named by their units. */
const NAMED_CAPABILITIES = new Set([
  'fryer',
  'grill',
  'griddle',
  'combi_oven',
  'oven',
  'pizza_oven',
  'hot_holding',
  'ice_machine',
  'dishwasher',
  'walk_in_cooler',
  'walk_in_freezer',
  'reach_in_cooler',
  'reach_in_freezer',
  'hood',
]);

const SHIFT_MS = 16 * 3600_000;

/** A clock time for this shift's events; the date too for anything older. */
export function sinceText(ts: number, ctx: ReasonContext): string {
  return Math.abs(ctx.now - ts) < SHIFT_MS
    ? formatTime(ts, ctx.timezone, ctx.language)
    : formatDateTime(ts, ctx.timezone, ctx.language);
}

/** "Fryer 1, Fryer 2" / "炸炉 1、炸炉 2": the language's own list separator. */
export function listOf(parts: readonly string[], t: TFunction): string {
  return parts.join(t('menu.listSeparator'));
}

function unitName(unit: UnitOutOfService, language: string): string {
  return unit.name ? localized(unit.name, language) : unit.equipmentId;
}

/** Why each unit is out: its repair ticket where there is one, else its alarm; each said once. */
function causes(units: readonly UnitOutOfService[], ctx: ReasonContext): string[] {
  const said = new Set<string>();
  for (const unit of units) {
    if (unit.ticketId !== undefined) said.add(ctx.t('menu.ticket', { id: unit.ticketId }));
    else if (unit.alarmTitle) said.add(localized(unit.alarmTitle, ctx.language));
  }
  return [...said];
}

function personName(userId: string, users: StoreInfo['users']): string {
  return users.find((u) => u.id === userId)?.name ?? userId;
}

/** One reason in full, for the 86 board: which units, since when, and the ticket or alarm behind it. */
export function reasonText(reason: UnavailableReason, ctx: ReasonContext): string {
  const { t } = ctx;
  const time = sinceText(reason.since, ctx);
  switch (reason.kind) {
    case 'equipment': {
      const units = listOf(
        reason.units.map((u) => unitName(u, ctx.language)),
        t,
      );
      const why = causes(reason.units, ctx);
      return why.length
        ? t('menu.equipmentDownWithCause', { units, time, causes: listOf(why, t) })
        : t('menu.equipmentDown', { units, time });
    }
    case 'stock':
      return reason.ingredient
        ? t('menu.stockOf', { ingredient: reason.ingredient, time })
        : t('menu.stock', { time });
    case 'manual': {
      const who = personName(reason.by, ctx.users);
      return reason.note
        ? t('menu.manualWithNote', { who, time, note: reason.note })
        : t('menu.manual', { who, time });
    }
  }
}

/** A few words for the order screens' strip: "fryers down", "out of lettuce", the 86 note. */
export function shortReason(reason: UnavailableReason, ctx: WordsContext): string {
  const { t } = ctx;
  switch (reason.kind) {
    case 'equipment': {
      const what = NAMED_CAPABILITIES.has(reason.capability)
        ? t(`menu.capability.${reason.capability}`)
        : listOf(
            reason.units.map((u) => unitName(u, ctx.language)),
            t,
          );
      return t('menu.short.equipment', { what });
    }
    case 'stock':
      return reason.ingredient
        ? t('menu.short.stockOf', { ingredient: reason.ingredient })
        : t('menu.short.stock');
    case 'manual':
      return reason.note ? reason.note : t('menu.short.manual');
  }
}

/** Unavailable items first, the longest off first within them; the rest by name. */
export function boardOrder(items: readonly ItemAvailability[], language: string): ItemAvailability[] {
  return [...items].sort(
    (a, b) =>
      Number(a.available) - Number(b.available) ||
      (a.available ? 0 : a.since - b.since) ||
      localized(a.name, language).localeCompare(localized(b.name, language), language),
  );
}

/** A group of the strip: items off for the same short reason, "Fries, Nuggets — fryers down". */
export interface StripGroup {
  reason: string;
  items: string[];
}

/** The items off now, grouped by what keeps them off, in the order they went off. */
export function stripGroups(items: readonly ItemAvailability[], ctx: WordsContext): StripGroup[] {
  const groups = new Map<string, string[]>();
  for (const item of boardOrder(items, ctx.language)) {
    if (item.available) continue;
    const reason = listOf([...new Set(item.reasons.map((r) => shortReason(r, ctx)))], ctx.t);
    const names = groups.get(reason) ?? [];
    names.push(localized(item.name, ctx.language));
    groups.set(reason, names);
  }
  return [...groups].map(([reason, names]) => ({ reason, items: names }));
}
