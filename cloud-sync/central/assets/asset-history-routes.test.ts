import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AssetHistoryAcrossStores } from '../../../shared/central/asset-history-api';
import { EQUIPMENT_REGISTRY_EVENT } from '../../../shared/sync/equipment-registry';
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
  ticketView,
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

const DAY = 86_400_000;
const T0 = Date.UTC(2025, 0, 6, 2);
const MOVED = 'TRUE-GDM49-8812345';
const label = { en: 'Walk-in', 'zh-CN': '冷藏库' };

/** A store's equipment list as its edge announces it, each unit with its nameplate serial. */
const listed = (seq: number, ts: number, units: [string, string][]): SyncEvent =>
  event(
    seq,
    EQUIPMENT_REGISTRY_EVENT,
    'store',
    {
      equipment: units.map(([id, serial]) => ({
        id,
        type: 'walk_in_cooler',
        name: label,
        assetSerial: serial,
      })),
    },
    ts,
  );
const opened = (seq: number, id: number, equipmentId: string, at: number, fault: string): SyncEvent =>
  event(
    seq,
    'ticket.opened',
    id,
    ticketView({ id, equipmentId, fault, openedAt: at, updatedAt: at, alarmIds: [] }),
    at,
  );

describe.each(BACKENDS)('one unit across the stores it stood in, at central on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  const tokens: Record<string, string> = {};

  beforeEach(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const post = (path: string, body: unknown) => http(`${central.url}${path}`, { token: admin, body });
    await post('/api/admin/regions', { id: 'east', name: '华东区' });
    await post('/api/admin/regions', { id: 'north', name: '华北区' });
    await post('/api/admin/stores', { id: 'sh-001', name: '上海人民广场店', regionId: 'east' });
    await post('/api/admin/stores', { id: 'sh-014', name: '上海徐汇店', regionId: 'east' });
    await post('/api/admin/stores', { id: 'bj-001', name: '北京国贸店', regionId: 'north' });
    await post('/api/admin/users', {
      username: 'wang',
      password: 'east-pw-1',
      role: 'regional_manager',
      regionId: 'east',
    });
    await post('/api/admin/users', {
      username: 'zhao',
      password: 'north-pw-1',
      role: 'regional_manager',
      regionId: 'north',
    });
    await post('/api/admin/users', { username: 'qian', password: 'money-pw-123', role: 'finance' });
    for (const store of ['sh-001', 'sh-014', 'bj-001']) {
      const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/${store}/tokens`, {
        token: admin,
        method: 'POST',
      });
      tokens[store] = issued.body.token;
    }
  });
  afterEach(async () => {
    await central.stop();
  });

  async function sync(storeId: string, events: SyncEvent[]): Promise<void> {
    const answer = await postBatch(central.url, tokens[storeId] ?? '', batchOf(storeId, events));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
  }

  it('lists its stays oldest first with each store’s tickets of it, not those of the unit that held the id before or after', async () => {
    const moved = T0 + 200 * DAY;
    // sh-001 had it as wic-1 until it left; the replacement then took the id wic-1.
    await sync('sh-001', [
      listed(1, T0, [
        ['wic-1', MOVED],
        ['wic-2', 'TRUE-GDM49-0000002'],
      ]),
      opened(2, 11, 'wic-1', T0 + 30 * DAY, 'compressor relay'),
      opened(3, 12, 'wic-2', T0 + 31 * DAY, 'door heater'),
      listed(4, moved - DAY, [['wic-2', 'TRUE-GDM49-0000002']]),
      listed(5, moved, [
        ['wic-1', 'TRUE-GDM49-0000099'],
        ['wic-2', 'TRUE-GDM49-0000002'],
      ]),
      opened(6, 13, 'wic-1', moved + DAY, 'new unit teething'),
    ]);
    // sh-014's cooler-3 was another unit until the moved one took its place.
    await sync('sh-014', [
      listed(1, T0, [['cooler-3', 'TRUE-GDM49-0000003']]),
      opened(2, 5, 'cooler-3', T0 + 10 * DAY, 'old unit iced up'),
      listed(3, moved + 2 * DAY, [['cooler-3', MOVED]]),
      opened(4, 6, 'cooler-3', moved + 20 * DAY, 'compressor failed'),
    ]);

    const wang = await login(central.url, 'wang', 'east-pw-1');
    const got = await http<AssetHistoryAcrossStores>(`${central.url}/api/assets/${MOVED}/history`, {
      token: wang,
    });
    expect(got.status).toBe(200);
    expect(got.body.staysOutOfScope).toBe(0);
    expect(
      got.body.stays.map((s) => ({
        store: s.storeId,
        unit: s.equipmentId,
        since: s.since,
        until: s.until,
        faults: s.tickets.map((t) => t.fault),
      })),
    ).toEqual([
      { store: 'sh-001', unit: 'wic-1', since: T0, until: moved - DAY, faults: ['compressor relay'] },
      {
        store: 'sh-014',
        unit: 'cooler-3',
        since: moved + 2 * DAY,
        until: null,
        faults: ['compressor failed'],
      },
    ]);

    // The same list delivered again later changes nothing; the north region does not see east's unit.
    await sync('sh-001', [listed(4, moved - DAY, [['wic-2', 'TRUE-GDM49-0000002']])]);
    const again = await http<AssetHistoryAcrossStores>(`${central.url}/api/assets/${MOVED}/history`, {
      token: wang,
    });
    expect(again.body).toEqual(got.body);
    const zhao = await login(central.url, 'zhao', 'north-pw-1');
    expect((await http(`${central.url}/api/assets/${MOVED}/history`, { token: zhao })).status).toBe(404);
    expect((await http(`${central.url}/api/assets/NO-SUCH-UNIT/history`, { token: wang })).status).toBe(404);
    expect((await http(`${central.url}/api/assets/${MOVED}/history`, { token: admin })).status).toBe(200);
    // Finance reads money, not the equipment's repair trail.
    const qian = await login(central.url, 'qian', 'money-pw-123');
    expect((await http(`${central.url}/api/assets/${MOVED}/history`, { token: qian })).status).toBe(403);
    expect((await http(`${central.url}/api/assets/not%20a%20serial/history`, { token: wang })).status).toBe(
      400,
    );
  });
});
