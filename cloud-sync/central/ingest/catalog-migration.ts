import type { Kysely } from 'kysely';

/**
 * Migration 007. The newest kitchen catalogue of each store (`store.catalog`): a row claiming it by seq, and
 * one row per named thing, so a route names only the ids it shows, in one query per list.
 * `kind` is `menu_item`, `station`, `ingredient` or `sub_recipe`; names may be missing only for
 * sub-recipes, which the store need not name.
 */
export async function storeCatalogsUp(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('store_catalogs')
    .addColumn('store_id', 'text', (c) => c.primaryKey().references('stores.id'))
    .addColumn('announced_at', 'bigint', (c) => c.notNull())
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('store_catalog_entries')
    .addColumn('store_id', 'text', (c) => c.notNull().references('stores.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('entry_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('unit', 'text')
    .addPrimaryKeyConstraint('store_catalog_entries_pk', ['store_id', 'kind', 'entry_id'])
    .execute();
}
