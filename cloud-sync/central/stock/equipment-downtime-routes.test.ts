import { afterAll, describe, expect, it } from 'vitest';
import type { EquipmentDowntimeOverview } from '../../../shared/central/downtime-api';
import { STOCK_ROUTES } from '../../../shared/central/stock-api';
import { BACKENDS, login, releaseSharedPostgres } from '../testing/central-test-kit';
import { downtimeCost, FRYER_NAME, fryers, H, T, useStockRoutesRig } from './testing/stock-routes-fixture';

afterAll(releaseSharedPostgres, 60_000);

describe.each(BACKENDS)('equipment downtime routes on %s', (backend) => {
  const rig = useStockRoutesRig(backend);
  const { sync, get, off, on, syncShanghai, syncBeijing } = rig;

  it('sums each unit’s share of the episodes the store priced, beside the menu time it cost', async () => {
    await syncShanghai();
    await sync('sh-001', [
      // Two episodes of fryer-1 alone, and one episode of fryer-1 and fryer-2 down together.
      downtimeCost(20, { id: 1, item: 'fries', startedAt: T, endedAt: T + 2 * H }, [['fryer-1', 8, 96]]),
      downtimeCost(21, { id: 2, item: 'onion-rings', startedAt: T + H, endedAt: T + 3 * H }, [
        ['fryer-1', 3.5, 52.5],
      ]),
      off(22, 'wings', T + 3 * H, [fryers('fryer-1', 'fryer-2')]),
      on(23, 'wings', T + 4 * H),
      downtimeCost(24, { id: 3, item: 'wings', startedAt: T + 3 * H, endedAt: T + 4 * H }, [
        ['fryer-1', 2.5, 45.01],
        ['fryer-2', 2.5, 45],
      ]),
      // The menu had no price for it: portions count, money does not.
      downtimeCost(
        25,
        { id: 4, item: 'wings', startedAt: T + 4 * H, endedAt: T + 4 * H + 1, priced: false },
        [['fryer-2', 0.001, 0]],
      ),
      // Ended before the range: not counted.
      downtimeCost(26, { id: 5, item: 'fries', startedAt: T - 3 * H, endedAt: T - 2 * H }, [
        ['fryer-1', 50, 600],
      ]),
    ]);
    // The same episode sent again, later, under a new seq, changes nothing.
    await sync('sh-001', [
      downtimeCost(27, { id: 1, item: 'fries', startedAt: T, endedAt: T + 2 * H }, [['fryer-1', 8, 96]]),
    ]);
    const answer = await get<EquipmentDowntimeOverview>(
      await login(rig.url, 'wang', 'east-pw-1'),
      `${STOCK_ROUTES.equipmentDowntime}?from=${T - H}&to=${T + 6 * H}`,
    );
    expect(answer.status).toBe(200);
    const shanghai = {
      storeId: 'sh-001',
      storeName: '上海人民广场店',
      regionId: 'east',
      regionName: '华东区',
    };
    expect(answer.body.equipment).toEqual([
      {
        ...shanghai,
        equipmentId: 'fryer-1',
        name: FRYER_NAME,
        capability: 'fryer',
        menuOffMs: 4 * H,
        costedEpisodes: 3,
        portionsLost: 14,
        money: [{ currency: 'CNY', amount: 193.51 }],
        unpricedEpisodes: 0,
        items: [
          {
            item: 'fries',
            name: null,
            offMs: 2 * H,
            costedEpisodes: 1,
            portionsLost: 8,
            money: [{ currency: 'CNY', amount: 96 }],
            unpricedEpisodes: 0,
          },
          {
            item: 'onion-rings',
            name: null,
            offMs: 2 * H,
            costedEpisodes: 1,
            portionsLost: 3.5,
            money: [{ currency: 'CNY', amount: 52.5 }],
            unpricedEpisodes: 0,
          },
          {
            item: 'wings',
            name: null,
            offMs: H,
            costedEpisodes: 1,
            portionsLost: 2.5,
            money: [{ currency: 'CNY', amount: 45.01 }],
            unpricedEpisodes: 0,
          },
        ],
      },
      {
        ...shanghai,
        equipmentId: 'fryer-2',
        name: null,
        capability: 'fryer',
        menuOffMs: H,
        costedEpisodes: 2,
        portionsLost: 2.501,
        money: [{ currency: 'CNY', amount: 45 }],
        unpricedEpisodes: 1,
        items: [
          {
            item: 'wings',
            name: null,
            offMs: H,
            costedEpisodes: 2,
            portionsLost: 2.501,
            money: [{ currency: 'CNY', amount: 45 }],
            unpricedEpisodes: 1,
          },
        ],
      },
    ]);

    // A range that ends before the first episode was priced: the menu time, and no money yet.
    const early = await get<EquipmentDowntimeOverview>(
      rig.admin,
      `${STOCK_ROUTES.equipmentDowntime}?from=${T}&to=${T + H}`,
    );
    expect(early.body.equipment).toEqual([
      expect.objectContaining({
        equipmentId: 'fryer-1',
        menuOffMs: H,
        costedEpisodes: 0,
        portionsLost: 0,
        money: [],
      }),
    ]);
  });

  it('answers each manager the downtime of their own region only', async () => {
    await syncShanghai();
    await syncBeijing();
    await sync('sh-001', [
      downtimeCost(20, { id: 1, item: 'fries', startedAt: T, endedAt: T + 2 * H }, [['fryer-1', 8, 96]]),
    ]);
    // Beijing's episode 1 is its own, not Shanghai's.
    await sync('bj-001', [
      downtimeCost(
        3,
        { id: 1, item: 'fries', startedAt: T - H, endedAt: T + H },
        [['fryer-9', 4, 40]],
        'bj-001',
      ),
    ]);
    const range = `${STOCK_ROUTES.equipmentDowntime}?from=${T - H}&to=${T + 6 * H}`;
    const north = await get<EquipmentDowntimeOverview>(await login(rig.url, 'zhao', 'north-pw-1'), range);
    expect(north.body.equipment).toEqual([
      expect.objectContaining({
        storeId: 'bj-001',
        equipmentId: 'fryer-9',
        // still off since T+h: to now (T+5h)
        menuOffMs: 4 * H,
        costedEpisodes: 1,
        portionsLost: 4,
        money: [{ currency: 'CNY', amount: 40 }],
      }),
    ]);
    const east = await get<EquipmentDowntimeOverview>(await login(rig.url, 'wang', 'east-pw-1'), range);
    expect(east.body.equipment.map((e) => [e.storeId, e.equipmentId, e.portionsLost])).toEqual([
      ['sh-001', 'fryer-1', 8],
    ]);
    const all = await get<EquipmentDowntimeOverview>(rig.admin, range);
    expect(all.body.equipment.map((e) => [e.storeId, e.equipmentId])).toEqual([
      ['bj-001', 'fryer-9'],
      ['sh-001', 'fryer-1'],
    ]);
  });
});
