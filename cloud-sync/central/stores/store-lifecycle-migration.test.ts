import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { CentralDialect } from '../db/central-db';
import { centralMigrations } from '../db/migrations';
import type { CentralTables } from '../db/schema';
import { BACKENDS, releaseSharedPostgres, sharedPostgres } from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

const CREATED = Date.UTC(2025, 5, 1, 9);

async function openBare(backend: CentralDialect): Promise<{ db: Kysely<CentralTables>; cleanup(): void }> {
  if (backend === 'postgres') {
    const pool = new pg.Pool({ connectionString: await (await sharedPostgres()).createDatabase() });
    return { db: new Kysely<CentralTables>({ dialect: new PostgresDialect({ pool }) }), cleanup: () => {} };
  }
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  const db = new Kysely<CentralTables>({
    dialect: new SqliteDialect({ database: new Sqlite(join(dir, 'central.sqlite')) }),
  });
  return { db, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

describe.each(BACKENDS)('migration 015 (store lifecycle) on %s', (backend) => {
  it('makes the stores that were there open since their creation, and keeps an empty history', async () => {
    const { db, cleanup } = await openBare(backend);
    try {
      const migrator = new Migrator({ db, provider: centralMigrations(backend) });
      expect((await migrator.migrateTo('014-food-safety-reports')).error).toBeUndefined();
      await db.insertInto('regions').values({ id: 'east', name: '华东', created_at: CREATED }).execute();
      await db
        .insertInto('stores')
        .values({ id: 'sh-001', name: '上海一店', region_id: 'east', created_at: CREATED })
        .execute();

      expect((await migrator.migrateTo('015-store-lifecycle')).error).toBeUndefined();
      const store = await db
        .selectFrom('stores')
        .select(['state', 'state_since'])
        .where('id', '=', 'sh-001')
        .executeTakeFirstOrThrow();
      expect({ state: store.state, since: Number(store.state_since) }).toEqual({
        state: 'open',
        since: CREATED,
      });
      expect(await db.selectFrom('store_state_changes').selectAll().execute()).toEqual([]);
    } finally {
      await db.destroy();
      cleanup();
    }
  });
});
