import type { z } from 'zod';
import { CorrectiveActionView, ExcursionView } from '../../../shared/api/food-safety';
import type { StoreFoodSafetyDetail } from '../../../shared/central/food-safety-api';
import type { CentralDb } from '../db/central-db';
import { storeFoodSafety } from './food-safety-overview';
import { storeCheckRecords } from './store-checks';
import { storeCoolingBatches } from './store-cooling';
import { tamperAlerts } from './tamper-alerts';

/** More than a store has in a quarter unless something is badly wrong; the page lists, it does not page. */
const LIST_LIMIT = 500;

/** Views as stored (checked on the way in); one that no longer reads is left out rather than failing the page. */
function parsedViews<T>(schema: z.ZodType<T>, rows: readonly { view: string }[]): T[] {
  return rows.flatMap((row) => {
    const parsed = schema.safeParse(JSON.parse(row.view));
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * One store's food safety: its figures as the overview gives them, the excursions that
 * overlap [from, to) and any still going, its corrective actions (every open one, whenever it opened, then those
 * signed off that opened in the range), its tamper alerts and its cooling batches (failed first). The caller has checked the
 * store is in their scope.
 */
export async function storeFoodSafetyDetail(
  db: CentralDb,
  storeId: string,
  from: number,
  to: number,
  now: number,
): Promise<StoreFoodSafetyDetail | undefined> {
  const scope = { storeIds: [storeId] };
  const [figures] = await storeFoodSafety(db, scope, from, to, now);
  if (!figures) return undefined;
  const excursions = await db
    .selectFrom('food_safety_excursions')
    .where('store_id', '=', storeId)
    .where((eb) =>
      eb.or([eb('ended_at', 'is', null), eb.and([eb('started_at', '<', to), eb('ended_at', '>', from)])]),
    )
    .select('view')
    .orderBy('started_at', 'desc')
    .orderBy('excursion_id', 'desc')
    .limit(LIST_LIMIT)
    .execute();
  const open = await db
    .selectFrom('food_safety_actions')
    .where('store_id', '=', storeId)
    .where('open', '=', 1)
    .select('view')
    .orderBy('opened_at')
    .orderBy('action_id')
    .limit(LIST_LIMIT)
    .execute();
  const signedOff = await db
    .selectFrom('food_safety_actions')
    .where('store_id', '=', storeId)
    .where('open', '=', 0)
    .where('opened_at', '>=', from)
    .where('opened_at', '<', to)
    .select('view')
    .orderBy('opened_at', 'desc')
    .orderBy('action_id', 'desc')
    .limit(LIST_LIMIT)
    .execute();
  return {
    store: figures.store,
    excursions: parsedViews(ExcursionView, excursions),
    correctiveActions: parsedViews(CorrectiveActionView, [...open, ...signedOff]),
    tamperAlerts: await tamperAlerts(db, scope),
    cooling: await storeCoolingBatches(db, storeId, from, to),
    checks: await storeCheckRecords(db, storeId, from, to),
  };
}
