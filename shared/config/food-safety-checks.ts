import { z } from 'zod';
import { SlugId } from '../ids';
import { LocalizedText } from './localized-text';

const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour, store time zone');

/**
 * A check done by hand at set times of the store day, under a `check` limit of a pack:
 * probe the soup on the hot line at 11:00 and 15:00, verify the probe thermometer at
 * 09:00. Each time opens a slot; a value entered within `windowMin` is the record, and a
 * slot nobody filled becomes a missed-check record when its window closes.
 */
export const ManualCheck = z
  .strictObject({
    id: SlugId.max(40),
    name: LocalizedText.describe('what is checked, e.g. "Soup on the hot line"'),
    pack: SlugId.describe('a built-in pack id or one of `foodSafety.packs`'),
    limit: SlugId.describe('a check limit of that pack'),
    equipment: SlugId.optional().describe('the unit the product is held in, if any'),
    at: z.array(ClockTime).min(1).max(24).describe('the times of day the check is due'),
    windowMin: z
      .number()
      .int()
      .min(5)
      .max(240)
      .default(60)
      .describe('how long after its time a check may be entered before it counts as missed'),
  })
  .superRefine((check, ctx) => {
    const times = check.at.map(minutesOf);
    times.forEach((t, i) => {
      const before = times[i - 1];
      if (before !== undefined && t <= before)
        ctx.addIssue({ code: 'custom', path: ['at', i], message: 'times in order, each once' });
      if (before !== undefined && t - before < check.windowMin)
        ctx.addIssue({
          code: 'custom',
          path: ['at', i],
          message: `starts before the ${check.at[i - 1]} check's ${check.windowMin}-minute window ends`,
        });
    });
    const first = times[0];
    const last = times[times.length - 1];
    if (first !== undefined && last !== undefined && last + check.windowMin > first + 24 * 60)
      ctx.addIssue({ code: 'custom', path: ['windowMin'], message: 'the last window runs into the first' });
  });
export type ManualCheck = z.infer<typeof ManualCheck>;

/** Minutes after midnight of an `HH:MM`. */
export function minutesOf(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

type Path = (string | number)[];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Checks are unique, name a check limit of a known pack, are scheduled as often as it asks, and name real units. */
export function crossCheckManualChecks(
  checks: unknown,
  packs: Map<string, unknown[]>,
  config: { equipment: readonly { id?: unknown }[] },
  issue: (path: Path, message: string) => void,
): void {
  if (!Array.isArray(checks)) return;
  const ids = new Set<unknown>();
  checks.forEach((check, i) => {
    if (!isObject(check)) return;
    if (ids.has(check.id)) issue(['checks', i, 'id'], `duplicate check "${String(check.id)}"`);
    ids.add(check.id);
    if (typeof check.equipment === 'string' && !config.equipment.some((e) => e.id === check.equipment))
      issue(['checks', i, 'equipment'], `unknown equipment "${check.equipment}"`);
    if (typeof check.pack !== 'string') return;
    const limits = packs.get(check.pack);
    if (!limits) {
      issue(['checks', i, 'pack'], `unknown pack "${check.pack}"; known: ${[...packs.keys()].join(', ')}`);
      return;
    }
    const limit = limits.filter(isObject).find((l) => l.id === check.limit);
    if (!limit) {
      const offered = limits.filter(isObject).filter((l) => l.kind === 'check');
      issue(
        ['checks', i, 'limit'],
        `pack "${check.pack}" has no limit "${String(check.limit)}"; its checks: ${offered.map((l) => String(l.id)).join(', ') || 'none'}`,
      );
      return;
    }
    if (limit.kind !== 'check') {
      issue(['checks', i, 'limit'], `"${String(check.limit)}" is a ${String(limit.kind)} limit, not a check`);
      return;
    }
    const times = Array.isArray(check.at) ? check.at.length : 0;
    if (typeof limit.minTimesPerDay === 'number' && times < limit.minTimesPerDay)
      issue(
        ['checks', i, 'at'],
        `"${String(check.limit)}" of ${check.pack} asks for at least ${limit.minTimesPerDay} checks a day; ${times} scheduled`,
      );
  });
}
