import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import { verifyChain } from '../edge/domains/food-safety/record-chain';
import { storeDay } from '../edge/domains/food-safety/store-day';
import { DAY, demoStoreConfig, FoodSafetyRig } from '../edge/domains/food-safety/testing/food-safety-kit';
import { openDatabase } from '../edge/store/database';
import type { CoolingBatchView, CoolingProbeView, CorrectiveActionView } from '../shared/api/food-safety';
import { silentLogger } from '../shared/server/runtime/logger';
import { JumpClock } from './testing/faults-clock';
import { ApiClient } from './testing/faults-kit';

const GALLEY = join(import.meta.dirname, '..', 'bin', 'galley.js');
const PROBE = 'ric-1';
/** t0, in store minutes of the rig's day. */
const T0 = 60;
const H = 60;

let rig: FoodSafetyRig | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  rig?.close();
  rig = undefined;
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Straight lines between [minute after t0, °C] points, flat after the last. */
function curve(points: readonly [number, number][]): (minuteOfDay: number) => number {
  return (minuteOfDay) => {
    const m = minuteOfDay - T0;
    for (let i = 1; i < points.length; i++) {
      const [m0, v0] = points[i - 1] ?? [0, 0];
      const [m1, v1] = points[i] ?? [0, 0];
      if (m <= m1) return Math.round((v0 + ((v1 - v0) * (m - m0)) / (m1 - m0)) * 100) / 100;
    }
    return points[points.length - 1]?.[1] ?? 0;
  };
}

/** A rig at t0 with the probe reading 57 °C and a batch of chicken stock started on it. */
function startedBatch(): { r: FoodSafetyRig; batch: CoolingBatchView } {
  const r = new FoodSafetyRig();
  rig = r;
  r.clock.advanceTo(r.at(T0));
  r.bus.emit('readingsCommitted', [{ equipmentId: PROBE, ts: r.clock.now(), readings: { temp_c: 57 } }]);
  const batch = r.service.startCooling(
    { product: 'Chicken stock', quantity: { amount: 12, unit: 'l' }, equipmentId: PROBE },
    'staff-chen',
  );
  return { r, batch };
}

const cool = (r: FoodSafetyRig, untilMinute: number, temp: (minute: number) => number) =>
  r.run(untilMinute, (minute) => ({ [PROBE]: { temp_c: temp(minute) } }));

const coolingActions = (r: FoodSafetyRig, batchId: number): CorrectiveActionView[] =>
  r.service.correctiveActions({ state: 'all', limit: 100 }).filter((a) => a.coolingBatchId === batchId);

