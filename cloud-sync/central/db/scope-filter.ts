import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { StoreScope } from '../auth/caller';
import type { CentralTables } from './schema';

type WithStores = Pick<CentralTables, 'stores'>;

/** The WHERE clause that keeps a query inside a caller's stores; every read route uses it. */
export function inScope<DB extends WithStores, TB extends keyof DB & 'stores'>(
  eb: ExpressionBuilder<DB, TB>,
  scope: StoreScope,
): ExpressionWrapper<DB, TB, SqlBool> {
  const stores = eb as unknown as ExpressionBuilder<WithStores, 'stores'>;
  let filter: ExpressionWrapper<WithStores, 'stores', SqlBool>;
  if (scope === null) filter = stores.and([]);
  else if ('regionId' in scope) filter = stores('stores.region_id', '=', scope.regionId);
  // `IN ()` is not valid SQL; no assigned store matches nothing, as '' is never a store id.
  else filter = stores('stores.id', 'in', scope.storeIds.length > 0 ? [...scope.storeIds] : ['']);
  return filter as unknown as ExpressionWrapper<DB, TB, SqlBool>;
}
