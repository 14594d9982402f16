import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EquipmentView } from '../../../shared/api/equipment';
import { type ApiFixture, bearer, createApiFixture } from '../testing/api-fixture';
import { MAX_RAW_POINTS } from './equipment';

describe('equipment routes over real stores', () => {
  let f: ApiFixture;
  let token: string;
  beforeEach(async () => {
    f = await createApiFixture({ stateOf: (id) => (id === 'fryer-2' ? 'critical' : undefined) });
    token = await f.tokenFor('display');
  });
  afterEach(async () => {
    await f.close();
  });

  const get = (url: string) => f.server.inject({ url, headers: bearer(token) });
  const write = (equipmentId: string, ts: number, readings: Record<string, number | boolean>) =>
    f.db.transaction(() => f.readings.write(equipmentId, ts, readings))();

  it('lists every configured piece of equipment with state and typed latest readings', async () => {
    const now = f.clock.now();
    write('wic-1', now - 5_000, { temp_c: 3.2, door_open: true, compressor_on: false });
    f.deviceStatus.touch('wic-1', now - 5_000);
    write('fryer-1', now - 60_000, { oil_temp_c: 178 });
    f.deviceStatus.touch('fryer-1', now - 60_000); // fryers report every 5 s: silent for 60 s is offline
    write('fryer-2', now - 1_000, { oil_temp_c: 240 });
    f.deviceStatus.touch('fryer-2', now - 1_000);
    f.deviceStatus.touch('grill-1', now - 1_000);
    f.deviceStatus.setOnline('grill-1', false, now);

    const response = await get('/api/equipment');
    expect(response.statusCode).toBe(200);
    const list = response.json() as EquipmentView[];
    expect(list.map((e) => e.id)).toEqual(f.config.equipment.map((e) => e.id));
    const byId = new Map(list.map((e) => [e.id, e]));
    expect(byId.get('wic-1')).toMatchObject({
      state: 'ok',
      online: true,
      lastSeen: now - 5_000,
      keyMetric: 'temp_c',
      units: { temp_c: '°C' },
      readings: {
        temp_c: { value: 3.2, ts: now - 5_000 },
        door_open: { value: true, ts: now - 5_000 },
        compressor_on: { value: false, ts: now - 5_000 },
      },
    });
    expect(byId.get('fryer-1')).toMatchObject({ state: 'offline', online: false });
    expect(byId.get('fryer-2')).toMatchObject({ state: 'critical', online: true });
    expect(byId.get('grill-1')).toMatchObject({ state: 'offline', online: false });
    expect(byId.get('oven-1')).toMatchObject({
      state: 'unknown',
      online: false,
      lastSeen: null,
      readings: {},
    });
  });

  it('goes offline once silent for more than three report intervals', async () => {
    const now = f.clock.now();
    write('wic-1', now, { temp_c: 3 });
    f.deviceStatus.touch('wic-1', now);
    f.clock.advance(30_000);
    expect((await get('/api/equipment/wic-1')).json().state).toBe('ok');
    f.clock.advance(1);
    expect((await get('/api/equipment/wic-1')).json().state).toBe('offline');
  });

  it('answers one piece of equipment, 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await get('/api/equipment/dish-1')).json()).toMatchObject({ id: 'dish-1', station: 'wash' });
    const unknown = await get('/api/equipment/dish-9');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found' });
    const malformed = await get('/api/equipment/Dish%20One');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().issues[0]).toMatch(/^params\.equipmentId: /);
  });

  it('returns raw readings in [from, to) with booleans as booleans', async () => {
    const t0 = f.clock.now() - 600_000;
    for (let i = 0; i < 10; i++) write('wic-1', t0 + i * 10_000, { temp_c: i, door_open: i % 2 === 0 });
    const temps = await get(
      `/api/equipment/wic-1/readings?metric=temp_c&from=${t0 + 10_000}&to=${t0 + 50_000}`,
    );
    expect(temps.statusCode).toBe(200);
    expect(temps.json()).toEqual([1, 2, 3, 4].map((i) => ({ ts: t0 + i * 10_000, value: i })));
    const doors = await get(`/api/equipment/wic-1/readings?metric=door_open&from=${t0}&to=${t0 + 20_000}`);
    expect(doors.json()).toEqual([
      { ts: t0, value: true },
      { ts: t0 + 10_000, value: false },
    ]);
  });

  it('takes from and to as epoch ms or ISO 8601 alike, and refuses any other time with a clear 400', async () => {
    const t0 = f.clock.now() - 600_000;
    for (let i = 0; i < 10; i++) write('wic-1', t0 + i * 10_000, { temp_c: i });
    const iso = (ms: number) => new Date(ms).toISOString();
    const base = '/api/equipment/wic-1/readings?metric=temp_c';
    const expected = [1, 2, 3, 4].map((i) => ({ ts: t0 + i * 10_000, value: i }));
    const asIso = await get(`${base}&from=${iso(t0 + 10_000)}&to=${iso(t0 + 50_000)}`);
    expect(asIso.statusCode).toBe(200);
    expect(asIso.json()).toEqual(expected);
    // Mixed, and with an offset instead of Z (encoded: a raw `+` in a query string is a space).
    const offset = new Date(t0 + 50_000 + 8 * 3_600_000).toISOString().replace('Z', '+08:00');
    const mixed = await get(`${base}&from=${t0 + 10_000}&to=${encodeURIComponent(offset)}`);
    expect(mixed.json()).toEqual(expected);

    for (const bad of ['yesterday', '2026-13-45T00:00:00Z', '2026-01-05T02:00:00', '1.5e12']) {
      const refused = await get(`${base}&from=${encodeURIComponent(bad)}&to=${t0}`);
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.json().issues, bad).toEqual([
        `query.from: a time is epoch milliseconds or ISO 8601 with a zone, e.g. 1767578400000 or 2026-01-05T02:00:00Z; got "${bad}"`,
      ]);
    }
  });

  it('returns rollups with min, max, avg and count when a step is given', async () => {
    const minute = 60_000;
    const t0 = Math.floor(f.clock.now() / (10 * minute)) * 10 * minute - 10 * minute;
    const insert = f.db.prepare(
      `INSERT INTO rollups_1m (equipment_id, metric, bucket_ts, min, max, sum, count, last, last_ts)
       VALUES ('fryer-1', 'oil_temp_c', ?, ?, ?, ?, ?, ?, ?)`,
    );
    // Minute i: 6 readings between 170 + i and 180 + i, summing to 6 × (175 + i).
    for (let i = 0; i < 10; i++)
      insert.run(t0 + i * minute, 170 + i, 180 + i, 6 * (175 + i), 6, 175 + i, t0 + i * minute);
    const response = await get(
      `/api/equipment/fryer-1/readings?metric=oil_temp_c&from=${t0}&to=${t0 + 10 * minute}&step=${5 * minute}`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual([
      { ts: t0, value: 177, min: 170, max: 184, avg: 177, count: 30 },
      { ts: t0 + 5 * minute, value: 182, min: 175, max: 189, avg: 182, count: 30 },
    ]);
  });

  it('refuses bad ranges, unknown metrics and steps that are not whole minutes', async () => {
    const base = '/api/equipment/wic-1/readings?metric=temp_c';
    const backwards = await get(`${base}&from=2000&to=1000`);
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().message).toMatch(/from must be before to/);
    expect((await get('/api/equipment/wic-1/readings?metric=oil_temp_c&from=1&to=2')).statusCode).toBe(404);
    expect((await get('/api/equipment/nope/readings?metric=temp_c&from=1&to=2')).statusCode).toBe(404);
    const oddStep = await get(`${base}&from=0&to=600000&step=90000`);
    expect(oddStep.statusCode).toBe(400);
    expect(oddStep.json().issues).toEqual(['query.step: must be a multiple of 60000']);
  });

  it('lists every problem of a bad query at once', async () => {
    const response = await get('/api/equipment/wic-1/readings?from=abc&step=5');
    expect(response.statusCode).toBe(400);
    const issues = response.json().issues as string[];
    expect(issues.map((i) => i.split(':')[0])).toEqual([
      'query.metric',
      'query.from',
      'query.to',
      'query.step',
    ]);
  });

  it(`asks for a step beyond ${MAX_RAW_POINTS} raw points`, async () => {
    const t0 = f.clock.now() - 2 * 86_400_000;
    const insert = f.db.prepare(
      "INSERT INTO readings (equipment_id, metric, ts, value) VALUES ('wic-1', 'temp_c', ?, 3)",
    );
    f.db.transaction(() => {
      for (let i = 0; i <= MAX_RAW_POINTS; i++) insert.run(t0 + i * 1000);
    })();
    const url = `/api/equipment/wic-1/readings?metric=temp_c&from=${t0}`;
    const tooMany = await get(`${url}&to=${t0 + (MAX_RAW_POINTS + 1) * 1000}`);
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().message).toMatch(/pass step/);
    const justEnough = await get(`${url}&to=${t0 + MAX_RAW_POINTS * 1000}`);
    expect(justEnough.statusCode).toBe(200);
    expect(justEnough.json()).toHaveLength(MAX_RAW_POINTS);
  });
});