describe('cooling logs (FDA 3-501.14: 57 → 21 °C within 2 h, → 5 °C within 6 h)', () => {
  it('57 °C at t0 and only 22 °C at t0 + 2 h: stage 1 fails at exactly t0 + 2 h and opens a corrective action', () => {
    const { r, batch } = startedBatch();
    expect(batch).toMatchObject({
      state: 'cooling',
      t0: r.at(T0),
      fromC: 57,
      pack: 'us-fda-food-code-2022',
      clause: '3-501.14(A)',
      stages: [
        { toC: 21, withinMin: 120, deadline: r.at(T0 + 2 * H), result: 'pending' },
        { toC: 5, withinMin: 360, deadline: r.at(T0 + 6 * H), result: 'pending' },
      ],
    });
    const temp = curve([
      [0, 57],
      [120, 22],
    ]);
    cool(r, T0 + 2 * H - 1, temp);
    r.clock.advanceTo(r.at(T0 + 2 * H) - 1);
    expect(r.service.coolingBatch(batch.id).stages[0]?.result).toBe('pending');
    expect(coolingActions(r, batch.id)).toHaveLength(0);

    r.clock.advanceTo(r.at(T0 + 2 * H));
    const failed = r.service.coolingBatch(batch.id);
    expect(failed).toMatchObject({ state: 'failed', change: 'stage_failed' });
    expect(failed.stages[0]).toMatchObject({ result: 'failed', at: r.at(T0 + 2 * H) });
    expect(failed.stages[0]?.valueC).toBeGreaterThan(21);
    expect(failed.stages[1]?.result).toBe('skipped');
    const [action] = coolingActions(r, batch.id);
    expect(action).toMatchObject({
      id: failed.actionId,
      state: 'open',
      openedAt: r.at(T0 + 2 * H),
      equipmentId: PROBE,
      change: 'opened',
    });
    expect(action?.title.en).toContain('Cooling Chicken stock');
    expect(action?.title['zh-CN']).toContain('冷却 Chicken stock');
    expect(r.service.coolingBatches({ state: 'active', limit: 10 })).toHaveLength(0);

    // Food that missed a stage is reheated and re-cooled or thrown away; the person in charge says which.
    const manager = { id: 'mgr-li', roles: ['manager'] };
    const signOff = { whatDone: 'Reheated to 74 °C', quantity: { amount: 12, unit: 'l' as const } };
    expect(() => r.service.signOff(action?.id ?? 0, { ...signOff, disposition: 'kept' }, manager)).toThrow(
      /reheat_recool or discarded/,
    );
    expect(
      r.service.signOff(action?.id ?? 0, { ...signOff, disposition: 'reheat_recool' }, manager),
    ).toMatchObject({ state: 'signed_off', disposition: 'reheat_recool', coolingBatchId: batch.id });
  });

  it('warns once, early, when the curve through the newest readings projects a miss', () => {
    const { r, batch } = startedBatch();
    cool(
      r,
      T0 + 30,
      curve([
        [0, 57],
        [120, 22],
      ]),
    );
    const warned = r.service.coolingBatch(batch.id);
    expect(warned.state).toBe('cooling');
    const [stage1] = warned.stages;
    // The projection needs five minutes of curve; it sees 21 °C reached at about t0 + 123 min.
    expect(stage1?.warnedAt).toBeGreaterThanOrEqual(r.at(T0 + 5));
    expect(stage1?.warnedAt).toBeLessThan(r.at(T0 + 7));
    expect(stage1?.projectedAt).toBeGreaterThan(r.at(T0 + 2 * H));
    expect(stage1?.projectedAt).toBeLessThan(r.at(T0 + 2 * H + 10));
    expect(warned.projection).toMatchObject({ stage: 1, miss: true });
    expect(warned.latest?.ts).toBe(r.clock.now() - 20_000);

    const events = r.db
      .prepare("SELECT payload FROM outbox WHERE type = 'food_safety.cooling' AND entity_id = ? ORDER BY seq")
      .all(batch.id) as { payload: string }[];
    const changes = events.map((e) => (JSON.parse(e.payload) as CoolingBatchView).change);
    expect(changes).toEqual(['started', 'warned']);
  });

  it('57 → 21 °C at 1:50 and → 5 °C at 5:50 passes both stages, without a warning', () => {
    const { r, batch } = startedBatch();
    cool(
      r,
      T0 + 6 * H + 5,
      curve([
        [0, 57],
        [110, 21],
        [350, 5],
      ]),
    );
    const passed = r.service.coolingBatch(batch.id);
    expect(passed).toMatchObject({ state: 'passed', actionId: null, projection: null });
    expect(passed.stages).toMatchObject([
      { result: 'passed', at: r.at(T0 + 110), valueC: 21, warnedAt: null },
      { result: 'passed', at: r.at(T0 + 350), valueC: 5, warnedAt: null },
    ]);
    expect(coolingActions(r, batch.id)).toHaveLength(0);
  });

  it('21 °C at 1:50 but 6 °C at 6:00: stage 2 fails at exactly 6:00', () => {
    const { r, batch } = startedBatch();
    const temp = curve([
      [0, 57],
      [110, 21],
      [360, 6],
    ]);
    cool(r, T0 + 6 * H - 1, temp);
    r.clock.advanceTo(r.at(T0 + 6 * H) - 1);
    const cooling = r.service.coolingBatch(batch.id);
    expect(cooling.stages.map((s) => s.result)).toEqual(['passed', 'pending']);
    expect(cooling.stages[1]?.warnedAt).not.toBeNull();

    r.clock.advanceTo(r.at(T0 + 6 * H));
    const failed = r.service.coolingBatch(batch.id);
    expect(failed.state).toBe('failed');
    expect(failed.stages).toMatchObject([
      { result: 'passed', at: r.at(T0 + 110) },
      { result: 'failed', at: r.at(T0 + 6 * H) },
    ]);
    expect(coolingActions(r, batch.id)).toMatchObject([{ openedAt: r.at(T0 + 6 * H), state: 'open' }]);
  });

  it('waits for 57 °C before the clock starts, and a deadline passed while the box was off fails on restart', () => {
    const r = new FoodSafetyRig();
    rig = r;
    r.clock.advanceTo(r.at(T0 - 10));
    const batch = r.service.startCooling({ product: 'Rice', equipmentId: PROBE }, 'staff-chen');
    expect(batch).toMatchObject({ state: 'waiting', t0: null });
    cool(r, T0 + 1, (minute) => (minute < T0 ? 50 : 60));
    expect(r.service.coolingBatch(batch.id)).toMatchObject({ state: 'cooling', t0: r.at(T0) });
    expect(() => r.service.startCooling({ product: 'Soup', equipmentId: PROBE }, 'staff-chen')).toThrow(
      /already in batch/,
    );
    expect(() => r.service.startCooling({ product: 'Soup', equipmentId: 'fryer-1' }, 'staff-chen')).toThrow(
      /not a cooling probe/,
    );

    r.restart();
    r.clock.advanceTo(r.at(T0 + 3 * H));
    const failed = r.service.coolingBatch(batch.id);
    expect(failed.stages[0]).toMatchObject({ result: 'failed', at: r.at(T0 + 2 * H) });
    expect(coolingActions(r, batch.id)).toHaveLength(1);

    const discarded = r.service.discardCooling(batch.id, 'binned', 'staff-chen');
    expect(discarded).toMatchObject({ state: 'discarded', by: 'staff-chen', note: 'binned' });
    expect(() => r.service.discardCooling(batch.id, undefined, 'staff-chen')).toThrow(/already discarded/);
  });
});

