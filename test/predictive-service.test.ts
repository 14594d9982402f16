import { afterEach, describe, expect, it } from 'vitest';
import { predictiveRig } from '../edge/domains/predictive/testing/predictive-rig';
import { storeWithRules } from '../edge/domains/rules/testing/rule-test-kit';
import { ColdBoxSim } from '../firmware-sim/degradation/cold-box-sim';
import type { Degradation } from '../firmware-sim/degradation/degradation-spec';
import type { TelemetryRow } from '../shared/predictive/telemetry-row';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Local midnight in Shanghai (the test store's time zone; the simulator's kitchen runs on it too). */
const START = Date.UTC(2026, 0, 4, 16);
const ADMIN = { id: 'admin', role: 'admin' as const };
/**
 * 30 days as it came, then the condenser fouls over 10 days: the compressor's duty goes from
 * about 45 % to about 95 % (the acceptance of issue 19).
 */
const FOULING: Degradation = { kind: 'condenser_fouling', startsAtH: 30 * 24, rampH: 240, severity: 0.58 };

const rigs: ReturnType<typeof predictiveRig>[] = [];
function rig() {
  const r = predictiveRig(storeWithRules({}), START);
  rigs.push(r);
  return r;
}
afterEach(() => {
  for (const r of rigs.splice(0)) r.stop();
});

/** Start of the first 30 min without a break above 5 °C, as the rows show it. */
class CrossingWatch {
  at: number | undefined;
  #since: number | undefined;
  readonly onRow = (row: TelemetryRow): void => {
    if (row.metric !== 'temp_c' || typeof row.value !== 'number' || this.at !== undefined) return;
    if (row.value <= 5) this.#since = undefined;
    else {
      this.#since ??= row.ts;
      if (row.ts - this.#since >= 30 * 60_000) this.at = this.#since;
    }
  };
}

function foodSafetyRows(db: ReturnType<typeof predictiveRig>['db']): number {
  const tables = db
    .prepare<[], { name: string }>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'food_safety%'",
    )
    .all();
  let n = 0;
  for (const t of tables) n += (db.prepare(`SELECT count(*) AS n FROM "${t.name}"`).get() as { n: number }).n;
  return n;
}

