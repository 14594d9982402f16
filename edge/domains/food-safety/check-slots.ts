import type { ManualCheck } from '../../../shared/config/food-safety-checks';
import { minutesOf } from '../../../shared/config/food-safety-checks';
import { type LocalDay, localDayOf, localInstant, storeDay } from './store-day';

/** One scheduled time of a check on one store day: due at `slotAt`, missed from `closesAt`. */
export interface Slot {
  checkId: string;
  time: string;
  slotAt: number;
  closesAt: number;
}

/** The slots of a check on a store day, in time order. */
export function slotsOn(check: ManualCheck, day: LocalDay, timeZone: string): Slot[] {
  return check.at.map((time) => {
    const slotAt = localInstant(day, minutesOf(time), timeZone);
    return { checkId: check.id, time, slotAt, closesAt: slotAt + check.windowMin * 60_000 };
  });
}

/**
 * Every slot of the check whose window closed in (after, until]: what a sweep must find
 * recorded. Walks the store days from the one holding `after` minus a day (a window may
 * run past midnight) to the one holding `until`.
 */
export function slotsClosedBetween(
  check: ManualCheck,
  after: number,
  until: number,
  timeZone: string,
): Slot[] {
  const found: Slot[] = [];
  let day = localDayOf(localDayOf(after, timeZone).start - 1, timeZone);
  while (day.start <= until) {
    for (const slot of slotsOn(check, day, timeZone))
      if (slot.closesAt > after && slot.closesAt <= until) found.push(slot);
    day = localDayOf(day.end, timeZone);
  }
  return found;
}

/** The slot of the check that is due at `slotAt`, if the schedule has one then. */
export function slotAtInstant(check: ManualCheck, slotAt: number, timeZone: string): Slot | undefined {
  const day = localDayOf(slotAt, timeZone);
  return slotsOn(check, day, timeZone).find((s) => s.slotAt === slotAt);
}

export { storeDay };
