import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ChainPruning } from '../edge/domains/food-safety/chain-pruning';
import { CHAIN_TABLES, verifyChain } from '../edge/domains/food-safety/record-chain';
import { demoStoreConfig, FoodSafetyRig } from '../edge/domains/food-safety/testing/food-safety-kit';
import { ChainCheckpointEvent } from '../shared/api/food-safety-checkpoint';
import { StoreConfig } from '../shared/config/store-config';
import { silentLogger } from '../shared/server/runtime/logger';
import { MetricsRegistry } from '../shared/server/runtime/metrics';

const DAY_MS = 86_400_000;
const GALLEY = join(import.meta.dirname, '..', 'bin', 'galley.js');

/** `galley food-safety verify` as a person runs it, on the store's database while the box has it open. */
function verifyCommand(dir: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [GALLEY, 'food-safety', 'verify', '--data', dir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}
const MANAGER = { id: 'mgr-li', roles: ['manager'] };

let rig: FoodSafetyRig | undefined;
afterEach(() => {
  rig?.close();
  rig = undefined;
});

/** The demo config with every control point's alert delay changed: each limit record is written anew. */
function withAlertDelay(minutes: number): StoreConfig {
  const base = demoStoreConfig();
  return StoreConfig.parse({
    ...base,
    foodSafety: {
      ...base.foodSafety,
      controlPoints: base.foodSafety.controlPoints.map((cp) => ({ ...cp, alertDelayMin: minutes })),
    },
  });
}

interface History {
  r: FoodSafetyRig;
  /** the chain head when the first config stopped being in force: the prefix nothing kept names */
  firstConfigEnd: number;
  /** the excursion still open two years later */
  openExcursion: number;
}

/**
 * Two years and a day of a store's records. Day one, 00:00–01:00: an excursion on the
 * walk-in, closed, its action signed off. 01:00: the alert delays change (new limit records,
 * in force ever since). 01:10 on: the walk-in is warm again, an excursion opens and stays
 * open. 02:05 the box goes off; it comes back 731 days later (a no-data record per
 * control point per store day) and runs ten more minutes, the walk-in still warm.
 */
function twoYearsAndADay(): History {
  const r = new FoodSafetyRig();
  rig = r;
  r.run(50, (m) => ({ 'wic-1': { temp_c: m >= 10 && m < 48 ? 8 : 3 } }));
  const [first] = r.service.correctiveActions({ state: 'open', limit: 10 });
  if (!first) throw new Error('no corrective action opened on day one');
  r.service.signOff(
    first.id,
    {
      whatDone: 'Moved stock to the reach-in',
      disposition: 'moved',
      quantity: { amount: 4, unit: 'kg' },
      movedTo: 'ric-1',
    },
    MANAGER,
  );
  r.run(60, () => ({ 'wic-1': { temp_c: 3 } }));
  // The minute 00:59 closes at 01:00:02; only then does the new config come in.
  r.clock.advance(3_000);
  r.service.tick();
  const firstConfigEnd = r.service.chainHead().seq;
  r.service.reload(withAlertDelay(31));
  r.run(125, (m) => ({ 'wic-1': { temp_c: m >= 70 ? 8 : 3 } }));
  const open = r.service.controlPoints().find((cp) => cp.id === 'wic-1-cold')?.openExcursion;
  if (!open) throw new Error('no excursion open before the box went off');
  r.service.stop();
  r.clock.advanceTo(r.at(0) + 731 * DAY_MS + 60 * 60_000);
  r.restart();
  r.service.reload(withAlertDelay(31));
  const back = Math.round((r.clock.now() - r.dayStart) / 60_000);
  r.run(back + 10, () => ({ 'wic-1': { temp_c: 8 } }));
  r.clock.advance(3_000);
  r.service.tick();
  return { r, firstConfigEnd, openExcursion: open.id };
}

const count = (r: FoodSafetyRig, where: string, ...params: number[]) =>
  CHAIN_TABLES.map(
    (t) => (r.db.prepare(`SELECT count(*) AS n FROM ${t} WHERE ${where}`).get(...params) as { n: number }).n,
  ).reduce((a, b) => a + b, 0);

function pruning(r: FoodSafetyRig, metrics = new MetricsRegistry(), chunkRecords = 200) {
  const config = withAlertDelay(31);
  return new ChainPruning({
    db: r.db,
    clock: r.clock,
    logger: silentLogger(),
    storeId: config.store.id,
    retentionDays: () => config.foodSafety.retentionDays,
    metrics,
    chunkRecords,
  });
}

describe('food-safety retention: pruning after two years keeps the chain verifiable', () => {
  it('prunes exactly the old prefix nothing kept names, under checkpoints verify starts from', async () => {
    const { r, firstConfigEnd, openExcursion } = twoYearsAndADay();
    const head = r.service.chainHead().seq;
    const oldest = r.db.prepare('SELECT min(start_min) AS m FROM food_safety_intervals').get() as {
      m: number;
    };
    expect(r.clock.now() - oldest.m * 60_000).toBeGreaterThan(731 * DAY_MS);
    expect(verifyChain(r.db)).toMatchObject({ ok: true, fromSeq: 0, records: head });
    const metrics = new MetricsRegistry();

    const summary = await pruning(r, metrics).runOnce();

    // The second config's limits judge kept records (the open excursion among them), so the
    // prefix stops right before them.
    expect(summary).toMatchObject({ pruned: firstConfigEnd, checkpointSeq: firstConfigEnd, broken: null });
    expect(summary.heldBy).toContain(`(record ${firstConfigEnd + 1})`);
    expect(count(r, 'seq <= ?', firstConfigEnd)).toBe(0);
    expect(count(r, 'seq > ?', firstConfigEnd)).toBe(head - firstConfigEnd);
    const checkpoints = r.db
      .prepare('SELECT seq, hash, pruned FROM food_safety_checkpoints ORDER BY seq')
      .all() as {
      seq: number;
      hash: Buffer;
      pruned: number;
    }[];
    expect(checkpoints).toHaveLength(Math.ceil(firstConfigEnd / 200));
    expect(checkpoints.at(-1)?.seq).toBe(firstConfigEnd);
    expect(checkpoints.reduce((sum, c) => sum + c.pruned, 0)).toBe(firstConfigEnd);
    expect(checkpoints.every((c) => c.hash.length === 32)).toBe(true);
    expect(verifyChain(r.db)).toMatchObject({
      ok: true,
      fromSeq: firstConfigEnd,
      records: head - firstConfigEnd,
      head: { seq: head },
    });

    // Central hears of every step, with the full hash the kept records chain from.
    const events = (
      r.db.prepare("SELECT payload FROM outbox WHERE type = 'food_safety.checkpoint' ORDER BY seq").all() as {
        payload: string;
      }[]
    ).map((row) => ChainCheckpointEvent.parse(JSON.parse(row.payload)));
    expect(events.map((e) => e.seq)).toEqual(checkpoints.map((c) => c.seq));
    expect(events.map((e) => e.hash)).toEqual(checkpoints.map((c) => c.hash.toString('hex')));
    expect(events.every((e) => e.cutoff === r.clock.now() - 730 * DAY_MS)).toBe(true);
    expect(metrics.render()).toContain(`galley_food_safety_pruned_records_total ${firstConfigEnd}`);

    // What is still live survived: the open excursion, its action and the limits in force.
    expect(r.service.controlPoints().find((cp) => cp.id === 'wic-1-cold')?.openExcursion?.id).toBe(
      openExcursion,
    );
    expect(r.service.correctiveActions({ state: 'open', limit: 10 }).map((a) => a.excursionId)).toContain(
      openExcursion,
    );
    expect(count(r, 'seq > ? AND seq <= ?', firstConfigEnd, firstConfigEnd + 8)).toBe(8);

    // The records go on; a second run finds nothing more it may prune.
    const back = Math.round((r.clock.now() - r.dayStart) / 60_000);
    r.run(back + 5, () => ({ 'wic-1': { temp_c: 8 } }));
    expect(await pruning(r).runOnce()).toMatchObject({ pruned: 0, checkpointSeq: firstConfigEnd });
    const verified = verifyChain(r.db);
    expect(verified).toMatchObject({ ok: true, fromSeq: firstConfigEnd });
    const command = await verifyCommand(r.dir);
    expect(command.code).toBe(0);
    expect(command.out).toContain(
      `food-safety records intact: ${verified.records} records; chain head ${r.service.chainHead().seq} `,
    );
    expect(command.out).toContain(`verified from the checkpoint at record ${firstConfigEnd}`);
  });

  it('a run stopped half-way leaves a verifiable chain, and the next run finishes the prefix', async () => {
    const { r, firstConfigEnd } = twoYearsAndADay();
    const checkpoints = () =>
      (r.db.prepare('SELECT count(*) AS n FROM food_safety_checkpoints').get() as { n: number }).n;
    const job = pruning(r, new MetricsRegistry(), 200);
    const run = job.runOnce();
    while (checkpoints() === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    await job.stop();
    expect(await run).toMatchObject({ pruned: 200, checkpointSeq: 200 });
    // What is left of the prefix still names the limits already pruned; verify does not mind.
    expect(verifyChain(r.db)).toMatchObject({ ok: true, fromSeq: 200 });

    expect(await pruning(r).runOnce()).toMatchObject({
      pruned: firstConfigEnd - 200,
      checkpointSeq: firstConfigEnd,
    });
    expect(verifyChain(r.db)).toMatchObject({ ok: true, fromSeq: firstConfigEnd });
  });

  it('with the limits stated again, a store whose config never changes is pruned past its first limits', async () => {
    const r = new FoodSafetyRig();
    rig = r;
    const job = () =>
      new ChainPruning({
        db: r.db,
        clock: r.clock,
        logger: silentLogger(),
        storeId: r.config.store.id,
        retentionDays: () => r.config.foodSafety.retentionDays,
        controlPointsInForce: () => r.service.controlPoints().map((cp) => cp.id),
        takeUpRestatedLimits: () => r.service.reload(r.config),
      });
    const offFor = (days: number, thenMinutes: number) => {
      r.service.stop();
      r.clock.advance(days * DAY_MS);
      r.restart();
      const back = Math.round((r.clock.now() - r.dayStart) / 60_000);
      r.run(back + thenMinutes, () => ({ 'wic-1': { temp_c: 3 } }));
    };
    r.run(60, () => ({ 'wic-1': { temp_c: 3 } }));
    offFor(40, 1);
    // Forty days on, the limit records in force are stated again; nothing is old enough to go.
    const restatedFrom = r.service.chainHead().seq + 1;
    expect(await job().runOnce()).toMatchObject({ pruned: 0 });
    const restated = r.db
      .prepare('SELECT seq FROM food_safety_limits WHERE seq >= ? ORDER BY seq')
      .all(restatedFrom) as { seq: number }[];
    expect(restated.map((l) => l.seq)).toEqual(Array.from({ length: 8 }, (_, i) => restatedFrom + i));
    offFor(0, 10);
    // New minutes are judged by the restated records.
    const judgedBy = r.db
      .prepare('SELECT DISTINCT limit_seq FROM food_safety_intervals WHERE seq > ?')
      .all(restatedFrom + 8 * 3) as { limit_seq: number }[];
    expect(judgedBy.every((l) => l.limit_seq >= restatedFrom)).toBe(true);

    // Two years on, everything before the first restatement goes, day one's limits with it.
    offFor(731, 10);
    const summary = await job().runOnce();
    expect(summary).toMatchObject({
      pruned: restatedFrom - 1,
      checkpointSeq: restatedFrom - 1,
      broken: null,
    });
    expect(verifyChain(r.db)).toMatchObject({ ok: true, fromSeq: restatedFrom - 1 });
    const dangling = r.db
      .prepare(
        `SELECT count(*) AS n FROM food_safety_intervals i
         WHERE NOT EXISTS (SELECT 1 FROM food_safety_limits l WHERE l.seq = i.limit_seq)`,
      )
      .get() as { n: number };
    expect(dangling.n).toBe(0);
  });

  it('prunes nothing when a record before the cutoff was altered, and counts it', async () => {
    const { r, firstConfigEnd } = twoYearsAndADay();
    const head = r.service.chainHead().seq;
    const { seq } = r.db
      .prepare(
        `SELECT seq FROM food_safety_intervals WHERE limit_seq =
           (SELECT seq FROM food_safety_limits WHERE control_point = 'wic-1-cold' ORDER BY seq LIMIT 1)
         ORDER BY start_min LIMIT 1 OFFSET 20`,
      )
      .get() as { seq: number };
    expect(seq).toBeLessThan(firstConfigEnd);
    r.db.exec('DROP TRIGGER food_safety_intervals_no_update');
    r.db.prepare('UPDATE food_safety_intervals SET worst_cc = 300, status = 0 WHERE seq = ?').run(seq);
    const metrics = new MetricsRegistry();

    const summary = await pruning(r, metrics).runOnce();

    expect(summary).toMatchObject({
      pruned: 0,
      checkpointSeq: 0,
      broken: { seq, table: 'food_safety_intervals' },
    });
    expect(metrics.render()).toContain('galley_food_safety_prune_refused_total 1');
    expect(count(r, '1 = 1')).toBe(head);
    expect(r.db.prepare('SELECT count(*) AS n FROM food_safety_checkpoints').get()).toEqual({ n: 0 });
    expect(verifyChain(r.db)).toMatchObject({ ok: false, seq, fromSeq: 0 });
  });

  it('after pruning, still names an altered or deleted record, and a checkpoint that does not lead on', async () => {
    const { r, firstConfigEnd, openExcursion } = twoYearsAndADay();
    await pruning(r, new MetricsRegistry(), 100_000).runOnce();
    expect(verifyChain(r.db)).toMatchObject({ ok: true, fromSeq: firstConfigEnd });
    r.db.exec(
      'DROP TRIGGER food_safety_excursions_no_update; DROP TRIGGER food_safety_checkpoints_no_update',
    );

    r.db.prepare('UPDATE food_safety_excursions SET worst_cc = 600 WHERE seq = ?').run(openExcursion);
    expect(verifyChain(r.db)).toMatchObject({
      ok: false,
      fromSeq: firstConfigEnd,
      seq: openExcursion,
      table: 'food_safety_excursions',
    });
    r.db.prepare('UPDATE food_safety_excursions SET worst_cc = 800 WHERE seq = ?').run(openExcursion);
    expect(verifyChain(r.db)).toMatchObject({ ok: true });

    const { hash } = r.db
      .prepare('SELECT hash FROM food_safety_checkpoints WHERE seq = ?')
      .get(firstConfigEnd) as {
      hash: Buffer;
    };
    r.db
      .prepare('UPDATE food_safety_checkpoints SET hash = randomblob(32) WHERE seq = ?')
      .run(firstConfigEnd);
    const forged = verifyChain(r.db);
    expect(forged).toMatchObject({ ok: false, seq: firstConfigEnd, table: null });
    expect(!forged.ok && forged.record).toMatch(/^the checkpoint at record /);
    r.db.prepare('UPDATE food_safety_checkpoints SET hash = ? WHERE seq = ?').run(hash, firstConfigEnd);
    expect(verifyChain(r.db)).toMatchObject({ ok: true });

    r.db.exec('DROP TRIGGER food_safety_limits_no_delete');
    r.db.prepare('DELETE FROM food_safety_limits WHERE seq = ?').run(firstConfigEnd + 1);
    const deleted = verifyChain(r.db);
    expect(deleted).toMatchObject({ ok: false, seq: firstConfigEnd + 1, table: null });
    expect(!deleted.ok && deleted.reason).toMatch(/^missing/);
  });
});
