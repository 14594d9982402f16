import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { UnavailableReason } from '../../../shared/api/menu';
import type { VarianceLine } from '../../../shared/api/stock';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { type CentralDatabase, openCentralDatabase } from '../db/central-db';
import { BACKENDS, event, releaseSharedPostgres, sharedPostgres } from '../testing/central-test-kit';
import { ProjectionPlan } from './projections';

afterAll(releaseSharedPostgres, 60_000);

const T = Date.UTC(2026, 0, 5, 11, 30);
const M = 60_000;
const STORE = 'sh-001';

const level = (seq: number, levels: { ingredient: string; projected: number | null }[], ts = T + seq) =>
  event(
    seq,
    'stock.level',
    `sale-${seq}`,
    {
      reason: 'sale',
      ref: `sale-${seq}`,
      businessDate: '2026-01-05',
      levels: levels.map((l) => ({
        ingredient: l.ingredient,
        tracked: l.projected !== null,
        onHand: l.projected,
        projected: l.projected,
      })),
    },
    ts,
  );

const low = (seq: number, ingredient: string, projected: number, min: number) =>
  event(seq, 'stock.low', ingredient, { ingredient, projected, min, at: T + seq });

const FRYER_DOWN: UnavailableReason = {
  kind: 'equipment',
  capability: 'fryer',
  units: [
    { equipmentId: 'fryer-1', since: T, alarmId: 4, alarmTitle: { en: 'Oil too hot', 'zh-CN': '油温过高' } },
  ],
  since: T,
};

const availability = (
  seq: number,
  item: string,
  available: boolean,
  at: number,
  reasons: UnavailableReason[] = [],
) =>
  event(seq, 'menu.availability', item, {
    storeId: STORE,
    item,
    available,
    reasons: available ? [] : reasons,
    at,
  });

function varianceLine(ingredient: string, variance: number | null): VarianceLine {
  const money = { currency: 'CNY', amount: 0 };
  return {
    ingredient,
    baseUnit: 'g',
    opening: 1000,
    received: 0,
    closing: variance === null ? null : 500,
    actualUsage: variance === null ? null : 500,
    theoreticalUsage: 450,
    variance,
    waste: 10,
    netVariance: variance === null ? null : variance - 10,
    cost: { theoreticalUsage: money, variance: money, waste: money, netVariance: money },
  };
}

const variance = (seq: number, lines: VarianceLine[]) =>
  event(seq, 'stock.variance', '2026-01-05', {
    businessDate: '2026-01-05',
    currency: 'CNY',
    lines,
    totals: {
      variance: { currency: 'CNY', amount: 1.5 },
      waste: { currency: 'CNY', amount: 0.2 },
      netVariance: { currency: 'CNY', amount: 1.3 },
    },
  });

