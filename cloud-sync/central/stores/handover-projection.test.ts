import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandoverSignature } from '../../../shared/api/commissioning-handover';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { type CentralDatabase, openCentralDatabase } from '../db/central-db';
import { ProjectionPlan } from '../ingest/projections';
import { BACKENDS, event, releaseSharedPostgres, sharedPostgres } from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

const T = Date.UTC(2026, 11, 1, 9, 0);

function handover(seq: number, storeId: string, overrideReason: string | null = null): SyncEvent {
  const payload: HandoverSignature = {
    storeId,
    signedBy: 'mgr-li',
    signerName: '李经理',
    role: 'manager',
    signedAt: T + seq,
    complete: overrideReason === null,
    overrideReason,
    openItems: overrideReason === null ? [] : ['display'],
    checklistSha256: 'a'.repeat(64),
  };
  return event(seq, 'commissioning.handover', storeId, payload, payload.signedAt);
}

describe.each(BACKENDS)('handover projection on %s', (backend) => {
  let database: CentralDatabase;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-handover-'));
    const databaseUrl = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    database = await openCentralDatabase({ dataDir, databaseUrl });
    await database.db.insertInto('regions').values({ id: 'east', name: 'East', created_at: T }).execute();
    await database.db
      .insertInto('stores')
      .values([
        {
          id: 'sh-001',
          name: 'Shanghai 001',
          region_id: 'east',
          created_at: T,
          state: 'commissioning',
          state_since: T,
        },
        {
          id: 'sh-002',
          name: 'Shanghai 002',
          region_id: 'east',
          created_at: T,
          state: 'fitting_out',
          state_since: T,
        },
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

  const storeRow = (id: string) =>
    database.db
      .selectFrom('stores')
      .select(['state', 'state_since'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  const changes = (id: string) =>
    database.db
      .selectFrom('store_state_changes')
      .select(['from_state', 'to_state', 'reason', 'changed_by', 'override'])
      .where('store_id', '=', id)
      .execute();

  it('opens a commissioning store once, by the signer, with the override reason', async () => {
    expect(await project('sh-001', handover(5, 'sh-001', 'display delivered Monday'))).toEqual(['projected']);
    expect(await storeRow('sh-001')).toMatchObject({ state: 'open' });
    expect(Number((await storeRow('sh-001')).state_since)).toBe(T + 5);
    // The same event delivered again moves nothing: the store is open already.
    await project('sh-001', handover(5, 'sh-001', 'display delivered Monday'));
    expect((await changes('sh-001')).map((c) => ({ ...c, override: Number(c.override) }))).toEqual([
      {
        from_state: 'commissioning',
        to_state: 'open',
        reason: 'handover signed; checklist overridden: display delivered Monday',
        changed_by: 'mgr-li',
        override: 0,
      },
    ]);
  });

  it('leaves a store that is not commissioning where it is, and refuses a malformed handover', async () => {
    await project('sh-002', handover(3, 'sh-002'));
    expect(await storeRow('sh-002')).toMatchObject({ state: 'fitting_out' });
    expect(await changes('sh-002')).toEqual([]);
    expect(await project('sh-001', event(4, 'commissioning.handover', 'sh-001', { signedBy: 'x' }))).toEqual([
      'invalid',
    ]);
    expect(await storeRow('sh-001')).toMatchObject({ state: 'commissioning' });
  });
});
