import { z } from 'zod';
import { SlugId } from '../ids';

/**
 * Time as the public health control (the FDA's 3-501.19): a batch of food taken out of
 * temperature control is served or thrown away within the hours of the option it is
 * held under, and the box keeps the clock. `limit` is a `time_control` limit of the pack.
 */
export const TimeControlSettings = z.strictObject({
  pack: SlugId.describe('a built-in pack id or one of `foodSafety.packs`'),
  limit: SlugId.describe('a time_control limit of that pack'),
  warnBeforeMin: z
    .number()
    .int()
    .min(5)
    .max(120)
    .default(30)
    .describe('the display warns this long before a batch must be gone'),
});
export type TimeControlSettings = z.infer<typeof TimeControlSettings>;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Names a time_control limit of a known pack. */
export function crossCheckTimeControl(
  settings: unknown,
  packs: Map<string, unknown[]>,
  issue: (path: (string | number)[], message: string) => void,
): void {
  if (!isObject(settings) || typeof settings.pack !== 'string') return;
  const limits = packs.get(settings.pack);
  if (!limits) {
    issue(['timeControl', 'pack'], `unknown pack "${settings.pack}"; known: ${[...packs.keys()].join(', ')}`);
    return;
  }
  const limit = limits.filter(isObject).find((l) => l.id === settings.limit);
  if (!limit)
    issue(['timeControl', 'limit'], `pack "${settings.pack}" has no limit "${String(settings.limit)}"`);
  else if (limit.kind !== 'time_control')
    issue(
      ['timeControl', 'limit'],
      `"${String(settings.limit)}" is a ${String(limit.kind)} limit, not a time_control one`,
    );
}