function galley(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GALLEY, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('cooling records in the hash chain', () => {
  it('verify walks the cooling records, and names an altered one', async () => {
    const { r, batch } = startedBatch();
    cool(
      r,
      T0 + 2 * H + 1,
      curve([
        [0, 57],
        [120, 22],
      ]),
    );
    expect(verifyChain(r.db)).toMatchObject({ ok: true });
    const rows = r.db
      .prepare('SELECT seq, change FROM food_safety_cooling WHERE batch_id = ? ORDER BY seq')
      .all(batch.id) as { seq: number; change: string }[];
    expect(rows.map((row) => row.change)).toEqual(['started', 'warned', 'stage_failed']);
    const failedSeq = rows[2]?.seq ?? 0;
    expect(() =>
      r.db.prepare("UPDATE food_safety_cooling SET state = 'passed' WHERE seq = ?").run(failedSeq),
    ).toThrow(/append-only/);
    r.service.stop();
    r.db.close();

    const db = openDatabase(r.dir);
    db.exec('DROP TRIGGER food_safety_cooling_no_update');
    db.prepare("UPDATE food_safety_cooling SET state = 'passed' WHERE seq = ?").run(failedSeq);
    expect(verifyChain(db)).toMatchObject({ ok: false, seq: failedSeq, table: 'food_safety_cooling' });
    db.close();

    const altered = await galley(['food-safety', 'verify', '--data', r.dir]);
    expect(altered.code).toBe(1);
    expect(altered.err).toContain(
      `first altered record: record ${failedSeq} in food_safety_cooling (cooling batch ${batch.id} of Chicken stock on ${PROBE} (stage_failed))`,
    );
    // close() closes the rig’s database and removes the folder: hand it an open one.
    r.db = openDatabase(r.dir);
  });
});

describe('cooling over HTTP', () => {
  it('a cook starts a batch, the board lists it with its deadlines and probe reading, and it is discarded', async () => {
    const config = demoStoreConfig();
    const dayStart = storeDay(DAY, config.store.timezone).start;
    const clock = new JumpClock(dayStart);
    cleanups.push(() => clock.dispose());
    const dataDir = mkdtempSync(join(tmpdir(), 'galley-fs-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const app = new EdgeApp({
      config,
      dataDir,
      mqttPort: 0,
      httpPort: 0,
      host: '127.0.0.1',
      logger: silentLogger(),
      clock,
      central: { url: 'http://127.0.0.1:9', token: 'gst_unreachable.secret' },
    });
    const { httpPort } = await app.start();
    cleanups.push(() => app.stop());
    const base = `http://127.0.0.1:${httpPort}`;

    const anonymous = await fetch(`${base}/api/food-safety/cooling`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product: 'Rice', equipmentId: PROBE }),
    });
    expect(anonymous.status).toBe(401);

    const cook = await ApiClient.login(base, 'staff-chen', '1111');
    app.bus.emit('readingsCommitted', [{ equipmentId: PROBE, ts: clock.now(), readings: { temp_c: 60 } }]);
    const started = await cook.ok<CoolingBatchView>('POST', '/api/food-safety/cooling', {
      product: 'Rice',
      quantity: { amount: 4, unit: 'kg' },
      equipmentId: PROBE,
    });
    expect(started).toMatchObject({
      state: 'cooling',
      by: 'staff-chen',
      latest: { valueC: 60 },
      quantity: { amount: 4, unit: 'kg' },
    });
    // The probe already read 57 °C or more when the batch started: cooling began then.
    expect(started.t0).toBe(started.startedAt);
    expect(
      (await cook.request('POST', '/api/food-safety/cooling', { product: 'Soup', equipmentId: PROBE }))
        .status,
    ).toBe(409);
    expect(
      (await cook.request('POST', '/api/food-safety/cooling', { product: 'Soup', equipmentId: 'fryer-1' }))
        .status,
    ).toBe(422);

    const probes = (await (
      await fetch(`${base}/api/food-safety/cooling-probes`)
    ).json()) as CoolingProbeView[];
    expect(probes.map((p) => [p.equipmentId, p.busyWith])).toEqual([
      ['ric-1', started.id],
      ['ric-2', null],
      ['ric-3', null],
    ]);
    const board = (await (
      await fetch(`${base}/api/food-safety/cooling?state=active`)
    ).json()) as CoolingBatchView[];
    expect(board.map((b) => b.id)).toEqual([started.id]);
    expect(board[0]?.stages.map((s) => s.deadline)).toEqual([
      started.startedAt + 120 * 60_000,
      started.startedAt + 360 * 60_000,
    ]);

    const discarded = await cook.ok<CoolingBatchView>(
      'POST',
      `/api/food-safety/cooling/${started.id}/discard`,
      {
        note: 'dropped on the floor',
      },
    );
    expect(discarded).toMatchObject({ state: 'discarded', by: 'staff-chen', amends: expect.any(Number) });
    expect((await cook.request('POST', `/api/food-safety/cooling/${started.id}/discard`, {})).status).toBe(
      409,
    );
    expect((await cook.request('GET', '/api/food-safety/cooling/999999')).status).toBe(404);
    const active = (await (await fetch(`${base}/api/food-safety/cooling`)).json()) as CoolingBatchView[];
    expect(active).toEqual([]);
    const all = (await (
      await fetch(`${base}/api/food-safety/cooling?state=all`)
    ).json()) as CoolingBatchView[];
    expect(all.map((b) => b.state)).toEqual(['discarded']);

    const sent = app.database
      .prepare("SELECT count(*) AS n FROM outbox WHERE type = 'food_safety.cooling'")
      .get() as { n: number };
    expect(sent.n).toBe(2);
    expect(verifyChain(app.database)).toMatchObject({ ok: true });
  });
});
