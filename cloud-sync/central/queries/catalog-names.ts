import type { LocalizedText } from '../../../shared/localized-text';
import type { CentralDb } from '../db/central-db';
import type { CatalogKind } from '../ingest/catalog-projection';
import { localizedOrNull } from './equipment-labels';

export interface CatalogEntry {
  name: LocalizedText | null;
  unit: string | null;
}

export interface CatalogNames {
  /** The entry as the store's newest catalogue has it; undefined when it does not list the id. */
  entry(storeId: string, kind: CatalogKind, id: string): CatalogEntry | undefined;
  /** The name, null when the store has not named the id. */
  name(storeId: string, kind: CatalogKind, id: string): LocalizedText | null;
  /** A stock level's key: an ingredient, else a sub-recipe made in batches and kept in stock. */
  stocked(storeId: string, id: string): CatalogEntry | undefined;
}

/**
 * The catalogue entries of some stores, read once for a whole answer (as equipmentLabels
 * reads equipment names) so that a row does not cost a query each.
 */
export async function catalogNames(
  db: CentralDb,
  storeIds: readonly string[],
  kinds: readonly CatalogKind[],
): Promise<CatalogNames> {
  const known = new Map<string, CatalogEntry>();
  const stores = [...new Set(storeIds)];
  if (stores.length > 0 && kinds.length > 0) {
    const rows = await db
      .selectFrom('store_catalog_entries')
      .select(['store_id', 'kind', 'entry_id', 'name', 'unit'])
      .where('store_id', 'in', stores)
      .where('kind', 'in', [...kinds])
      .execute();
    for (const row of rows)
      known.set(`${row.store_id}\u0000${row.kind}\u0000${row.entry_id}`, {
        name: localizedOrNull(row.name),
        unit: row.unit,
      });
  }
  const entry = (storeId: string, kind: CatalogKind, id: string) =>
    known.get(`${storeId}\u0000${kind}\u0000${id}`);
  return {
    entry,
    name: (storeId, kind, id) => entry(storeId, kind, id)?.name ?? null,
    stocked: (storeId, id) => entry(storeId, 'ingredient', id) ?? entry(storeId, 'sub_recipe', id),
  };
}
