import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EdgeApp } from '../edge/app/edge-app';
import { verifyChain } from '../edge/domains/food-safety/record-chain';
import { storeDay } from '../edge/domains/food-safety/store-day';
import { DAY, demoStoreConfig } from '../edge/domains/food-safety/testing/food-safety-kit';
import type {
  ControlPointView,
  CorrectiveActionView,
  DailyCompliance,
  MinuteLog,
} from '../shared/api/food-safety';
import type { ReadingValue } from '../shared/device-messages';
import { silentLogger } from '../shared/server/runtime/logger';
import { JumpClock } from './testing/faults-clock';
import { ApiClient } from './testing/faults-kit';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** The walk-in cooler's night: a defrost at 9 °C, then 31 minutes at 6 °C with no excuse. */
function cooler(minute: number): Record<string, ReadingValue> {
  if (minute < 25) return { temp_c: 9, defrost_on: true, door_open: false };
  if (minute >= 120 && minute < 151) return { temp_c: 6, defrost_on: false, door_open: false };
  return { temp_c: 3, defrost_on: false, door_open: false };
}

describe('excursions and corrective actions on a whole edge, central unreachable', () => {
  it('a defrost at 9 °C is no excursion; 31 min at 6 °C without one is exactly one excursion and one corrective action, signed off by the manager’s PIN', async () => {
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
      // Nothing listens here: every push fails, and nothing of food safety may wait for it.
      central: { url: 'http://127.0.0.1:9', token: 'gst_unreachable.secret' },
    });
    const { httpPort } = await app.start();
    cleanups.push(() => app.stop());
    const base = `http://127.0.0.1:${httpPort}`;

    // Three store hours of a reading every 20 s, as the ingest hands them to the rules.
    while (clock.now() < dayStart + 180 * 60_000) {
      const minute = Math.floor((clock.now() - dayStart) / 60_000);
      app.bus.emit('readingsCommitted', [
        { equipmentId: 'wic-1', ts: clock.now(), readings: cooler(minute) },
      ]);
      clock.advance(20_000);
      await new Promise((resolve) => setImmediate(resolve));
    }

    const points = (await (
      await fetch(`${base}/api/food-safety/control-points`)
    ).json()) as ControlPointView[];
    expect(points).toHaveLength(8);
    expect(points.find((p) => p.id === 'wic-1-cold')).toMatchObject({
      equipmentId: 'wic-1',
      pack: { id: 'galley-company-standard', authority: 'company_standard' },
      limit: { bound: 'at_most', limitC: 5, clause: { ref: 'GCS-1' } },
      alertDelayMin: 30,
      recordEveryMin: 1,
      excusedWhile: ['door_open (+600 s)', 'defrost_on (+900 s)', 'window defrost 03:00–03:30'],
      lastRecord: { status: 'in_limit', valueC: 3 },
      openExcursion: null,
    });
    const packs = (await (await fetch(`${base}/api/food-safety/packs`)).json()) as { id: string }[];
    expect(packs.map((p) => p.id)).toEqual(['galley-company-standard', 'us-fda-food-code-2022']);

    const log = (await (
      await fetch(`${base}/api/food-safety/control-points/wic-1-cold/records?day=${DAY}`)
    ).json()) as MinuteLog;
    const defrost = log.records.filter((r) => r.startTs < dayStart + 25 * 60_000);
    expect(defrost).toHaveLength(25);
    expect(
      defrost.every((r) => r.status === 'excused' && r.excusedBy === 'defrost_on' && r.valueC === 9),
    ).toBe(true);
    expect(log.records.filter((r) => r.status === 'out_of_limit')).toHaveLength(31);

    const day = (await (
      await fetch(`${base}/api/food-safety/control-points/wic-1-cold/compliance?day=${DAY}`)
    ).json()) as DailyCompliance;
    expect(day.excursions).toHaveLength(1);
    expect(day.excursions[0]).toMatchObject({
      startedAt: dayStart + 120 * 60_000,
      endedAt: dayStart + 151 * 60_000,
      minutes: 31,
      worstC: 6,
    });
    expect(day.pass).toBe(false);
    expect(day.excusedMin).toBe(25);

    const actions = (await (
      await fetch(`${base}/api/food-safety/corrective-actions?state=all`)
    ).json()) as CorrectiveActionView[];
    expect(actions).toHaveLength(1);
    const [action] = actions;
    if (!action) throw new Error('no corrective action');
    expect(action).toMatchObject({
      state: 'open',
      controlPointId: 'wic-1-cold',
      equipmentId: 'wic-1',
      excursionId: day.excursions[0]?.id,
    });
    // The cooler's own "above 5 °C" alarm (raised after its 15 min hold) and the repair ticket it opened.
    const alarm = app.alarms
      .list({ state: 'all', equipmentId: 'wic-1', limit: 50 })
      .find((a) => a.rule === 'temp_high');
    expect(alarm).toBeDefined();
    expect(action.alarmId).toBe(alarm?.id);
    expect(action.ticketId).not.toBeNull();
    expect(action.title.en).toContain('Corrective action');
    expect(action.title['zh-CN']).toContain('纠正措施');

    // Everything central should hear is waiting in the outbox, none of it delivered.
    const outbox = app.database
      .prepare("SELECT type, count(*) AS n FROM outbox WHERE type LIKE 'food_safety.%' GROUP BY type")
      .all() as { type: string; n: number }[];
    const counts = Object.fromEntries(outbox.map((r) => [r.type, r.n]));
    expect(counts['food_safety.excursion']).toBe(2);
    expect(counts['food_safety.corrective_action']).toBe(1);
    expect(counts['food_safety.chain_head']).toBeGreaterThanOrEqual(180);

    // Staff cannot sign it off, not even with their own PIN; the manager's PIN signs it.
    const staff = await ApiClient.login(base, 'staff-chen', '1111');
    const signOff = {
      whatDone: 'Door closed, product probed at 4.8 °C, moved to the reach-in.',
      disposition: 'moved',
      quantity: { amount: 12.5, unit: 'kg' },
      movedTo: 'ric-1',
    };
    const own = await staff.request('POST', `/api/food-safety/corrective-actions/${action.id}/sign-off`, {
      ...signOff,
      user: 'staff-chen',
      pin: '1111',
    });
    expect(own.status).toBe(403);
    const incomplete = await staff.request(
      'POST',
      `/api/food-safety/corrective-actions/${action.id}/sign-off`,
      {
        disposition: 'moved',
        user: 'mgr-li',
        pin: '2222',
      },
    );
    expect(incomplete.status).toBe(422);
    expect(JSON.stringify(incomplete.body)).toContain('missing: whatDone, quantity, movedTo');
    const signed = await staff.ok<CorrectiveActionView>(
      'POST',
      `/api/food-safety/corrective-actions/${action.id}/sign-off`,
      { ...signOff, user: 'mgr-li', pin: '2222' },
    );
    expect(signed).toMatchObject({
      id: action.id,
      amends: action.seq,
      state: 'signed_off',
      by: 'mgr-li',
      disposition: 'moved',
      quantity: { amount: 12.5, unit: 'kg' },
      movedTo: 'ric-1',
    });
    const again = await staff.request('POST', `/api/food-safety/corrective-actions/${action.id}/sign-off`, {
      ...signOff,
      user: 'mgr-li',
      pin: '2222',
    });
    expect(again.status).toBe(409);

    // The open version is still there, amended rather than rewritten, and the chain holds.
    const versions = app.database
      .prepare('SELECT state FROM food_safety_actions WHERE action_id = ? ORDER BY seq')
      .all(action.id) as { state: string }[];
    expect(versions.map((v) => v.state)).toEqual(['open', 'signed_off']);
    expect(verifyChain(app.database)).toMatchObject({ ok: true });
  });
});
