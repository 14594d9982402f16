import { z } from 'zod';

const UNIT_MS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 } as const;
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
const WHOLE = /^\+?\s*(?:\d+(?:\.\d+)?(?:ms|s|m|h)\s*)+$/;

/** Parses `30s`, `+2m`, `1h30m`, `500ms`; a bare number is seconds. */
export function parseDurationMs(text: string | number): number {
  if (typeof text === 'number') return text * 1000;
  const trimmed = text.trim();
  if (/^\+?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed.replace('+', '')) * 1000;
  if (!WHOLE.test(trimmed)) throw new RangeError(`not a duration: "${text}" (use e.g. 30s, 2m, 1h30m)`);
  let ms = 0;
  for (const match of trimmed.matchAll(PART)) {
    ms += Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  }
  return ms;
}

/** A duration in a config or scenario file, normalised to milliseconds. */
export const Duration = z.union([z.number().nonnegative(), z.string()]).transform((value, ctx) => {
  try {
    return parseDurationMs(value);
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: (err as Error).message });
    return z.NEVER;
  }
});
