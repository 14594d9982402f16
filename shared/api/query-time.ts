import { z } from 'zod';

const EPOCH_MS = /^\d{1,16}$/;
const ISO_8601 = z.iso.datetime({ offset: true, local: false });

/** What a time in a query looks like, for the 400 that refuses one. */
export const QUERY_TIME_HINT =
  'a time is epoch milliseconds or ISO 8601 with a zone, e.g. 1767578400000 or 2026-01-05T02:00:00Z';

/**
 * A time in a query string (`from`, `to`): epoch milliseconds or ISO 8601, as the
 * contract allows wherever the edge takes a time; either way it parses to epoch ms.
 * An ISO time must carry its zone (`Z` or `+08:00`): without one the instant would
 * depend on where the box stands.
 */
export const QueryTime = z
  .string()
  .trim()
  .transform((text, ctx): number => {
    if (EPOCH_MS.test(text)) return Number(text);
    if (ISO_8601.safeParse(text).success) {
      const ms = Date.parse(text);
      if (Number.isFinite(ms)) return ms;
    }
    ctx.addIssue({ code: 'custom', message: `${QUERY_TIME_HINT}; got "${text}"` });
    return z.NEVER;
  });
