import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PREDICTIVE_ROUTES, type RegionalAssetList } from '../../../shared/central/predictive-api';
import { ASSET_OUTLOOK_EVENT, type AssetOutlook } from '../../../shared/predictive/asset-outlook';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  batchOf,
  event,
  http,
  login,
  postBatch,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

const NOW = Date.UTC(2026, 1, 6, 4);

/** The acceptance's walk-in: a finding 31 h from the limit, and what keeping it costs this year. */
function outlook(overrides: Partial<AssetOutlook> = {}): AssetOutlook {
  return {
    equipmentId: 'wic-1',
    kind: 'refrigerated',
    state: 'finding',
    cause: 'condenser_fouling',
    forecastHours: 31,
    forecastLowHours: 22,
    forecastHighHours: 40,
    riskScore: 83,
    moneyAtStake: '33973.10',
    prescriptive: null,
    missing: [],
    at: NOW,
    ...overrides,
  };
}

const sent = (seq: number, o: AssetOutlook): SyncEvent =>
  event(seq, ASSET_OUTLOOK_EVENT, o.equipmentId, o, o.at);

describe.each(BACKENDS)('predictive outlooks at central on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  const storeTokens: Record<string, string> = {};

  beforeEach(async () => {
    central = await startTestCentral(backend);
    central.clock.advanceTo(NOW);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const post = (path: string, body: unknown) => http(`${central.url}${path}`, { token: admin, body });
    await post('/api/admin/regions', { id: 'east', name: '华东区' });
    await post('/api/admin/regions', { id: 'north', name: '华北区' });
    await post('/api/admin/stores', { id: 'sh-001', name: '上海人民广场店', regionId: 'east' });
    await post('/api/admin/stores', { id: 'sh-002', name: '上海静安店', regionId: 'east' });
    await post('/api/admin/stores', { id: 'bj-001', name: '北京国贸店', regionId: 'north' });
    await post('/api/admin/users', {
      username: 'wang',
      password: 'east-pw-1',
      role: 'regional_manager',
      regionId: 'east',
    });
    for (const store of ['sh-001', 'sh-002', 'bj-001']) {
      const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/${store}/tokens`, {
        token: admin,
        method: 'POST',
      });
      storeTokens[store] = issued.body.token;
    }
  });
  afterEach(async () => {
    await central.stop();
  });

  async function sync(storeId: string, events: SyncEvent[]): Promise<void> {
    const answer = await postBatch(central.url, storeTokens[storeId] ?? '', batchOf(storeId, events));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }
  const ranked = async (token: string, sort: string) => {
    const answer = await http<RegionalAssetList>(`${central.url}${PREDICTIVE_ROUTES.assets}?sort=${sort}`, {
      token,
    });
    expect(answer.status).toBe(200);
    return answer.body;
  };
  const order = (list: RegionalAssetList) => list.assets.map((a) => `${a.storeId}/${a.outlook.equipmentId}`);

  it('ranks the region’s assets by risk and by money at stake, newest outlook by seq, scoped to the region', async () => {
    await sync('sh-001', [
      // An older outlook of the walk-in, then the newer one; a later batch repeats the older one.
      sent(1, outlook({ state: 'drifting', riskScore: 41, moneyAtStake: '383.25', at: NOW - 3_600_000 })),
      sent(2, outlook()),
      sent(
        3,
        outlook({
          equipmentId: 'fryer-1',
          kind: 'fryer',
          state: 'normal',
          cause: null,
          riskScore: 4,
          forecastHours: null,
          forecastLowHours: null,
          forecastHighHours: null,
          moneyAtStake: '0',
        }),
      ),
    ]);
    await sync('sh-001', [sent(1, outlook({ state: 'drifting', riskScore: 41, moneyAtStake: '383.25' }))]);
    await sync('sh-002', [
      sent(
        1,
        outlook({
          state: 'drifting',
          cause: 'door_seal_leak',
          riskScore: 45,
          moneyAtStake: '41999.99',
          forecastHours: null,
          forecastLowHours: null,
          forecastHighHours: null,
        }),
      ),
      sent(
        2,
        outlook({
          equipmentId: 'wif-1',
          state: 'learning',
          cause: null,
          riskScore: 0,
          moneyAtStake: '0',
          forecastHours: null,
          forecastLowHours: null,
          forecastHighHours: null,
        }),
      ),
    ]);
    // Another region's riskiest asset: never in the east's lists.
    await sync('bj-001', [sent(1, outlook({ riskScore: 100, moneyAtStake: '99999.00' }))]);

    const wang = await login(central.url, 'wang', 'east-pw-1');
    const byRisk = await ranked(wang, 'risk');
    expect(byRisk.total).toBe(4);
    expect(order(byRisk)).toEqual(['sh-001/wic-1', 'sh-002/wic-1', 'sh-001/fryer-1', 'sh-002/wif-1']);
    expect(byRisk.assets[0]).toMatchObject({
      storeName: '上海人民广场店',
      regionName: '华东区',
      outlook: { state: 'finding', cause: 'condenser_fouling', forecastHours: 31, moneyAtStake: '33973.10' },
    });
    const byMoney = await ranked(wang, 'money');
    expect(order(byMoney)).toEqual(['sh-002/wic-1', 'sh-001/wic-1', 'sh-001/fryer-1', 'sh-002/wif-1']);
    // Exact to the fen as the store sent it.
    expect(byMoney.assets[0]?.outlook.moneyAtStake).toBe('41999.99');

    const everyone = await ranked(admin, 'risk');
    expect(order(everyone)[0]).toBe('bj-001/wic-1');
    expect(everyone.total).toBe(5);

    const bad = await http(`${central.url}${PREDICTIVE_ROUTES.assets}?sort=age`, { token: wang });
    expect(bad.status).toBe(400);
  });

  it('refuses an outlook out of its bounds, counts it and keeps the row it had', async () => {
    await sync('sh-001', [sent(1, outlook())]);
    await sync('sh-001', [
      sent(2, outlook({ riskScore: 140 })),
      sent(3, outlook({ moneyAtStake: '12.345' })),
    ]);
    const list = await ranked(admin, 'risk');
    expect(list.assets.map((a) => [a.outlook.riskScore, a.outlook.moneyAtStake])).toEqual([[83, '33973.10']]);
    expect(central.service.central.ingest.stats.invalidPayloads).toBe(2);
  });
});
