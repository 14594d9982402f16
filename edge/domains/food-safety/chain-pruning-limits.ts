import type { Database } from '../../store/database';
import { FoodSafetyOutbox } from './food-safety-outbox';
import { FoodSafetyStore, type LimitRow } from './food-safety-store';

const DAY_MS = 86_400_000;

/**
 * States the limit in force of each control point again, as a new record with the same
 * content, once its record is `olderThanDays` old. Every minute record points at the limit
 * it was judged by, so without this a store whose limits never change keeps its first limit
 * records referenced by today's minutes, and the chain's prefix can never be pruned past
 * them. After a restatement new minutes point at the new record (the caller has the
 * service take it up); the old one is then named only by minutes that age out with it.
 * One transaction, with the chain head for central. Returns the control points restated.
 */
export function restateOldLimits(
  db: Database,
  storeId: string,
  controlPoints: readonly string[],
  olderThanDays: number,
  now: number,
): string[] {
  const store = new FoodSafetyStore(db, storeId);
  const outbox = new FoodSafetyOutbox(db, storeId);
  return db.transaction(() => {
    const restated: string[] = [];
    for (const cp of controlPoints) {
      const latest = store.latestLimit(cp);
      if (!latest || now - latest.at < olderThanDays * DAY_MS) continue;
      // The row read back carries the old record's hash tag too; the new record gets its own.
      const { seq: _old, hash: _tag, ...content } = latest as LimitRow & { hash?: Buffer };
      store.appendLimit({ ...content, at: now });
      restated.push(cp);
    }
    if (restated.length > 0) outbox.chainHead(store.chain.head());
    return restated;
  })();
}
