import { afterAll, describe, expect, it } from 'vitest';
import type { EquipmentDowntimeOverview } from '../../../shared/central/downtime-api';
import { type EightySixOverview, type RegionalStock, STOCK_ROUTES } from '../../../shared/central/stock-api';
import { BACKENDS, event, login, releaseSharedPostgres } from '../testing/central-test-kit';
import {
  BEEF,
  BURGER,
  DAY,
  downtimeCost,
  FRIES,
  FRYER_NAME,
  fryer,
  H,
  SHANGHAI_CATALOG,
  T,
  useStockRoutesRig,
} from './testing/stock-routes-fixture';

afterAll(releaseSharedPostgres, 60_000);

describe.each(BACKENDS)('stock and 86 routes on %s', (backend) => {
  const rig = useStockRoutesRig(backend);
  const { sync, get, syncShanghai, syncBeijing } = rig;

  it('answers each manager the low ingredients and items 86’d now of their own region only', async () => {
    await syncShanghai();
    await syncBeijing();
    const east = await get<RegionalStock>(await login(rig.url, 'wang', 'east-pw-1'), STOCK_ROUTES.stock);
    expect(east.status).toBe(200);
    expect(east.body).toEqual({
      stores: [
        {
          storeId: 'sh-001',
          storeName: '上海人民广场店',
          regionId: 'east',
          regionName: '华东区',
          trackedIngredients: 2,
          low: [
            {
              ingredient: 'beef',
              // No catalogue synced yet: the id alone.
              name: null,
              unit: null,
              projected: 380,
              min: 500,
              lowSince: T + 4 * H,
              levelAt: expect.any(Number),
            },
          ],
          eightySixed: [
            {
              item: 'burger',
              name: null,
              since: T + 4 * H,
              reasons: [{ kind: 'stock', ingredient: 'beef', since: T + 4 * H }],
              ingredientNames: {},
            },
          ],
        },
      ],
    });
    const north = await get<RegionalStock>(await login(rig.url, 'zhao', 'north-pw-1'), STOCK_ROUTES.stock);
    expect(north.body.stores.map((s) => s.storeId)).toEqual(['bj-001']);
    expect(north.body.stores[0]?.eightySixed.map((e) => e.item)).toEqual(['noodles', 'fries']);
    expect(north.body.stores[0]?.low).toEqual([]);
  });

  it('lists the 86 episodes of the range per store and item with durations and reasons', async () => {
    await syncShanghai();
    await syncBeijing();
    const answer = await get<EightySixOverview>(
      await login(rig.url, 'wang', 'east-pw-1'),
      `${STOCK_ROUTES.eightySix}?from=${T - H}&to=${T + 6 * H}`,
    );
    expect(answer.status).toBe(200);
    expect(answer.body.stores.map((s) => s.storeId)).toEqual(['sh-001']);
    const items = answer.body.stores[0]?.items ?? [];
    expect(items.map((i) => [i.item, i.offMsInRange])).toEqual([
      ['fries', 2 * H],
      ['onion-rings', 2 * H],
      // still off: from T+4h to now (T+5h) counts
      ['burger', H],
    ]);
    expect(items[0]?.episodes).toEqual([
      { startedAt: T, endedAt: T + 2 * H, durationMs: 2 * H, reasons: [fryer('fryer-1', FRYER_NAME)] },
    ]);
    expect(items[2]?.episodes[0]).toMatchObject({ endedAt: null, durationMs: H });

    const narrow = await get<EightySixOverview>(
      rig.admin,
      `${STOCK_ROUTES.eightySix}?from=${T + 90 * 60_000}&to=${T + 2 * H}`,
    );
    const shanghai = narrow.body.stores.find((s) => s.storeId === 'sh-001');
    expect(shanghai?.items.map((i) => [i.item, i.offMsInRange])).toEqual([
      ['fries', 30 * 60_000],
      ['onion-rings', 30 * 60_000],
    ]);
    const bad = await get(rig.admin, `${STOCK_ROUTES.eightySix}?from=${T}&to=${T - 1}`);
    expect(bad.status).toBe(400);
    const tooLong = await get(rig.admin, `${STOCK_ROUTES.eightySix}?from=${T - 40 * DAY}&to=${T}`);
    expect(tooLong.status).toBe(400);
  });

  it('names ingredients and items as the store’s catalogue does, and leaves the ids it does not name bare', async () => {
    await syncShanghai();
    await syncBeijing();
    await sync('sh-001', [
      event(20, 'store.catalog', 'sh-001', SHANGHAI_CATALOG, T + 4 * H),
      downtimeCost(21, { id: 1, item: 'fries', startedAt: T, endedAt: T + 2 * H }, [['fryer-1', 8, 96]]),
    ]);
    const stock = await get<RegionalStock>(rig.admin, STOCK_ROUTES.stock);
    const shanghai = stock.body.stores.find((s) => s.storeId === 'sh-001');
    expect(shanghai?.low).toEqual([
      expect.objectContaining({ ingredient: 'beef', name: BEEF, unit: 'each' }),
    ]);
    expect(shanghai?.eightySixed).toEqual([
      expect.objectContaining({ item: 'burger', name: BURGER, ingredientNames: { beef: BEEF } }),
    ]);
    // Beijing has sent no catalogue: its items keep their ids.
    const beijing = stock.body.stores.find((s) => s.storeId === 'bj-001');
    expect(beijing?.eightySixed.map((e) => [e.item, e.name])).toEqual([
      ['noodles', null],
      ['fries', null],
    ]);

    const range = `?from=${T - H}&to=${T + 6 * H}`;
    const eightySix = await get<EightySixOverview>(rig.admin, `${STOCK_ROUTES.eightySix}${range}`);
    const items = eightySix.body.stores.find((s) => s.storeId === 'sh-001')?.items ?? [];
    expect(items.map((i) => [i.item, i.name])).toEqual([
      ['fries', FRIES],
      // Not in the catalogue: the id alone.
      ['onion-rings', null],
      ['burger', BURGER],
    ]);
    expect(items[2]?.ingredientNames).toEqual({ beef: BEEF });

    const downtime = await get<EquipmentDowntimeOverview>(
      rig.admin,
      `${STOCK_ROUTES.equipmentDowntime}${range}`,
    );
    const fryer1 = downtime.body.equipment.find((e) => e.storeId === 'sh-001' && e.equipmentId === 'fryer-1');
    expect(fryer1?.items.map((i) => [i.item, i.name])).toEqual([
      ['fries', FRIES],
      ['onion-rings', null],
    ]);
  });
});
