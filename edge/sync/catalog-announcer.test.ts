import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../shared/config/store-config';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { silentLogger } from '../../shared/server/runtime/logger';
import { KitchenCatalogPayload } from '../../shared/sync/kitchen-catalog';
import { EdgeApp } from '../app/edge-app';
import { type Database, openDatabase } from '../store/database';
import { CatalogAnnouncer } from './catalog-announcer';

const DEMO_CONFIG = join(import.meta.dirname, '../../config/demo-store.yaml');
const T = Date.UTC(2026, 0, 12, 9, 0);

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-catalog-'));
  dirs.push(dir);
  return dir;
}

/** The `store.catalog` rows waiting in the outbox, oldest first, their payloads read back through the contract. */
function announced(db: Database) {
  return db
    .prepare<[], { store_id: string; entity_id: string; ts: number; payload: string }>(
      "SELECT store_id, entity_id, ts, payload FROM outbox WHERE type = 'store.catalog' ORDER BY seq",
    )
    .all()
    .map((row) => ({ ...row, payload: KitchenCatalogPayload.parse(JSON.parse(row.payload)) }));
}

function renamed(config: StoreConfig, itemId: string, en: string): StoreConfig {
  return {
    ...config,
    kitchen: {
      ...config.kitchen,
      menu: config.kitchen.menu.map((item) =>
        item.id === itemId ? { ...item, name: { ...item.name, en } } : item,
      ),
    },
  };
}

describe('CatalogAnnouncer', () => {
  const config = loadStoreConfig(DEMO_CONFIG);
  const firstItem = config.kitchen.menu[0];
  if (!firstItem) throw new Error('the demo store has a menu');

  it('puts the catalogue in the outbox once, with names in both languages and units', () => {
    const db = openDatabase(tempDir());
    const announcer = new CatalogAnnouncer(db, config.store.id);

    expect(announcer.announce(config, T)).toBe(true);
    expect(announcer.announce(config, T + 1000)).toBe(false);

    const rows = announced(db);
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(row?.store_id).toBe(config.store.id);
    expect(row?.entity_id).toBe(config.store.id);
    expect(row?.ts).toBe(T);
    const catalog = row?.payload;
    expect(catalog?.menuItems).toContainEqual({ id: firstItem.id, name: firstItem.name });
    expect(catalog?.menuItems).toHaveLength(config.kitchen.menu.length);
    expect(catalog?.stations).toHaveLength(config.kitchen.stations.length);
    const ingredient = config.stock.ingredients[0];
    expect(catalog?.ingredients).toContainEqual({
      id: ingredient?.id,
      name: ingredient?.name,
      unit: ingredient?.baseUnit,
    });
    expect(catalog?.subRecipes).toHaveLength(config.stock.subRecipes.length);
    db.close();
  });

  it('sends nothing after a restart with the same catalogue, and the new one after a change', () => {
    const dataDir = tempDir();
    let db = openDatabase(dataDir);
    new CatalogAnnouncer(db, config.store.id).announce(config, T);
    db.close();

    db = openDatabase(dataDir);
    const announcer = new CatalogAnnouncer(db, config.store.id);
    expect(announcer.announce(config, T + 60_000)).toBe(false);
    // A change to something the catalogue does not carry (a price) is not a new catalogue.
    expect(announcer.announce(repriced(config), T + 61_000)).toBe(false);
    expect(announced(db)).toHaveLength(1);

    expect(announcer.announce(renamed(config, firstItem.id, 'House burger'), T + 120_000)).toBe(true);
    const rows = announced(db);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.payload.menuItems).toContainEqual({
      id: firstItem.id,
      name: { en: 'House burger', 'zh-CN': firstItem.name['zh-CN'] },
    });
    db.close();
  });
});

function repriced(config: StoreConfig): StoreConfig {
  return {
    ...config,
    kitchen: { ...config.kitchen, menu: config.kitchen.menu.map((item) => ({ ...item, price: 99 })) },
  };
}

describe('the edge announces its catalogue', () => {
  it('at start, not again on a reload that changes nothing, and again when the config file renames an item', async () => {
    const dataDir = tempDir();
    const configFile = join(tempDir(), 'store.yaml');
    copyFileSync(DEMO_CONFIG, configFile);
    const config = loadStoreConfig(configFile);
    const item = config.kitchen.menu[0];
    if (!item) throw new Error('the demo store has a menu');
    const app = new EdgeApp({
      config,
      configFile,
      dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
    });
    await app.start();
    try {
      expect(announced(app.database)).toHaveLength(1);

      expect(app.reloadConfig()).toBe(true);
      expect(announced(app.database)).toHaveLength(1);

      const yaml = readFileSync(configFile, 'utf8');
      const zh = item.name['zh-CN'];
      expect(yaml).toContain(zh);
      writeFileSync(configFile, yaml.replace(zh, `${zh}（新）`));
      expect(app.reloadConfig()).toBe(true);
      const rows = announced(app.database);
      expect(rows).toHaveLength(2);
      expect(rows[1]?.payload.menuItems).toContainEqual({
        id: item.id,
        name: { en: item.name.en, 'zh-CN': `${zh}（新）` },
      });
    } finally {
      await app.stop();
    }
  });
});
