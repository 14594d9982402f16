import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlarmFeed } from '../../../shared/central/api';
import {
  ADMIN_PASSWORD,
  alarmView,
  batchOf,
  event,
  type HttpAnswer,
  http,
  login,
  postBatch,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';

/**
 * The live feed's long poll on SQLite, through central's HTTP API: one central for the
 * file, its clock fake (so nothing but a wake-up or an advanced clock can end a held poll).
 */
let central: TestCentral;
let admin: string;
let manager: string;
const storeTokens = new Map<string, string>();
const seqs = new Map<string, number>();

beforeAll(async () => {
  central = await startTestCentral('sqlite', { drainDelayMs: 1_000 });
  admin = await login(central.url, 'admin', ADMIN_PASSWORD);
  for (const [id, regionId] of [
    ['north-1', 'north'],
    ['south-1', 'south'],
  ] as const) {
    const store = await http(`${central.url}/api/admin/stores`, {
      token: admin,
      body: { id, regionId, state: 'open' },
    });
    expect(store.status).toBe(201);
    const issued = await http<{ token: string }>(`${central.url}/api/admin/stores/${id}/tokens`, {
      token: admin,
      method: 'POST',
    });
    storeTokens.set(id, issued.body.token);
  }
  const user = await http(`${central.url}/api/admin/users`, {
    token: admin,
    body: {
      username: 'north-manager',
      password: 'north-password',
      role: 'regional_manager',
      regionId: 'north',
    },
  });
  expect(user.status).toBe(201);
  manager = await login(central.url, 'north-manager', 'north-password');
});

afterAll(async () => {
  await central?.stop();
});

/** A critical alarm raised at `storeId`, synced as that store; resolves once central acknowledged it. */
async function syncAlarm(storeId: string, alarmId: number): Promise<void> {
  const seq = (seqs.get(storeId) ?? 0) + 1;
  seqs.set(storeId, seq);
  const batch = batchOf(storeId, [event(seq, 'alarm.raised', alarmId, alarmView({ id: alarmId }))]);
  const answer = await postBatch(central.url, storeTokens.get(storeId) ?? '', batch);
  expect(answer.status).toBe(200);
}

function feed(token: string, query: string): Promise<HttpAnswer<AlarmFeed>> {
  return http<AlarmFeed>(`${central.url}/api/alarms?${query}`, { token });
}

async function cursorNow(token: string): Promise<number> {
  return (await feed(token, 'limit=1')).body.cursor;
}

/** Waits (in real time, briefly) until `n` long polls are held by the process. */
async function untilHeld(n: number): Promise<void> {
  const wakeups = central.service.central.alarmFeed.wakeups;
  for (let i = 0; i < 500 && wakeups.held !== n; i++) await new Promise((resolve) => setImmediate(resolve));
  expect(wakeups.held).toBe(n);
}

/** Tracks whether a request has answered yet. */
function tracked<T>(answer: Promise<T>): { answer: Promise<T>; done: () => boolean } {
  let finished = false;
  void answer.finally(() => {
    finished = true;
  });
  return { answer, done: () => finished };
}

describe('alarm feed long poll (SQLite)', () => {
  it('a held poll answers as soon as a store syncs a critical alarm, with that alarm', async () => {
    const cursor = await cursorNow(admin);
    const held = feed(admin, `after=${cursor}&wait=25&limit=500`);
    await untilHeld(1);
    const started = performance.now();
    await syncAlarm('north-1', 101);
    const answer = await held;
    const tookMs = performance.now() - started;
    expect(answer.status).toBe(200);
    expect(answer.body.entries.map((e) => [e.storeId, e.alarm.id, e.change])).toEqual([
      ['north-1', 101, 'raised'],
    ]);
    expect(answer.body.cursor).toBeGreaterThan(cursor);
    // The fake clock never moved: only the ingest's wake-up can have answered it.
    expect(tookMs).toBeLessThan(1_000);
  });

  it('nothing arriving: an empty page with the same cursor once `wait` has passed, not before', async () => {
    const cursor = await cursorNow(admin);
    const held = tracked(feed(admin, `after=${cursor}&wait=1`));
    await untilHeld(1);
    central.clock.advance(999);
    await new Promise((resolve) => setImmediate(resolve));
    expect(held.done()).toBe(false);
    central.clock.advance(1);
    expect(await held.answer).toEqual({ status: 200, body: { entries: [], cursor } });
  });

  it("another region's alarm does not wake a manager's poll into returning it", async () => {
    const cursor = await cursorNow(manager);
    const held = tracked(feed(manager, `after=${cursor}&wait=25`));
    await untilHeld(1);
    const wakes = central.service.central.alarmFeed.wakeups.wakes;
    await syncAlarm('south-1', 201);
    // The admin sees it, so it is committed and its wake-up has been given.
    const adminPage = await feed(admin, `after=${cursor}`);
    expect(adminPage.body.entries.map((e) => e.storeId)).toEqual(['south-1']);
    expect(central.service.central.alarmFeed.wakeups.wakes).toBeGreaterThan(wakes);
    expect(held.done()).toBe(false);
    await syncAlarm('north-1', 102);
    const answer = await held.answer;
    expect(answer.status).toBe(200);
    expect(answer.body.entries.map((e) => [e.storeId, e.alarm.id])).toEqual([['north-1', 102]]);
  });

  it('an out-of-scope alarm alone: the manager gets an empty page after `wait`', async () => {
    const cursor = await cursorNow(manager);
    const held = tracked(feed(manager, `after=${cursor}&wait=1`));
    await untilHeld(1);
    await syncAlarm('south-1', 202);
    expect((await feed(admin, `after=${await cursorNow(manager)}`)).body.entries.length).toBeGreaterThan(0);
    expect(held.done()).toBe(false);
    central.clock.advance(1_000);
    expect(await held.answer).toEqual({ status: 200, body: { entries: [], cursor } });
  });

  it('a severity filter holds through changes of other severities', async () => {
    const cursor = await cursorNow(admin);
    const held = tracked(feed(admin, `after=${cursor}&wait=25&severity=warning`));
    await untilHeld(1);
    await syncAlarm('north-1', 103);
    expect((await feed(admin, `after=${cursor}`)).body.entries.map((e) => e.alarm.id)).toEqual([103]);
    expect(held.done()).toBe(false);
    const seq = (seqs.get('north-1') ?? 0) + 1;
    seqs.set('north-1', seq);
    const warning = alarmView({ id: 104, severity: 'warning' });
    const token = storeTokens.get('north-1') ?? '';
    expect(
      (await postBatch(central.url, token, batchOf('north-1', [event(seq, 'alarm.raised', 104, warning)])))
        .status,
    ).toBe(200);
    const answer = await held.answer;
    expect(answer.body.entries.map((e) => [e.alarm.id, e.alarm.severity])).toEqual([[104, 'warning']]);
  });

  it('`wait` without `after` answers at once (the first page)', async () => {
    const answer = await feed(admin, 'wait=25&limit=1');
    expect(answer.status).toBe(200);
    expect(answer.body.entries).toHaveLength(1);
  });

  it('refuses `wait` out of bounds with a clear message', async () => {
    for (const [wait, message] of [
      ['31', 'query.wait: wait is at most 30 seconds'],
      ['-1', 'query.wait: wait is at least 0 seconds'],
      ['1.5', 'query.wait: wait is a whole number of seconds'],
    ] as const) {
      const answer = await feed(admin, `after=0&wait=${wait}`);
      expect(answer.status).toBe(400);
      expect(JSON.stringify(answer.body)).toContain(message);
    }
  });

  it('a held poll answers (empty, 200) as soon as the process starts draining', async () => {
    const cursor = await cursorNow(admin);
    const held = feed(admin, `after=${cursor}&wait=25`);
    await untilHeld(1);
    const draining = central.service.drain();
    // Answered while the drain still waits out its delay: not by the port closing.
    expect(await held).toEqual({ status: 200, body: { entries: [], cursor } });
    expect((await http(`${central.url}/readyz`)).status).toBe(503);
    // Polls that reach it meanwhile answer at once.
    expect(await feed(admin, `after=${cursor}&wait=25`)).toEqual({
      status: 200,
      body: { entries: [], cursor },
    });
    central.clock.advance(1_000);
    await draining;
  });
});