describe('predictive service: findings become predictive repair tickets', () => {
  it('opens exactly one condenser ticket before the limit is crossed and none in 30 normal days', async () => {
    const r = rig();
    await r.predictive.start();
    const sim = new ColdBoxSim({ seed: 3, startMs: START, utcOffsetH: 8, degradations: [FOULING] });
    const crossing = new CrossingWatch();

    r.play('wic-1', sim, START + 30 * DAY, { onRow: crossing.onRow });
    expect(r.predictiveTickets()).toEqual([]);
    expect(r.predictive.monitor('wic-1')?.phase).toBe('watching');
    expect(crossing.at).toBeUndefined();

    r.play('wic-1', sim, START + 41 * DAY, { onRow: crossing.onRow });
    const tickets = r.predictiveTickets();
    expect(tickets).toHaveLength(1);
    const [ticket] = tickets;
    expect(ticket).toMatchObject({
      equipmentId: 'wic-1',
      source: 'auto',
      kind: 'predictive',
      fault: 'predictive:condenser_fouling',
      category: 'not_cooling',
      status: 'open',
    });
    // The fouled box did cross 5 °C for 30 min, and the ticket came before it.
    expect(crossing.at).toBeDefined();
    expect(ticket?.openedAt).toBeGreaterThan(START + 30 * DAY);
    expect(ticket?.openedAt).toBeLessThan(crossing.at as number);
    expect(ticket?.title.en).toMatch(/^Predicted: Condenser fouling suspected — limit in about \d+ h$/);
    expect(ticket?.title['zh-CN']).toMatch(/^预测性维护：疑似冷凝器脏堵，约 \d+ 小时后超限$/);
    expect(ticket?.note).toMatch(/crosses 5 °C sustained in about [\d.]+ h \(range [\d.]+–[\d.]+ h\)/);
    expect(ticket?.note).toMatch(/持续超过 5 °C/);
    expect(ticket?.note).toContain('Suggested action: Clean the condenser coil');
    expect(ticket?.note).toContain('建议措施：清洗冷凝器盘管');
    expect(ticket?.note).toMatch(
      /cooling\/heating capacity [\d.]+ °C\/h \(usual [\d.]+ ± [\d.]+, z −[\d.]+\)/,
    );

    const events = r.outbox('predictive.finding');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      equipmentId: 'wic-1',
      cause: 'condenser_fouling',
      ticketId: ticket?.id,
    });
    // A prediction is no excursion: nothing was written to the food-safety records.
    expect(foodSafetyRows(r.db)).toBe(0);
    expect(r.predictive.stats.errors).toBe(0);
  });

  it('a verified repair resets the evidence: the ticket does not come back the next day', async () => {
    const r = rig();
    await r.predictive.start();
    const repairAtH = 33 * 24;
    const sim = new ColdBoxSim({
      seed: 3,
      startMs: START,
      utcOffsetH: 8,
      degradations: [{ ...FOULING, endsAtH: repairAtH }],
    });
    r.play('wic-1', sim, START + repairAtH * HOUR);
    const [ticket] = r.predictiveTickets();
    expect(ticket?.status).toBe('open');
    expect(r.predictive.monitor('wic-1')?.phase).toBe('found');

    const id = ticket?.id as number;
    r.tickets.transition(id, { to: 'assigned', assignee: 'tech-1' }, ADMIN);
    r.tickets.transition(id, { to: 'in_progress' }, ADMIN);
    r.tickets.transition(id, { to: 'resolved', resolutionCode: 'condenser cleaned', parts: [] }, ADMIN);
    r.tickets.transition(id, { to: 'verified' }, ADMIN);
    expect(r.predictive.monitor('wic-1')?.phase).toBe('watching');
    expect(r.predictive.latestFinding('wic-1')?.verifiedAt).toBe(r.clock.now());

    r.play('wic-1', sim, START + (repairAtH + 48) * HOUR);
    expect(r.predictiveTickets().map((t) => t.status)).toEqual(['verified']);
    expect(r.predictive.monitor('wic-1')?.phase).toBe('watching');

    // Not after a restart either: the replay starts after the verified repair.
    await r.restartPredictive();
    r.play('wic-1', sim, START + (repairAtH + 72) * HOUR);
    expect(r.predictiveTickets().map((t) => t.status)).toEqual(['verified']);
    expect(r.predictive.monitor('wic-1')?.phase).toBe('watching');
  });

  it('keeps the learned baseline across a restart and rebuilds only a bounded window', async () => {
    const r = rig();
    await r.predictive.start();
    const sim = new ColdBoxSim({ seed: 5, startMs: START, utcOffsetH: 8 });
    r.play('wic-1', sim, START + 17 * DAY, { store: true });
    const before = r.predictive.monitor('wic-1');
    expect(before?.phase).toBe('watching');
    const learned = before?.baselineSnapshot();
    expect(learned).toBeDefined();

    await r.restartPredictive();
    const after = r.predictive.monitor('wic-1');
    expect(after).not.toBe(before);
    expect(after?.phase).toBe('watching');
    expect(after?.learningEndsAt).toBe(before?.learningEndsAt);
    expect(after?.baselineSnapshot()).toEqual(learned);
    // 72 h (the forecast window) of four metrics every 10 s, not the 17 days stored.
    const window = 72 * 360 * 4;
    expect(r.predictive.stats.replayedRows).toBeGreaterThan(window * 0.9);
    expect(r.predictive.stats.replayedRows).toBeLessThanOrEqual(window + 8);
  });

  it('an asset still learning at a restart carries on with the same learning days', async () => {
    const r = rig();
    await r.predictive.start();
    const sim = new ColdBoxSim({ seed: 9, startMs: START, utcOffsetH: 8 });
    r.play('wic-1', sim, START + 4 * DAY, { store: true });
    const endsAt = r.predictive.monitor('wic-1')?.learningEndsAt;
    expect(endsAt).toBe(START + 14 * DAY);

    await r.restartPredictive();
    expect(r.predictive.monitor('wic-1')?.phase).toBe('learning');
    expect(r.predictive.monitor('wic-1')?.learningEndsAt).toBe(endsAt);
    r.play('wic-1', sim, START + 15 * DAY);
    expect(r.predictive.monitor('wic-1')?.phase).toBe('watching');
  });
});
