import { DeviceTimestamp, timestampToEpochMs } from '../../shared/device-messages';
import { type Rejection, reject } from './rejection';

export interface TimestampLimits {
  maxFutureSkewS: number;
  maxAgeS: number;
}

/** Devices that send seconds instead of milliseconds land in early 1970: say so. */
const SECONDS_HINT_BELOW_MS = 100_000_000_000;

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
      `"ts" ${new Date(ms).toISOString()} is ${Math.round((ms - now) / 1000)} s ahead of the edge clock; at most ${limits.maxFutureSkewS} s is allowed`,
    );
  }
  const earliest = now - limits.maxAgeS * 1000;
  if (ms < earliest) {
    const hint = ms < SECONDS_HINT_BELOW_MS ? ' (is it in seconds instead of milliseconds?)' : '';
    return reject(
      'stale_timestamp',
      `"ts" ${new Date(ms).toISOString()} is older than the ${limits.maxAgeS} s the edge accepts${hint}`,
    );
  }
  return { ok: true, ts: ms };
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
