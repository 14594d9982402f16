import { afterEach, describe, expect, it } from 'vitest';
import type { StoreConfig } from '../../../shared/config/store-config';
import { rulesForEquipment } from '../../domains/rules/resolve-rules';
import { type ApiFixture, bearer, createApiFixture } from '../testing/api-fixture';
import { storeRoutes } from './store';

describe('store routes', () => {
  let api: ApiFixture | undefined;
  afterEach(async () => {
    await api?.close();
  });

  async function start(current: () => StoreConfig) {
    api = await createApiFixture({
      routes: storeRoutes({
        currentConfig: current,
        rulesOf: (id) => {
          const config = current();
          const equipment = config.equipment.find((e) => e.id === id);
          return equipment && rulesForEquipment(config, equipment);
        },
      }),
    });
    return api;
  }

  it('tells the board its store, time zone and who may log in, never the PIN hashes', async () => {
    let config: StoreConfig | undefined;
    const fixture = await start(() => config ?? fixture.config);
    config = fixture.config;
    const token = await fixture.tokenFor('display');
    const res = await fixture.server.inject({ method: 'GET', url: '/api/store', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    const body = res.json() as {
      id: string;
      localizedName?: Record<string, string>;
      timezone: string;
      users: Record<string, unknown>[];
    };
    expect(body.id).toBe('demo-sh-001');
    // The name in each display language, as the config gives it.
    expect(body.localizedName?.['zh-CN']).toBe('Galley 演示厨房 · 上海静安');
    expect(body.localizedName?.en).toBe(config.store.name);
    expect(body.timezone).toBe('Asia/Shanghai');
    expect(body.users.map((u) => u.role).sort()).toEqual([
      'admin',
      'finance',
      'manager',
      'purchaser',
      'receiver',
      'staff',
      'technician',
    ]);
    expect(res.body).not.toContain('scrypt');
    // The board reads it without any token (an unpaired display).
    expect((await fixture.server.inject({ method: 'GET', url: '/api/store' })).statusCode).toBe(200);
  });

  it('lists the rules in force for one piece of equipment, following config changes', async () => {
    let config: StoreConfig | undefined;
    const fixture = await start(() => config ?? fixture.config);
    config = fixture.config;
    const token = await fixture.tokenFor('display');
    const rules = await fixture.server.inject({
      method: 'GET',
      url: '/api/equipment/wic-1/rules',
      headers: bearer(token),
    });
    expect(rules.statusCode).toBe(200);
    const list = rules.json() as { id: string; kind: string }[];
    expect(list.some((r) => r.kind === 'threshold')).toBe(true);

    const wic = config.equipment.find((e) => e.id === 'wic-1');
    config = {
      ...config,
      equipment: config.equipment.map((e) => (e === wic ? { ...e, disableRules: list.map((r) => r.id) } : e)),
    };
    const after = await fixture.server.inject({
      method: 'GET',
      url: '/api/equipment/wic-1/rules',
      headers: bearer(token),
    });
    expect(after.json()).toEqual([]);
    const missing = await fixture.server.inject({
      method: 'GET',
      url: '/api/equipment/nope/rules',
      headers: bearer(token),
    });
    expect(missing.statusCode).toBe(404);
  });
});
