import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigVersionInfo, StoreDetail } from '../../../shared/central/api';
import { type PushedConfig, SYNC_ROUTES } from '../../../shared/sync/sync-protocol';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  http,
  login,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

describe.each(BACKENDS)('central config push-down on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  const tokens: Record<string, string> = {};

  beforeEach(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    for (const id of ['sh-001', 'sh-002']) {
      await http(`${central.url}/api/admin/stores`, { token: admin, body: { id, regionId: 'east' } });
      tokens[id] = (
        await http<{ token: string }>(`${central.url}/api/admin/stores/${id}/tokens`, {
          token: admin,
          method: 'POST',
        })
      ).body.token;
    }
  });
  afterEach(async () => {
    await central.stop();
  });

  const push = (storeId: string, overlay: object) =>
    http<ConfigVersionInfo>(`${central.url}/api/admin/stores/${storeId}/config`, {
      token: admin,
      body: { overlay },
    });
  const fetchConfig = (storeId: string, after: number) =>
    http<PushedConfig>(`${central.url}${SYNC_ROUTES.config}?after=${after}`, {
      token: tokens[storeId] ?? '',
    });
  const report = (storeId: string, body: object) =>
    http(`${central.url}${SYNC_ROUTES.configReport}`, { token: tokens[storeId] ?? '', body });
  const state = async (storeId: string) =>
    (await http<StoreDetail>(`${central.url}/api/stores/${storeId}`, { token: admin })).body.state.config;

  it('numbers versions per store, serves the newest to its own store only, and records reports', async () => {
    const equipment = [{ id: 'walkin-1', type: 'walk_in_cooler', name: { en: 'Walk-in', 'zh-CN': '冷库' } }];
    expect((await push('sh-001', { equipment })).body.version).toBe(1);
    expect((await push('sh-001', { alarms: { escalateAfterMin: 30 } })).body.version).toBe(2);
    expect((await push('sh-002', { equipment: [] })).body.version).toBe(1);
    expect((await push('sh-001', { nonsense: true })).status).toBe(400);

    const newest = await fetchConfig('sh-001', 0);
    expect(newest).toMatchObject({ status: 200, body: { storeId: 'sh-001', version: 2 } });
    expect((await fetchConfig('sh-001', 2)).status).toBe(204);
    expect((await fetchConfig('sh-002', 0)).body).toMatchObject({
      storeId: 'sh-002',
      version: 1,
      overlay: { equipment: [] },
    });

    expect(await state('sh-001')).toEqual({ latestVersion: 2, appliedVersion: null, lastReport: null });
    expect((await report('sh-001', { version: 2, outcome: 'applied', at: 100 })).status).toBe(200);
    await push('sh-001', { maintenance: [] });
    const rejected = {
      version: 3,
      outcome: 'rejected',
      errors: [{ path: 'maintenance', message: 'bad' }],
      at: 200,
    };
    await report('sh-001', rejected);
    expect(await state('sh-001')).toEqual({ latestVersion: 3, appliedVersion: 2, lastReport: rejected });
    expect((await report('sh-001', { version: 9, outcome: 'applied', at: 300 })).status).toBe(404);

    const detail = await http<StoreDetail>(`${central.url}/api/stores/sh-001`, { token: admin });
    expect(detail.body.configVersions.map((v) => [v.version, v.report?.outcome ?? null])).toEqual([
      [3, 'rejected'],
      [2, 'applied'],
      [1, null],
    ]);
    // The pushed registry taught central the store's equipment before it synced anything.
    expect(detail.body.equipment).toEqual([
      {
        equipmentId: 'walkin-1',
        name: 'Walk-in',
        type: 'walk_in_cooler',
        localName: { en: 'Walk-in', 'zh-CN': '冷库' },
        // No equipmentTypes section was pushed: the type's label is not known.
        typeLabel: null,
        online: null,
        statusChangedAt: null,
        activeAlarms: 0,
        latest: null,
      },
    ]);
  });
});
