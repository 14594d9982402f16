import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreConfig } from '../../../shared/config/store-config';
import { loadStoreConfig } from '../../../shared/server/config/load-store-config';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { EventBus } from '../../runtime/event-bus';
import { type Database, openDatabase } from '../../store/database';

const DEMO_CONFIG = join(import.meta.dirname, '../../../config/demo-store.yaml');

/** The demo store's config, optionally with storage or limits overridden. */
export function demoConfig(overrides: Partial<Pick<StoreConfig, 'storage' | 'limits'>> = {}): StoreConfig {
  const config = loadStoreConfig(DEMO_CONFIG);
  return {
    ...config,
    storage: { ...config.storage, ...overrides.storage },
    limits: { ...config.limits, ...overrides.limits },
  };
}

/** A fresh data dir with a migrated database; `cleanup` closes and deletes it. */
export function tempDatabase(): { dir: string; db: Database; reopen: () => Database; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  const state = { db: openDatabase(dir) };
  return {
    dir,
    get db() {
      return state.db;
    },
    reopen() {
      state.db.close();
      state.db = openDatabase(dir);
      return state.db;
    },
    cleanup() {
      if (state.db.open) state.db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function testDeps() {
  return { bus: new EventBus(), logger: silentLogger() };
}

/** Waits for a promise, failing the test instead of hanging when it never settles. */
export function within<T>(promise: Promise<T>, ms = 5000, what = 'operation'): Promise<T> {
  return Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not finish in ${ms} ms`)), ms),
    ),
  ]);
}
