import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KitchenCatalogPayload } from '../../../shared/sync/kitchen-catalog';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { type CentralDatabase, openCentralDatabase } from '../db/central-db';
import { catalogNames } from '../queries/catalog-names';
import { BACKENDS, event, releaseSharedPostgres, sharedPostgres } from '../testing/central-test-kit';
import { ProjectionPlan } from './projections';

afterAll(releaseSharedPostgres, 60_000);

const T = Date.UTC(2026, 0, 5, 11, 30);
const STORE = 'sh-001';
const OTHER = 'sh-002';

const BURGER = { id: 'burger', name: { en: 'Burger', 'zh-CN': '汉堡' } };
const FRIES = { id: 'fries', name: { en: 'Fries', 'zh-CN': '薯条' } };
const GRILL = { id: 'grill', name: { en: 'Grill', 'zh-CN': '扒炉' } };
const BEEF = { id: 'beef', name: { en: 'Beef patty', 'zh-CN': '牛肉饼' }, unit: 'each' };

function catalog(overrides: Partial<KitchenCatalogPayload> = {}): KitchenCatalogPayload {
  return {
    menuItems: [BURGER, FRIES],
    stations: [GRILL],
    ingredients: [BEEF],
    subRecipes: [
      { id: 'burger-sauce', name: { en: 'Burger sauce', 'zh-CN': '汉堡酱' }, unit: 'ml' },
      { id: 'pickles', name: null, unit: 'portion' },
    ],
    ...overrides,
  };
}

const announced = (seq: number, payload: KitchenCatalogPayload | Record<string, unknown>, storeId = STORE) =>
  event(seq, 'store.catalog', storeId, payload, T + seq);

describe.each(BACKENDS)('kitchen catalogue projection on %s', (backend) => {
  let database: CentralDatabase;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-catalog-'));
    const databaseUrl = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    database = await openCentralDatabase({ dataDir, databaseUrl });
    await database.db.insertInto('regions').values({ id: 'east', name: 'East', created_at: T }).execute();
    await database.db
      .insertInto('stores')
      .values([
        { id: STORE, name: 'Shanghai 001', region_id: 'east', created_at: T },
        { id: OTHER, name: 'Shanghai 002', region_id: 'east', created_at: T },
      ])
      .execute();
  });
  afterEach(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function project(storeId: string, ...events: SyncEvent[]): Promise<string[]> {
    const plan = new ProjectionPlan();
    const outcomes = events.map((e) => plan.add(storeId, e).kind);
    await database.db.transaction().execute((trx) => plan.apply(trx));
    return outcomes;
  }

  const names = () =>
    catalogNames(database.db, [STORE, OTHER], ['menu_item', 'station', 'ingredient', 'sub_recipe']);

  it('names each store’s menu items, stations, ingredients and sub-recipes with their units', async () => {
    expect(await project(STORE, announced(1, catalog()))).toEqual(['projected']);
    const known = await names();
    expect(known.name(STORE, 'menu_item', 'burger')).toEqual(BURGER.name);
    expect(known.name(STORE, 'station', 'grill')).toEqual(GRILL.name);
    expect(known.entry(STORE, 'ingredient', 'beef')).toEqual({ name: BEEF.name, unit: 'each' });
    expect(known.stocked(STORE, 'burger-sauce')).toEqual({
      name: { en: 'Burger sauce', 'zh-CN': '汉堡酱' },
      unit: 'ml',
    });
    expect(known.stocked(STORE, 'pickles')).toEqual({ name: null, unit: 'portion' });
    // Another store's ids are not named by this one's catalogue.
    expect(known.name(OTHER, 'menu_item', 'burger')).toBeNull();
    expect(known.name(STORE, 'menu_item', 'salad')).toBeNull();
  });

  it('replaces the catalogue whole with a newer one, and keeps it when an older one arrives late', async () => {
    await project(STORE, announced(1, catalog()));
    const renamed = { id: 'burger', name: { en: 'House burger', 'zh-CN': '招牌汉堡' } };
    await project(STORE, announced(5, catalog({ menuItems: [renamed] })));
    let known = await names();
    expect(known.name(STORE, 'menu_item', 'burger')).toEqual(renamed.name);
    // Fries left the menu: its name goes with the catalogue it was in.
    expect(known.name(STORE, 'menu_item', 'fries')).toBeNull();

    await project(STORE, announced(3, catalog()));
    known = await names();
    expect(known.name(STORE, 'menu_item', 'burger')).toEqual(renamed.name);
    expect(known.name(STORE, 'menu_item', 'fries')).toBeNull();
    const header = await database.db.selectFrom('store_catalogs').selectAll().execute();
    expect(
      header.map((h) => ({ ...h, last_seq: Number(h.last_seq), announced_at: Number(h.announced_at) })),
    ).toEqual([{ store_id: STORE, announced_at: T + 5, last_seq: 5 }]);
  });

  it('writes only the newest of a group, and keeps the stores apart', async () => {
    const first = catalog({ menuItems: [FRIES] });
    const second = catalog({ menuItems: [BURGER] });
    await project(STORE, announced(8, second), announced(7, first));
    await project(OTHER, announced(2, catalog({ menuItems: [FRIES], stations: [] }), OTHER));
    const known = await names();
    expect(known.name(STORE, 'menu_item', 'burger')).toEqual(BURGER.name);
    expect(known.name(STORE, 'menu_item', 'fries')).toBeNull();
    expect(known.name(OTHER, 'menu_item', 'fries')).toEqual(FRIES.name);
    expect(known.name(OTHER, 'station', 'grill')).toBeNull();
    expect(known.name(STORE, 'station', 'grill')).toEqual(GRILL.name);
  });

  it('keeps a catalogue it cannot read as history, without touching the names it has', async () => {
    await project(STORE, announced(1, catalog()));
    expect(await project(STORE, announced(2, { menuItems: [{ id: 'burger' }] }))).toEqual(['invalid']);
    expect((await names()).name(STORE, 'menu_item', 'burger')).toEqual(BURGER.name);
  });
});
