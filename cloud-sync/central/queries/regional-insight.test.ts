import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlarmFeed, OpenTicket, StoreDetail } from '../../../shared/central/api';
import type { AlarmEpisode, EquipmentReadings } from '../../../shared/central/insight-api';
import {
  ADMIN_PASSWORD,
  alarmView,
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

const MIN = 60_000;
const T = Date.UTC(2026, 0, 5, 8);

const overlay = {
  equipmentTypes: {
    walk_in_cooler: { label: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' }, metrics: {} },
    fryer: { label: { en: 'Fryer', 'zh-CN': '炸炉' }, metrics: {} },
  },
  equipment: [
    { id: 'walkin-1', type: 'walk_in_cooler', station: 'cold', name: { en: 'Walk-in', 'zh-CN': '后厨冷库' } },
    { id: 'fryer-1', type: 'fryer', station: 'fry', name: { en: 'Fryer 1', 'zh-CN': '炸炉 1' } },
  ],
};

const rollup = (seq: number, equipmentId: string, minuteTs: number, temp: number) =>
  event(
    seq,
    'rollup.minute',
    equipmentId,
    { equipmentId, minuteTs, metrics: { temp_c: { min: temp - 0.5, max: temp + 0.5, avg: temp, count: 6 } } },
    minuteTs + MIN,
  );

describe.each(BACKENDS)('what the regional page reads on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  let storeToken: string;

  beforeEach(async () => {
    central = await startTestCentral(backend);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    await http(`${central.url}/api/admin/regions`, { token: admin, body: { id: 'east', name: '华东区' } });
    await http(`${central.url}/api/admin/regions`, { token: admin, body: { id: 'north', name: '华北区' } });
    await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id: 'sh-001', name: '上海人民广场店', regionId: 'east' },
    });
    await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id: 'bj-001', regionId: 'north' },
    });
    await http(`${central.url}/api/admin/users`, {
      token: admin,
      body: { username: 'zhao', password: 'north-pw-1', role: 'regional_manager', regionId: 'north' },
    });
    storeToken = (
      await http<{ token: string }>(`${central.url}/api/admin/stores/sh-001/tokens`, {
        token: admin,
        method: 'POST',
      })
    ).body.token;
    expect(
      (await http(`${central.url}/api/admin/stores/sh-001/config`, { token: admin, body: { overlay } }))
        .status,
    ).toBe(201);
  });
  afterEach(async () => {
    await central.stop();
  });

  const get = async <T>(path: string, token = admin) => http<T>(`${central.url}${path}`, { token });

  it('names equipment in both languages from the pushed configuration, in the feed and the store', async () => {
    const cooler = alarmView({ id: 1, equipmentId: 'walkin-1' });
    const unknown = alarmView({ id: 2, equipmentId: 'mixer-9', severity: 'warning' });
    await postBatch(
      central.url,
      storeToken,
      batchOf('sh-001', [
        event(1, 'alarm.raised', 1, cooler),
        event(2, 'alarm.raised', 2, unknown),
        event(3, 'ticket.opened', 5, ticketView({ id: 5, equipmentId: 'walkin-1' })),
      ]),
    );
    const feed = (await get<AlarmFeed>('/api/alarms')).body;
    const byAlarm = new Map(feed.entries.map((e) => [e.alarm.id, e]));
    expect(byAlarm.get(1)).toMatchObject({
      regionName: '华东区',
      equipment: {
        equipmentId: 'walkin-1',
        name: { en: 'Walk-in', 'zh-CN': '后厨冷库' },
        type: 'walk_in_cooler',
        typeLabel: { en: 'Walk-in cooler', 'zh-CN': '冷藏库' },
      },
    });
    // Equipment no configuration named keeps its id and nothing made up.
    expect(byAlarm.get(2)?.equipment).toEqual({
      equipmentId: 'mixer-9',
      name: null,
      type: null,
      typeLabel: null,
    });
    const [ticket] = (await get<OpenTicket[]>('/api/tickets')).body;
    expect(ticket).toMatchObject({ regionName: '华东区', equipment: { name: { 'zh-CN': '后厨冷库' } } });
    const detail = (await get<StoreDetail>('/api/stores/sh-001')).body;
    expect(detail.equipment.find((e) => e.equipmentId === 'fryer-1')).toMatchObject({
      name: 'Fryer 1',
      localName: { en: 'Fryer 1', 'zh-CN': '炸炉 1' },
      typeLabel: { en: 'Fryer', 'zh-CN': '炸炉' },
      latest: null,
    });
  });

  it('keeps the newest synced minute per equipment and serves its history once per minute', async () => {
    await postBatch(
      central.url,
      storeToken,
      batchOf('sh-001', [
        rollup(1, 'walkin-1', T, 3.1),
        rollup(2, 'walkin-1', T + MIN, 3.4),
        rollup(3, 'walkin-1', T + 2 * MIN, 8.9),
        rollup(4, 'fryer-1', T + MIN, 176),
      ]),
    );
    // A late, older minute must not roll the latest back; a recomputed minute replaces its values.
    await postBatch(
      central.url,
      storeToken,
      batchOf('sh-001', [rollup(5, 'walkin-1', T - MIN, 2.9), rollup(6, 'walkin-1', T + 2 * MIN, 14.2)]),
    );
    const detail = (await get<StoreDetail>('/api/stores/sh-001')).body;
    const cooler = detail.equipment.find((e) => e.equipmentId === 'walkin-1');
    expect(cooler?.latest).toEqual({
      minuteTs: T + 2 * MIN,
      metrics: { temp_c: { min: 13.7, max: 14.7, avg: 14.2, count: 6 } },
    });

    // The newest minute of a group that does not fit stays history; the newest that fits is shown.
    const misfit = event(8, 'rollup.minute', 'fryer-1', {
      equipmentId: 'fryer-1',
      minuteTs: T + 3 * MIN,
      metrics: 'hot',
    });
    await postBatch(
      central.url,
      storeToken,
      batchOf('sh-001', [rollup(7, 'fryer-1', T + 2 * MIN, 178), misfit]),
    );
    const fryer = (await get<StoreDetail>('/api/stores/sh-001')).body.equipment.find(
      (e) => e.equipmentId === 'fryer-1',
    );
    expect(fryer?.latest?.minuteTs).toBe(T + 2 * MIN);

    const readings = await get<EquipmentReadings>(
      `/api/stores/sh-001/equipment/walkin-1/readings?from=${T - MIN}&to=${T + 3 * MIN}`,
    );
    expect(readings.status).toBe(200);
    expect(readings.body.points.map((p) => [p.minuteTs, p.metrics.temp_c?.avg])).toEqual([
      [T - MIN, 2.9],
      [T, 3.1],
      [T + MIN, 3.4],
      [T + 2 * MIN, 14.2],
    ]);
    const tooLong = await get<{ message: string }>(
      `/api/stores/sh-001/equipment/walkin-1/readings?from=${T - 8 * 24 * 60 * MIN}&to=${T}`,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.message).toContain('7 days');
    const north = await login(central.url, 'zhao', 'north-pw-1');
    expect((await get(`/api/stores/sh-001/equipment/walkin-1/readings`, north)).status).toBe(404);
  });

  it('filters alarm episodes by status, severity, equipment type, text and time; scoped', async () => {
    const offline = (id: number, at: number) =>
      alarmView({
        id,
        equipmentId: 'fryer-1',
        rule: 'offline',
        ruleKind: 'offline',
        severity: 'warning',
        title: { en: 'Fryer offline', 'zh-CN': '炸炉离线' },
        raisedAt: at,
        conditionSince: at,
        state: 'cleared_unacked',
        clearedAt: at + MIN,
        updatedAt: at + MIN,
      });
    await postBatch(
      central.url,
      storeToken,
      batchOf('sh-001', [
        event(1, 'alarm.raised', 1, alarmView({ id: 1, equipmentId: 'walkin-1', raisedAt: T + 30 * MIN })),
        event(2, 'alarm.cleared', 2, offline(2, T)),
        event(3, 'alarm.cleared', 3, offline(3, T + 10 * MIN)),
        event(4, 'alarm.acked', 4, {
          ...offline(4, T + 20 * MIN),
          state: 'cleared_acked',
          ackedAt: T,
          ackedBy: 'li',
        }),
      ]),
    );
    const ids = async (query: string) =>
      (await get<AlarmEpisode[]>(`/api/alarms/episodes?${query}`)).body.map((e) => e.alarm.id);
    expect(await ids('')).toEqual([1, 4, 3, 2]);
    expect(await ids('status=active')).toEqual([1]);
    expect(await ids('status=cleared')).toEqual([4, 3, 2]);
    expect(await ids('status=unacked')).toEqual([1, 3, 2]);
    expect(await ids('severity=critical')).toEqual([1]);
    expect(await ids('equipmentType=fryer')).toEqual([4, 3, 2]);
    expect(await ids(`q=${encodeURIComponent('后厨冷库')}`)).toEqual([1]);
    expect(await ids(`q=${encodeURIComponent('人民广场 离线')}`)).toEqual([4, 3, 2]);
    expect(await ids(`from=${T + 5 * MIN}&to=${T + 25 * MIN}`)).toEqual([4, 3]);
    expect(await ids('limit=2')).toEqual([1, 4]);

    const north = await login(central.url, 'zhao', 'north-pw-1');
    expect((await get<AlarmEpisode[]>('/api/alarms/episodes', north)).body).toEqual([]);
    const refused = await get<{ message: string }>('/api/alarms/episodes?storeId=sh-001', north);
    expect(refused.status).toBe(404);
    expect(refused.body.message).toBe('no such store in your scope');
  });

  it('lists closed tickets on request and filters them like alarms', async () => {
    const manual = ticketView({
      id: 6,
      equipmentId: 'fryer-1',
      source: 'manual',
      fault: 'not_heating',
      category: 'not_heating',
      title: { en: 'not_heating', 'zh-CN': 'not_heating' },
      severity: 'warning',
      openedAt: T + 5 * MIN,
    });
    await postBatch(
      central.url,
      storeToken,
      batchOf('sh-001', [
        event(
          1,
          'ticket.opened',
          5,
          ticketView({ id: 5, equipmentId: 'walkin-1', status: 'closed', openedAt: T }),
        ),
        event(2, 'ticket.opened', 6, manual),
      ]),
    );
    const ids = async (query: string) =>
      (await get<OpenTicket[]>(`/api/tickets?${query}`)).body.map((t) => t.ticket.id);
    expect(await ids('')).toEqual([6]);
    expect(await ids('status=all')).toEqual([5, 6]);
    expect(await ids('status=all&equipmentType=walk_in_cooler')).toEqual([5]);
    expect(await ids(`status=all&q=${encodeURIComponent('炸炉')}`)).toEqual([6]);
    expect(await ids('status=all&severity=critical')).toEqual([5]);
    expect(await ids(`status=all&from=${T + MIN}`)).toEqual([6]);
  });
});
