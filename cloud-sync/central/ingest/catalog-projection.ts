import { sql, type Transaction } from 'kysely';
import type { LocalizedText } from '../../../shared/localized-text';
import { KITCHEN_CATALOG_EVENT, KitchenCatalogPayload } from '../../../shared/sync/kitchen-catalog';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import { keepLatest, type Versioned } from './latest-by-seq';
import { invalid, type ProjectionOutcome } from './projection-outcome';

type Trx = Transaction<CentralTables>;

/** What a catalogue entry names, as stored in `store_catalog_entries.kind`. */
export type CatalogKind = 'menu_item' | 'station' | 'ingredient' | 'sub_recipe';

interface EntryRow {
  kind: CatalogKind;
  id: string;
  name: LocalizedText | null;
  unit: string | null;
}

/**
 * The kitchen catalogue's part of a ProjectionPlan: each store's newest `store.catalog`
 * by seq replaces the older one whole (a thing the store no longer has loses its name), so
 * a catalogue arriving late after a newer one changes nothing.
 */
export class CatalogProjection {
  readonly #catalogs = new Map<string, Versioned<KitchenCatalogPayload & { at: number }>>();

  static projects(type: string): boolean {
    return type === KITCHEN_CATALOG_EVENT;
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    const parsed = KitchenCatalogPayload.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    keepLatest(this.#catalogs, storeId, { storeId, seq: event.seq, value: { ...parsed.data, at: event.ts } });
    return { kind: 'projected' };
  }

  async apply(trx: Trx): Promise<void> {
    for (const catalog of this.#catalogs.values()) await replaceCatalog(trx, catalog);
  }
}

async function replaceCatalog(
  trx: Trx,
  { storeId, seq, value: catalog }: Versioned<KitchenCatalogPayload & { at: number }>,
): Promise<void> {
  const claimed = await sql<{ last_seq: number }>`
    insert into store_catalogs (store_id, announced_at, last_seq)
    values (${storeId}, ${catalog.at}, ${seq})
    on conflict (store_id) do update set
      announced_at = excluded.announced_at, last_seq = excluded.last_seq
    where store_catalogs.last_seq < excluded.last_seq
    returning last_seq`.execute(trx);
  if (claimed.rows.length === 0) return;
  await trx.deleteFrom('store_catalog_entries').where('store_id', '=', storeId).execute();
  await inPieces(entriesOf(catalog), async (piece) => {
    await trx
      .insertInto('store_catalog_entries')
      .values(
        piece.map((entry) => ({
          store_id: storeId,
          kind: entry.kind,
          entry_id: entry.id,
          name: entry.name === null ? null : JSON.stringify(entry.name),
          unit: entry.unit,
        })),
      )
      .execute();
  });
}

/** One row per kind and id; an id listed twice keeps its last entry rather than failing the batch. */
function entriesOf(catalog: KitchenCatalogPayload): EntryRow[] {
  const rows = new Map<string, EntryRow>();
  const put = (row: EntryRow) => rows.set(`${row.kind}\u0000${row.id}`, row);
  for (const { id, name } of catalog.menuItems) put({ kind: 'menu_item', id, name, unit: null });
  for (const { id, name } of catalog.stations) put({ kind: 'station', id, name, unit: null });
  for (const { id, name, unit } of catalog.ingredients) put({ kind: 'ingredient', id, name, unit });
  for (const { id, name, unit } of catalog.subRecipes) put({ kind: 'sub_recipe', id, name, unit });
  return [...rows.values()];
}
