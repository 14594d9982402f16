import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DowntimeCostPayload } from '../../../shared/central/downtime-events';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { type CentralDatabase, openCentralDatabase } from '../db/central-db';
import { BACKENDS, event, releaseSharedPostgres, sharedPostgres } from '../testing/central-test-kit';
import { ProjectionPlan } from './projections';

afterAll(releaseSharedPostgres, 60_000);

const T = Date.UTC(2026, 0, 12, 12, 0);
const H = 3_600_000;

/** fries off for fryer-1 alone: 6.5 portions at 12.00 CNY, as the edge sends it. */
function cost(seq: number, overrides: Partial<DowntimeCostPayload> = {}, storeId = 'sh-001'): SyncEvent {
  const payload: DowntimeCostPayload = {
    storeId,
    currency: 'CNY',
    id: 7,
    item: 'fries',
    startedAt: T,
    endedAt: T + H,
    priced: true,
    rateBasis: ['hour-of-week'],
    portionsLost: 6.5,
    amount: { currency: 'CNY', amount: 78 },
    shares: [
      {
        equipmentId: 'fryer-1',
        ticketId: 3,
        alarmId: 9,
        portionsLost: 6.5,
        amount: { currency: 'CNY', amount: 78 },
      },
    ],
    ...overrides,
  };
  return event(seq, 'downtime.cost', payload.id, payload, payload.endedAt);
}

describe.each(BACKENDS)('downtime cost projection on %s', (backend) => {
  let database: CentralDatabase;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-downtime-'));
    const databaseUrl = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    database = await openCentralDatabase({ dataDir, databaseUrl });
    await database.db.insertInto('regions').values({ id: 'east', name: 'East', created_at: T }).execute();
    await database.db
      .insertInto('stores')
      .values([
        { id: 'sh-001', name: 'Shanghai 001', region_id: 'east', created_at: T },
        { id: 'sh-002', name: 'Shanghai 002', region_id: 'east', created_at: T },
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

  const rows = async () =>
    (
      await database.db
        .selectFrom('downtime_costs')
        .select([
          'store_id',
          'episode_id',
          'item',
          'ended_at',
          'priced',
          'portions_milli',
          'amount_milli',
          'rate_basis',
          'shares',
          'last_seq',
        ])
        .orderBy('store_id')
        .orderBy('episode_id')
        .execute()
    ).map((r) => ({
      ...r,
      episode_id: Number(r.episode_id),
      ended_at: Number(r.ended_at),
      priced: Number(r.priced),
      portions_milli: Number(r.portions_milli),
      amount_milli: Number(r.amount_milli),
      last_seq: Number(r.last_seq),
      shares: JSON.parse(r.shares) as unknown,
    }));

  it('keeps one row per store and episode, in exact thousandths, however often it is sent', async () => {
    expect(await project('sh-001', cost(4))).toEqual(['projected']);
    // The same episode again (a resend under a new seq) and in a later group: still one row.
    await project('sh-001', cost(4), cost(5));
    await project('sh-001', cost(5));
    // Another store's episode 7 is another episode.
    await project('sh-002', cost(2, {}, 'sh-002'));
    expect(await rows()).toEqual([
      {
        store_id: 'sh-001',
        episode_id: 7,
        item: 'fries',
        ended_at: T + H,
        priced: 1,
        portions_milli: 6_500,
        amount_milli: 78_000,
        rate_basis: '["hour-of-week"]',
        shares: [
          { equipmentId: 'fryer-1', ticketId: 3, alarmId: 9, portionsMilli: 6_500, amountMilli: 78_000 },
        ],
        last_seq: 5,
      },
      expect.objectContaining({ store_id: 'sh-002', episode_id: 7, last_seq: 2 }),
    ]);
  });

  it('lets the newest seq win, and an older version arriving late changes nothing', async () => {
    const older = cost(10, { portionsLost: 1, amount: { currency: 'CNY', amount: 12 } });
    const newer = cost(11, {
      portionsLost: 2.25,
      amount: { currency: 'CNY', amount: 27.01 },
      shares: [
        {
          equipmentId: 'fryer-1',
          ticketId: 3,
          alarmId: 9,
          portionsLost: 1.125,
          amount: { currency: 'CNY', amount: 13.51 },
        },
        {
          equipmentId: 'fryer-2',
          ticketId: null,
          alarmId: 12,
          portionsLost: 1.125,
          amount: { currency: 'CNY', amount: 13.5 },
        },
      ],
    });
    // Within one group, out of order.
    await project('sh-001', newer, older);
    expect(await rows()).toMatchObject([{ last_seq: 11, portions_milli: 2_250, amount_milli: 27_010 }]);
    // In a later group, the older one alone.
    await project('sh-001', older);
    const [row] = await rows();
    expect(row).toMatchObject({ last_seq: 11, portions_milli: 2_250, amount_milli: 27_010 });
    expect(row?.shares).toEqual([
      { equipmentId: 'fryer-1', ticketId: 3, alarmId: 9, portionsMilli: 1_125, amountMilli: 13_510 },
      { equipmentId: 'fryer-2', ticketId: null, alarmId: 12, portionsMilli: 1_125, amountMilli: 13_500 },
    ]);
  });

  it('keeps a cost that does not fit as history only, and says why', async () => {
    const plan = new ProjectionPlan();
    const outcome = plan.add(
      'sh-001',
      event(3, 'downtime.cost', 7, { id: 7, item: 'fries', amount: 'a lot' }),
    );
    expect(outcome.kind).toBe('invalid');
    await database.db.transaction().execute((trx) => plan.apply(trx));
    expect(await rows()).toEqual([]);
  });
});
