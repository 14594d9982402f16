import { DeviceTimestamp, timestampToEpochMs } from '../../shared/device-messages';
import { type Rejection, reject } from './rejection';

export interface TimestampLimits {
  maxFutureSkewS: number;
  maxAgeS: number;
}

/** Devices that send seconds instead of milliseconds land in early 1970: say so. */
const SECONDS_HINT_BELOW_MS = 100_000_000_000;

/**
 * The largest instant a JavaScript Date can hold (ECMA-262 §21.4.1.22, ±8.64e15 ms);
 * `new Date(ms).toISOString()` throws a RangeError beyond it, so a rejection message
 * must never format such a value as a date.
 */
const MAX_DATE_MS = 8_640_000_000_000_000;

/**
 * Normalises a device `ts` (epoch ms or ISO 8601) to epoch ms and checks that it is
 * plausible against the edge clock: not further ahead than the allowed skew, not older
 * than the buffered-data horizon.
 */
export function validateTimestamp(
  ts: unknown,
  limits: TimestampLimits,
  now: number,
): { ok: true; ts: number } | Rejection {
  if (ts === undefined)
    return reject('missing_timestamp', '"ts" is missing; send epoch milliseconds or ISO 8601');
  if (typeof ts === 'number' && !Number.isFinite(ts)) {
    return reject('bad_timestamp', `"ts" must be a finite number of epoch milliseconds, got ${ts}`);
  }
  const ms = isEpochMs(ts) ? ts : parseWithSchema(ts);
  if (typeof ms !== 'number') return ms;
  const latest = now + limits.maxFutureSkewS * 1000;
  if (ms > latest) {
    return reject(
      'future_timestamp',
      `"ts" ${describeInstant(ms)} is ${aheadBy(ms, now)} of the edge clock; at most ${limits.maxFutureSkewS} s is allowed${unitHint(ms, now)}`,
    );
  }
  const earliest = now - limits.maxAgeS * 1000;
  if (ms < earliest) {
    const hint = ms < SECONDS_HINT_BELOW_MS ? ' (is it in seconds instead of milliseconds?)' : '';
    return reject(
      'stale_timestamp',
      `"ts" ${describeInstant(ms)} is older than the ${limits.maxAgeS} s the edge accepts${hint}`,
    );
  }
  return { ok: true, ts: ms };
}

/** An ISO date where one exists, otherwise the number itself. */
function describeInstant(ms: number): string {
  return Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : `${ms}`;
}

function aheadBy(ms: number, now: number): string {
  const seconds = (ms - now) / 1000;
  return seconds < 1e12 ? `${Math.round(seconds)} s ahead` : 'far ahead';
}

/** Firmware that counts micro- or nanoseconds sends values 1 000 or 1 000 000 times too large. */
function unitHint(ms: number, now: number): string {
  if (ms >= now * 500_000) return ' (is it in nanoseconds instead of milliseconds?)';
  if (ms >= now * 500) return ' (is it in microseconds instead of milliseconds?)';
  return '';
}

/**
 * The common case, checked without zod: exactly what DeviceTimestamp's number branch
 * accepts (finite, whole, non-negative). Anything else goes through the schema.
 */
function isEpochMs(ts: unknown): ts is number {
  return typeof ts === 'number' && Number.isInteger(ts) && ts >= 0;
}

function parseWithSchema(ts: unknown): number | Rejection {
  const parsed = DeviceTimestamp.safeParse(ts);
  if (!parsed.success) {
    return reject(
      'bad_timestamp',
      `"ts" ${JSON.stringify(ts)} is neither epoch milliseconds (a whole, non-negative number) nor an ISO 8601 date-time with offset`,
    );
  }
  const ms = timestampToEpochMs(parsed.data);
  if (!Number.isFinite(ms)) return reject('bad_timestamp', `"ts" ${JSON.stringify(ts)} is not a real date`);
  return ms;
}
