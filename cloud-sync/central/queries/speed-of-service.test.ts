import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KdsBumpedPayload } from '../../../shared/central/kitchen-events';
import type { SpeedOfServiceOverview } from '../../../shared/central/speed-of-service-api';
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
import { ticketTimeSummary } from './speed-of-service';

afterAll(releaseSharedPostgres, 60_000);

const T = Date.UTC(2026, 0, 5, 4, 0);
const H = 3_600_000;

describe('ticket time summary', () => {
  it('takes p90 by nearest rank: the smallest time 90 % of tickets met', () => {
    expect(ticketTimeSummary([600, 60, 120, 180, 240, 300, 360, 420, 480, 540])).toEqual({
      tickets: 10,
      averageS: 330,
      p90S: 540,
    });
    expect(ticketTimeSummary([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100])).toMatchObject({
      p90S: 1000,
    });
    expect(ticketTimeSummary([95])).toEqual({ tickets: 1, averageS: 95, p90S: 95 });
    expect(ticketTimeSummary([])).toEqual({ tickets: 0, averageS: null, p90S: null });
  });
});

describe.each(BACKENDS)('speed of service across stores on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  let storeToken: string;

  beforeEach(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const post = (path: string, body: unknown) => http(`${central.url}${path}`, { token: admin, body });
    await post('/api/admin/regions', { id: 'east', name: '华东区' });
    await post('/api/admin/regions', { id: 'north', name: '华北区' });
    await post('/api/admin/stores', { id: 'sh-001', name: '上海人民广场店', regionId: 'east' });
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
    const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/sh-001/tokens`, {
      token: admin,
      method: 'POST',
    });
    storeToken = issued.body.token;
  });
  afterEach(async () => {
    await central.stop();
  });

  let seq = 0;
  const bump = (ticketId: number, timeS: number, overrides: Partial<KdsBumpedPayload> = {}) => {
    const payload: KdsBumpedPayload = {
      ticketId,
      station: 'grill',
      kind: 'original',
      channel: 'dine_in',
      businessDate: '2026-01-05',
      createdAt: T,
      bumpedAt: T + timeS * 1000,
      ticketTimeS: timeS,
      ...overrides,
    };
    return event(++seq, 'kds.bumped', ticketId, payload, payload.bumpedAt);
  };
  const order = (externalId: string, channel: string, portions: number, overrides: object = {}) =>
    event(++seq, 'order.applied', `square:${externalId}`, {
      source: 'square',
      externalId,
      version: 1,
      status: 'open',
      channel,
      businessDate: '2026-01-05',
      placedAt: T,
      lines: 1,
      portions,
      ticketsOpened: 1,
      ...overrides,
    });

  const overview = (token: string, range = `?from=${T - H}&to=${T + 12 * H}`) =>
    http<SpeedOfServiceOverview>(`${central.url}/api/regional/speed-of-service${range}`, { token });

  async function syncKitchen(): Promise<void> {
    const grill = [60, 120, 180, 240, 300, 360, 420, 480, 540, 600].map((s, i) => bump(i + 1, s));
    const events = [
      ...grill,
      bump(20, 150, { station: 'fry', channel: 'takeaway' }),
      bump(21, 90, { station: 'fry', channel: 'delivery' }),
      // A chained copy carries the grill's time on: not counted.
      bump(22, 900, { station: 'expo', kind: 'chained' }),
      // Recalled and not bumped again: its 2 000 s no longer count.
      bump(23, 2000),
      event(++seq, 'kds.recalled', 23, {
        ticketId: 23,
        station: 'grill',
        businessDate: '2026-01-05',
        by: 'li',
        at: T,
      }),
      // Bumped the day before, outside the range.
      bump(24, 30, { businessDate: '2026-01-04', createdAt: T - 24 * H, bumpedAt: T - 24 * H + 30_000 }),
      order('A-1', 'dine_in', 3),
      order('A-2', 'dine_in', 2),
      order('A-3', 'takeaway', 1),
      order('A-3', 'takeaway', 4, { version: 2 }),
      order('A-4', 'delivery', 5, { status: 'voided' }),
      order('B-1', 'delivery', 2, { businessDate: '2026-01-06', placedAt: T + 10 * H }),
    ];
    const answer = await postBatch(central.url, storeToken, batchOf('sh-001', events));
    expect(answer.status).toBe(200);
  }

  it('answers average and p90 per store, station and channel, and orders per business day', async () => {
    await syncKitchen();
    const answer = await overview(await login(central.url, 'wang', 'east-pw-1'));
    expect(answer.status).toBe(200);
    expect(answer.body.stores.map((s) => s.storeId)).toEqual(['sh-001']);
    const [store] = answer.body.stores;
    expect(store).toEqual({
      storeId: 'sh-001',
      storeName: '上海人民广场店',
      regionId: 'east',
      regionName: '华东区',
      overall: { tickets: 12, averageS: 295, p90S: 540 },
      byStation: [
        { station: 'fry', name: null, tickets: 2, averageS: 120, p90S: 150 },
        { station: 'grill', name: null, tickets: 10, averageS: 330, p90S: 540 },
      ],
      byChannel: [
        { channel: 'dine_in', tickets: 10, averageS: 330, p90S: 540 },
        { channel: 'takeaway', tickets: 1, averageS: 150, p90S: 150 },
        { channel: 'delivery', tickets: 1, averageS: 90, p90S: 90 },
      ],
      ordersByDay: [
        {
          businessDate: '2026-01-05',
          orders: 3,
          portions: 9,
          byChannel: [
            { channel: 'dine_in', orders: 2, portions: 5 },
            { channel: 'takeaway', orders: 1, portions: 4 },
          ],
        },
        {
          businessDate: '2026-01-06',
          orders: 1,
          portions: 2,
          byChannel: [{ channel: 'delivery', orders: 1, portions: 2 }],
        },
      ],
    });
  });

  it('shows a regional manager of another region nothing of the store, and lists their own stores', async () => {
    await syncKitchen();
    const answer = await overview(await login(central.url, 'zhao', 'north-pw-1'));
    expect(answer.status).toBe(200);
    expect(answer.body.stores).toEqual([
      expect.objectContaining({
        storeId: 'bj-001',
        overall: { tickets: 0, averageS: null, p90S: null },
        byStation: [],
        byChannel: [],
        ordersByDay: [],
      }),
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('sh-001');
    const everything = await overview(admin);
    expect(everything.body.stores.map((s) => s.storeId)).toEqual(['sh-001', 'bj-001']);
  });

  it('names the stations as the store’s catalogue does, the id alone where it does not', async () => {
    await syncKitchen();
    const catalog = {
      menuItems: [],
      stations: [{ id: 'grill', name: { en: 'Grill', 'zh-CN': '扒炉' } }],
      ingredients: [],
      subRecipes: [],
    };
    const posted = await postBatch(
      central.url,
      storeToken,
      batchOf('sh-001', [event(++seq, 'store.catalog', 'sh-001', catalog)]),
    );
    expect(posted.status).toBe(200);
    const answer = await overview(admin);
    expect(answer.body.stores[0]?.byStation.map((s) => [s.station, s.name])).toEqual([
      ['fry', null],
      ['grill', { en: 'Grill', 'zh-CN': '扒炉' }],
    ]);
  });

  it('defaults to the last 24 hours and refuses an empty or too long range', async () => {
    await syncKitchen();
    // The test clock stands at 08:00, four hours after the kitchen's tickets.
    const recent = await overview(admin, '');
    expect(recent.body).toMatchObject({ from: T - 20 * H, to: T + 4 * H });
    expect(recent.body.stores[0]?.overall.tickets).toBe(12);
    expect((await overview(admin, `?from=${T}&to=${T}`)).status).toBe(400);
    expect((await overview(admin, `?from=${T - 40 * 24 * H}&to=${T}`)).status).toBe(400);
  });
});