describe.each(BACKENDS)('stock and 86 projection on %s', (backend) => {
  let database: CentralDatabase;
  let dataDir: string;

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-stock-'));
    const databaseUrl = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
    database = await openCentralDatabase({ dataDir, databaseUrl });
    await database.db.insertInto('regions').values({ id: 'east', name: 'East', created_at: T }).execute();
    await database.db
      .insertInto('stores')
      .values({ id: STORE, name: 'Shanghai 001', region_id: 'east', created_at: T })
      .execute();
  });
  afterEach(async () => {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function project(...events: SyncEvent[]): Promise<string[]> {
    const plan = new ProjectionPlan();
    const outcomes = events.map((e) => plan.add(STORE, e).kind);
    await database.db.transaction().execute((trx) => plan.apply(trx));
    return outcomes;
  }

  const levels = () =>
    database.db
      .selectFrom('stock_levels')
      .select(['ingredient', 'tracked', 'projected_milli', 'level_seq', 'min_milli', 'low_since', 'low_seq'])
      .orderBy('ingredient')
      .execute();

  const episodes = (item: string) =>
    database.db
      .selectFrom('eighty_six_episodes')
      .select(['started_at', 'ended_at', 'open_seq', 'close_seq', 'equipment', 'reasons'])
      .where('item', '=', item)
      .orderBy('open_seq')
      .execute();

  it('keeps each ingredient’s newest level exactly, never rolled back by an older one', async () => {
    expect(
      await project(
        level(5, [
          { ingredient: 'beef', projected: 1234.567 },
          { ingredient: 'salt', projected: null },
        ]),
      ),
    ).toEqual(['projected']);
    await project(level(3, [{ ingredient: 'beef', projected: 9000 }]));
    await project(
      level(8, [{ ingredient: 'beef', projected: 800.001 }]),
      level(7, [{ ingredient: 'beef', projected: 1 }]),
    );
    expect(await levels()).toEqual([
      {
        ingredient: 'beef',
        tracked: 1,
        projected_milli: 800_001,
        level_seq: 8,
        min_milli: null,
        low_since: null,
        low_seq: 0,
      },
      {
        ingredient: 'salt',
        tracked: 0,
        projected_milli: null,
        level_seq: 5,
        min_milli: null,
        low_since: null,
        low_seq: 0,
      },
    ]);
  });

  it('remembers the minimum of a low-stock alert beside the level, each by its own seq', async () => {
    // The alert is appended before the level of the same change, so it has the lower seq.
    await project(low(10, 'beef', 400, 500), level(11, [{ ingredient: 'beef', projected: 400 }]));
    // An old alert arriving late changes neither the minimum nor the level.
    await project(low(2, 'beef', 10, 9000));
    expect(await levels()).toEqual([
      {
        ingredient: 'beef',
        tracked: 1,
        projected_milli: 400_000,
        level_seq: 11,
        min_milli: 500_000,
        low_since: T + 10,
        low_seq: 10,
      },
    ]);
    // An alert for an ingredient not seen yet stands in for its level until one comes.
    await project(low(20, 'lettuce', 3, 5));
    await project(level(19, [{ ingredient: 'lettuce', projected: 50 }]));
    expect((await levels())[1]).toMatchObject({
      ingredient: 'lettuce',
      projected_milli: 3000,
      level_seq: 20,
    });
  });

  it('keeps a day’s newest variance report whole, whatever order the reports arrive in', async () => {
    await project(variance(30, [varianceLine('beef', 50), varianceLine('oil', null)]));
    await project(variance(31, [varianceLine('beef', 45.5)]));
    await project(variance(29, [varianceLine('beef', 1), varianceLine('salt', 2)]));
    const rows = await database.db
      .selectFrom('stock_variance')
      .select(['ingredient', 'base_unit', 'variance_milli', 'net_variance_milli', 'last_seq'])
      .execute();
    expect(rows).toEqual([
      {
        ingredient: 'beef',
        base_unit: 'g',
        variance_milli: 45_500,
        net_variance_milli: 35_500,
        last_seq: 31,
      },
    ]);
    const day = await database.db.selectFrom('stock_variance_days').selectAll().executeTakeFirstOrThrow();
    expect(day).toMatchObject({ business_date: '2026-01-05', currency: 'CNY', last_seq: 31 });
    expect(JSON.parse(day.totals)).toMatchObject({ netVariance: { currency: 'CNY', amount: 1.3 } });
  });

  it('opens an 86 episode with its reasons and closes it with the time it came back', async () => {
    await project(availability(1, 'fries', false, T, [FRYER_DOWN]));
    expect(await episodes('fries')).toEqual([
      {
        started_at: T,
        ended_at: null,
        open_seq: 1,
        close_seq: null,
        equipment: 1,
        reasons: JSON.stringify([FRYER_DOWN]),
      },
    ]);
    await project(availability(2, 'fries', true, T + 45 * M));
    expect(await episodes('fries')).toMatchObject([{ started_at: T, ended_at: T + 45 * M, close_seq: 2 }]);
  });

  it('builds the same episodes when the changes arrive out of order, and never rolls an item back', async () => {
    const stock: UnavailableReason = { kind: 'stock', ingredient: 'beef', since: T + 100 * M };
    // Back on the menu (seq 2) arrives before the change that took it off (seq 1).
    await project(availability(2, 'burger', true, T + 30 * M));
    expect(await episodes('burger')).toEqual([]);
    await project(
      availability(4, 'burger', true, T + 120 * M),
      availability(3, 'burger', false, T + 100 * M, [stock]),
    );
    await project(availability(1, 'burger', false, T, [FRYER_DOWN]));
    expect(await episodes('burger')).toMatchObject([
      { started_at: T, ended_at: T + 30 * M, open_seq: 1, close_seq: 2, equipment: 1 },
      { started_at: T + 100 * M, ended_at: T + 120 * M, open_seq: 3, close_seq: 4, equipment: 0 },
    ]);
    // A late "off" older than the newest "on" does not take the item off again.
    const open = await database.db
      .selectFrom('eighty_six_episodes')
      .select('item')
      .where('ended_at', 'is', null)
      .execute();
    expect(open).toEqual([]);
  });

  it('takes a change told again after a restart as the same episode', async () => {
    await project(availability(1, 'fries', false, T, [FRYER_DOWN]));
    // The edge restarted and told the same state again under a new seq: still one episode.
    await project(availability(2, 'fries', false, T, [FRYER_DOWN]));
    await project(availability(3, 'fries', true, T + 10 * M), availability(4, 'fries', true, T + 10 * M));
    expect(await episodes('fries')).toMatchObject([
      { started_at: T, ended_at: T + 10 * M, open_seq: 1, close_seq: 3 },
    ]);
    const changes = await database.db.selectFrom('menu_availability_changes').select('seq').execute();
    expect(changes).toHaveLength(4);
  });

  it('keeps an availability change that does not fit as history only, and says why', async () => {
    const plan = new ProjectionPlan();
    const outcome = plan.add(
      STORE,
      event(9, 'menu.availability', 'fries', { item: 'fries', available: 'no' }),
    );
    expect(outcome.kind).toBe('invalid');
    await database.db.transaction().execute((trx) => plan.apply(trx));
    expect(await episodes('fries')).toEqual([]);
  });
});
