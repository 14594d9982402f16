import { afterEach, describe, expect, it } from 'vitest';
import { verifyChain } from './record-chain';
import { FoodSafetyRig } from './testing/food-safety-kit';

let rig: FoodSafetyRig | undefined;
afterEach(() => {
  rig?.close();
  rig = undefined;
});

/** An hour of records with an excursion and its action, the service stopped, the guards off. */
function tamperable(): FoodSafetyRig {
  const r = new FoodSafetyRig();
  rig = r;
  r.run(60, (minute) => ({ 'wic-1': { temp_c: minute >= 10 ? 8 : 3 } }));
  r.service.stop();
  for (const table of ['intervals', 'excursions', 'actions', 'limits'])
    r.db.exec(`DROP TRIGGER food_safety_${table}_no_update; DROP TRIGGER food_safety_${table}_no_delete;`);
  return r;
}

const seqOf = (r: FoodSafetyRig, sql: string) => (r.db.prepare(sql).get() as { seq: number }).seq;

describe('the food-safety record chain', () => {
  it('is intact as written, every record in it', () => {
    const r = tamperable();
    const result = verifyChain(r.db);
    const total = ['intervals', 'excursions', 'actions', 'limits']
      .map((t) => (r.db.prepare(`SELECT count(*) AS n FROM food_safety_${t}`).get() as { n: number }).n)
      .reduce((a, b) => a + b, 0);
    expect(result).toMatchObject({ ok: true, records: total });
  });

  it('names a corrective action whose words were changed', () => {
    const r = tamperable();
    const seq = seqOf(r, 'SELECT seq FROM food_safety_actions ORDER BY seq LIMIT 1');
    r.db.prepare("UPDATE food_safety_actions SET by = 'mgr-li' WHERE seq = ?").run(seq);
    expect(verifyChain(r.db)).toMatchObject({ ok: false, seq, table: 'food_safety_actions' });
  });

  it('names a record deleted from the middle as missing', () => {
    const r = tamperable();
    const seq = seqOf(
      r,
      "SELECT seq FROM food_safety_intervals WHERE limit_seq = (SELECT seq FROM food_safety_limits WHERE control_point = 'hold-1-hot') LIMIT 1 OFFSET 20",
    );
    r.db.prepare('DELETE FROM food_safety_intervals WHERE seq = ?').run(seq);
    const result = verifyChain(r.db);
    expect(result).toMatchObject({ ok: false, seq, table: null });
    expect(!result.ok && result.reason).toMatch(/^missing/);
  });

  it('notices the newest records cut off, though every remaining hash is right', () => {
    const r = tamperable();
    const last = seqOf(r, 'SELECT seq FROM food_safety_chain_head');
    r.db.prepare('DELETE FROM food_safety_intervals WHERE seq > ?').run(last - 3);
    r.db.prepare('DELETE FROM food_safety_actions WHERE seq > ?').run(last - 3);
    r.db.prepare('DELETE FROM food_safety_excursions WHERE seq > ?').run(last - 3);
    const result = verifyChain(r.db);
    expect(result).toMatchObject({ ok: false, seq: last - 2 });
  });

  it('notices a record whose stored hash was recomputed without the ones after it', () => {
    const r = tamperable();
    const seq = seqOf(
      r,
      "SELECT seq FROM food_safety_intervals WHERE limit_seq = (SELECT seq FROM food_safety_limits WHERE control_point = 'wic-1-cold') LIMIT 1 OFFSET 30",
    );
    r.db.prepare('UPDATE food_safety_intervals SET hash = randomblob(32) WHERE seq = ?').run(seq);
    expect(verifyChain(r.db)).toMatchObject({ ok: false, seq, table: 'food_safety_intervals' });
  });
});
