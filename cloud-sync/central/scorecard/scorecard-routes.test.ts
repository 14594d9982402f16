import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TicketView } from '../../../shared/api/tickets';
import type { Scorecard, StoreScorecardAnswer } from '../../../shared/central/scorecard';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { day } from '../food-safety/testing/food-safety-events';
import {
  ADMIN_PASSWORD,
  alarmView,
  BACKENDS,
  type Backend,
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
import { dailyMetrics, metricsGroup } from '../testing/maintenance-fixtures';

afterAll(releaseSharedPostgres, 60_000);

const H = 3_600_000;
const DAY = 24 * H;
const T = Date.UTC(2026, 0, 29);
const FROM = T - 14 * DAY;

// SQLite in the suite; GALLEY_SCORECARD_PG=1 runs the same on a throw-away PostgreSQL.
const backends: Backend[] = process.env.GALLEY_SCORECARD_PG ? BACKENDS : ['sqlite'];

const rollup = (seq: number, equipmentId: string, ts: number, kwh: number): SyncEvent =>
  event(
    seq,
    'rollup.minute',
    equipmentId,
    {
      equipmentId,
      minuteTs: ts - 60_000,
      metrics: { energy_kwh: { min: kwh, max: kwh, avg: kwh, count: 6 } },
    },
    ts,
  );
const pmDay = (seq: number, date: string, due: number, onTime: number): SyncEvent => {
  const payload = dailyMetrics(
    date,
    metricsGroup({ pm: { due, onTime, onTimeRate: null, backlog: 0, overdue: 0 } }),
  );
  return event(seq, 'metrics.daily', date, payload, payload.to);
};

/** A lifecycle step as the edge syncs it, with the job's spend once it is a finished repair. */
const step = (seq: number, ticket: TicketView, at: number, repairSpend?: string): SyncEvent =>
  event(
    seq,
    'ticket.transition',
    ticket.id,
    {
      ticket,
      transition: { from: 'in_progress', to: ticket.status, at, by: 'tech-wang', note: null },
      ...(repairSpend === undefined ? {} : { repairSpend, currency: 'CNY' }),
    },
    at,
  );
const sh001Fryer = ticketView({
  id: 1,
  equipmentId: 'fryer-1',
  status: 'resolved',
  openedAt: T - 5 * DAY,
  resolvedAt: T - 5 * DAY + 4 * H,
  updatedAt: T - 5 * DAY + 4 * H,
});
const sh002Fryer = ticketView({
  id: 1,
  equipmentId: 'fryer-1',
  status: 'resolved',
  openedAt: T - 12 * DAY,
  resolvedAt: T - 12 * DAY + 8 * H,
  updatedAt: T - 12 * DAY + 8 * H,
});

/** What each store synced (see the expectations for the sums). */
const SYNCED: Record<string, SyncEvent[]> = {
  'sh-001': [
    event(1, 'alarm.raised', 1, alarmView({ id: 1, raisedAt: T - 10 * DAY, clearedAt: T - 9 * DAY })),
    event(2, 'ticket.opened', 1, { ...sh001Fryer, status: 'open', resolvedAt: null }, T - 5 * DAY),
    // Quoted 1300 on resolve, the quote revised to 1234.50 before it was verified: the latest counts.
    step(11, sh001Fryer, T - 5 * DAY + 4 * H, '1300.00'),
    step(12, { ...sh001Fryer, status: 'verified', verifiedAt: T - 4 * DAY }, T - 4 * DAY, '1234.50'),
    // The main incomer counts 1200 kWh in 12 days; the cold circuit behind it 400.
    rollup(3, 'meter-main', T - 13 * DAY, 1000),
    rollup(4, 'meter-main', T - 6 * DAY, 1600),
    rollup(5, 'meter-main', T - DAY, 2200),
    rollup(6, 'meter-cold', T - 13 * DAY, 500),
    rollup(7, 'meter-cold', T - DAY, 900),
    { ...day(8, '2026-01-20', { out: 72 }) },
    pmDay(9, '2026-01-20', 4, 3),
    // The store recomputed that day: the newer one counts.
    pmDay(10, '2026-01-20', 4, 2),
  ],
  'sh-002': [
    event(1, 'alarm.raised', 1, alarmView({ id: 1, severity: 'warning', raisedAt: T - 3 * DAY })),
    event(2, 'ticket.opened', 1, sh002Fryer, T - 12 * DAY + 8 * H),
    step(5, sh002Fryer, T - 12 * DAY + 8 * H, '99.99'),
    day(3, '2026-01-21'),
    pmDay(4, '2026-01-21', 2, 2),
  ],
  'sh-003': [
    event(
      1,
      'ticket.opened',
      1,
      ticketView({
        id: 1,
        status: 'verified',
        outOfService: true,
        openedAt: T - 2 * DAY,
        resolvedAt: T - 2 * DAY + 2 * H,
        verifiedAt: T - DAY,
        updatedAt: T - DAY,
      }),
    ),
  ],
  // Planned: its figures are shown but do not move the region's median.
  'sh-004': [event(1, 'alarm.raised', 1, alarmView({ id: 1, severity: 'warning', raisedAt: T - DAY }))],
  'bj-001': [event(1, 'ticket.opened', 1, ticketView({ id: 1, openedAt: T - DAY, updatedAt: T - DAY }))],
};

describe.each(backends)('scorecard routes on %s', (backend) => {
  let central: TestCentral;
  let admin: string;
  let wang: string;
  const get = <T>(token: string, path: string) => http<T>(`${central.url}${path}`, { token });
  const range = `from=${FROM}&to=${T}`;

  beforeAll(async () => {
    central = await startTestCentral(backend);
    central.clock.advanceTo(T + H);
    admin = await login(central.url, 'admin', ADMIN_PASSWORD);
    const post = (path: string, body: unknown) => http(`${central.url}${path}`, { token: admin, body });
    await post('/api/admin/regions', { id: 'east', name: '华东区' });
    await post('/api/admin/regions', { id: 'north', name: '华北区' });
    for (const [id, regionId, state] of [
      ['sh-001', 'east', 'open'],
      ['sh-002', 'east', 'open'],
      ['sh-003', 'east', 'open'],
      ['sh-004', 'east', 'planned'],
      ['bj-001', 'north', 'open'],
    ] as const)
      await post('/api/admin/stores', { id, name: id, regionId, state });
    await post('/api/admin/users', {
      username: 'wang',
      password: 'east-pw-1',
      role: 'regional_manager',
      regionId: 'east',
    });
    wang = await login(central.url, 'wang', 'east-pw-1');
    for (const [storeId, events] of Object.entries(SYNCED)) {
      const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/${storeId}/tokens`, {
        token: admin,
        method: 'POST',
      });
      const answer = await postBatch(central.url, issued.body.token, batchOf(storeId, events));
      expect(answer.status).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await central.stop();
  });

  it('computes each figure per store from what was synced, beside the median of the open stores', async () => {
    const answer = await get<Scorecard>(wang, `/api/scorecard?${range}`);
    expect(answer.status).toBe(200);
    const card = answer.body;
    expect(card.weeks).toEqual([
      { from: FROM, to: T - 7 * DAY },
      { from: T - 7 * DAY, to: T },
    ]);
    expect(card.stores.map((s) => s.storeId)).toEqual(['sh-001', 'sh-002', 'sh-003', 'sh-004']);
    const [one, two, three] = card.stores;
    const value = (s: typeof one, key: keyof NonNullable<typeof one>['figures']) => s?.figures[key].value;

    // sh-001: 4 units (walk-in, fryer, two meters), the walk-in down 24 h of 336.
    expect(one?.units).toBe(4);
    expect(value(one, 'uptimePct')).toBe(100 * (1 - (24 * H) / (4 * 336 * H)));
    expect(value(one, 'alarmsPerUnit')).toBe(0.25);
    expect(value(one, 'ticketsPerUnit')).toBe(0.25);
    expect(value(one, 'mttrH')).toBe(4);
    expect(value(one, 'pmOnTimePct')).toBe(50);
    expect(value(one, 'energyKwhPerDay')).toBe(100);
    expect(value(one, 'foodSafetyPct')).toBe(95);
    // 1234.50 over 4 units; sh-002: 99.99 over 2 units (49.995 → 50.00); sh-003's repair came from a
    // box that does not send its spend, so its figure stays empty rather than reading 0.
    expect(one?.figures.repairSpend).toMatchObject({
      value: 308.63,
      noData: null,
      money: { perUnit: '308.63', total: '1234.50', currency: 'CNY' },
      regionMedianMoney: '179.32',
      comparison: 'worse',
    });
    expect(one?.figures.repairSpend.trend.map((p) => [p.value, p.money?.total])).toEqual([
      [0, '0.00'],
      [308.63, '1234.50'],
    ]);
    expect(two?.figures.repairSpend).toMatchObject({
      value: 50,
      money: { perUnit: '50.00', total: '99.99', currency: 'CNY' },
    });
    expect(two?.figures.repairSpend.trend.map((p) => p.money?.total)).toEqual(['99.99', '0.00']);
    expect(three?.figures.repairSpend).toMatchObject({ value: null, noData: 'not_synced' });

    expect(value(two, 'uptimePct')).toBe(100);
    expect(value(two, 'mttrH')).toBe(8);
    expect(two?.figures.energyKwhPerDay).toMatchObject({ value: null, noData: 'not_synced' });
    // sh-003: one unit out of service from report to verify, 24 h of 336.
    expect(value(three, 'uptimePct')).toBe(100 * (1 - 24 / 336));
    expect(value(three, 'mttrH')).toBe(2);
    expect(three?.figures.pmOnTimePct).toMatchObject({ value: null, noData: 'not_synced' });

    const east = card.regions.find((r) => r.regionId === 'east');
    expect(east?.openStores).toBe(3);
    // The planned store's alarm (1 per unit) is not in the median: 0, 0.25, 0.5 → 0.25.
    expect(east?.medians).toMatchObject({
      alarmsPerUnit: 0.25,
      ticketsPerUnit: 0.5,
      mttrH: 4,
      pmOnTimePct: 75,
      energyKwhPerDay: 100,
      foodSafetyPct: 97.5,
      repairSpend: (308.63 + 50) / 2,
    });
    expect(one?.figures.ticketsPerUnit.comparison).toBe('better');
    expect(one?.figures.pmOnTimePct.comparison).toBe('worse');
    expect(one?.figures.uptimePct.comparison).toBe('same');
    expect(two?.figures.uptimePct.comparison).toBe('better');
    expect(three?.figures.uptimePct.comparison).toBe('worse');

    // Weekly: the fryer ticket falls in the second week; energy of the first is a single reading.
    expect(one?.figures.ticketsPerUnit.trend.map((p) => p.value)).toEqual([0, 0.25]);
    expect(one?.figures.energyKwhPerDay.trend).toEqual([
      { value: null, noData: 'not_synced' },
      { value: 100, noData: null },
    ]);
    expect(east?.weekly.mttrH).toEqual([8, 3]);
  });

  it('answers one store beside its region, and keeps other regions out of scope', async () => {
    const one = await get<StoreScorecardAnswer>(wang, `/api/stores/sh-002/scorecard?${range}`);
    expect(one.status).toBe(200);
    expect(one.body.store.figures.foodSafetyPct).toMatchObject({
      value: 100,
      regionMedian: 97.5,
      comparison: 'better',
    });
    expect(one.body.region.regionId).toBe('east');

    expect((await get(wang, `/api/stores/bj-001/scorecard?${range}`)).status).toBe(404);
    expect((await get(wang, `/api/scorecard?region=north&${range}`)).status).toBe(404);
    const all = await get<Scorecard>(admin, `/api/scorecard?${range}`);
    expect(all.body.regions.map((r) => r.regionId)).toEqual(['east', 'north']);
    const north = await get<Scorecard>(admin, `/api/scorecard?region=north&${range}`);
    expect(north.body.stores.map((s) => s.storeId)).toEqual(['bj-001']);
    // Declared for every central role, described from the same schemas.
    const doc = await get<{ paths: Record<string, Record<string, { 'x-roles'?: string[] }>> }>(
      admin,
      '/api/openapi.json',
    );
    expect(doc.body.paths['/api/scorecard']?.get?.['x-roles']).toContain('regional_manager');
    expect(doc.body.paths['/api/stores/{storeId}/scorecard']?.get?.['x-roles']).toContain('technician');
  });

  it('refuses a backwards or too long range and an unknown parameter', async () => {
    expect((await get(wang, `/api/scorecard?from=${T}&to=${FROM}`)).status).toBe(400);
    expect((await get(wang, `/api/scorecard?from=${T - 200 * DAY}&to=${T}`)).status).toBe(400);
    expect((await get(wang, `/api/scorecard?${range}&store=sh-001`)).status).toBe(400);
    // Defaults: the 30 days before now.
    const defaults = await get<Scorecard>(wang, '/api/scorecard');
    expect(defaults.body.to - defaults.body.from).toBe(30 * DAY);
    expect(defaults.body.weeks).toHaveLength(5);
  });
});
