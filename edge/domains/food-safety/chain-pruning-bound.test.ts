import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../store/database';
import { PruneBoundFinder } from './chain-pruning-bound';
import { type ActionRow, FoodSafetyStore } from './food-safety-store';

const MIN = 60_000;
const T0 = Date.UTC(2024, 0, 1);
const CUTOFF = T0 + 10 * 1440 * MIN;

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function records(): { db: Database; store: FoodSafetyStore } {
  const dir = mkdtempSync(join(tmpdir(), 'galley-fs-bound-'));
  const db = openDatabase(dir);
  cleanup = () => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, store: new FoodSafetyStore(db, 'sh-001') };
}

const limit = (store: FoodSafetyStore, cp: string, at: number) =>
  store.appendLimit({
    control_point: cp,
    equipment_id: cp,
    metric: 'temp_c',
    pack: 'galley-company-standard',
    pack_edition: '2026',
    authority: 'company_standard',
    limit_id: 'cold-holding',
    clause: 'GCS-4.1',
    bound: 'at_most',
    limit_cc: 500,
    alert_delay_min: 30,
    interval_min: 1,
    excused_while: '[]',
    at,
  }).seq;

const minutes = (store: FoodSafetyStore, cp: string, limitSeq: number, from: number, count: number) => {
  for (let i = 0; i < count; i++)
    store.appendInterval(
      {
        control_point: cp,
        start_ts: from + i * MIN,
        span_min: 1,
        status: 0,
        worst_cc: 300,
        min_cc: 290,
        max_cc: 310,
        readings: 3,
        excused_by: null,
        limit_seq: limitSeq,
      },
      from + (i + 1) * MIN,
    );
};

const action =
  (at: number, over: Partial<ActionRow>): ((seq: number) => Omit<ActionRow, 'seq'>) =>
  (seq) => ({
    action_id: seq,
    amends: null,
    change: 'opened',
    control_point: 'cp-a',
    equipment_id: 'cp-a',
    excursion_id: seq,
    alarm_id: null,
    ticket_id: null,
    state: 'open',
    opened_at: at,
    due_at: at + 30 * MIN,
    escalation: 'none',
    what_done: null,
    disposition: null,
    qty_milli: null,
    qty_unit: null,
    moved_to: null,
    note: null,
    by: null,
    at,
    ...over,
  });

describe('how far the food-safety chain may be pruned', () => {
  it('stops at the first record younger than the cutoff', () => {
    const { db, store } = records();
    const old = limit(store, 'cp-a', T0);
    minutes(store, 'cp-a', old, T0, 5);
    const restated = limit(store, 'cp-a', CUTOFF - MIN);
    minutes(store, 'cp-a', restated, CUTOFF - 3 * MIN, 6);
    // The interval [cutoff - 1 min, cutoff) is old; the one from the cutoff is not.
    const bound = new PruneBoundFinder(db).find(0, CUTOFF, ['cp-a']);
    expect(bound).toMatchObject({ oldPrefix: restated + 3, seq: restated - 1 });
    expect(bound.heldBy).toBe(`the limit in force for cp-a (record ${restated})`);
  });

  it('keeps the limit in force of a control point still configured, not of one removed', () => {
    const { db, store } = records();
    const gone = limit(store, 'cp-old', T0);
    minutes(store, 'cp-old', gone, T0, 5);
    const kept = limit(store, 'cp-a', T0 + MIN);
    minutes(store, 'cp-a', kept, CUTOFF, 5);
    const finder = new PruneBoundFinder(db);
    expect(finder.find(0, CUTOFF, ['cp-a']).seq).toBe(kept - 1);
    expect(finder.find(0, CUTOFF, null)).toMatchObject({ seq: gone - 1 });
  });

  it('keeps an open action, and the first version of one whose later versions are kept', () => {
    const { db, store } = records();
    const lim = limit(store, 'cp-a', T0);
    const opened = store.appendAction(T0, action(T0, {})).seq;
    minutes(store, 'cp-a', limit(store, 'cp-a', T0 + MIN), T0 + MIN, 3);
    const restated = limit(store, 'cp-a', CUTOFF);
    const finder = new PruneBoundFinder(db);
    expect(lim).toBe(1);
    expect(finder.find(0, CUTOFF + 1, ['cp-a'])).toMatchObject({
      seq: opened - 1,
      heldBy: `an open corrective action (record ${opened})`,
    });
    // Signed off after the cutoff: the kept sign-off names the opening record.
    store.appendAction(
      CUTOFF,
      action(CUTOFF, { action_id: opened, amends: opened, excursion_id: opened, state: 'signed_off' }),
    );
    expect(finder.find(0, CUTOFF + 1, ['cp-a'])).toMatchObject({
      seq: opened - 1,
      heldBy: expect.stringMatching(
        new RegExp(`^food_safety_actions\\.\\w+ of a kept record \\(record ${opened}\\)$`),
      ),
    });
    expect(restated).toBeGreaterThan(opened);
  });
});
