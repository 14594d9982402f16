import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FoodSafetyRig } from '../edge/domains/food-safety/testing/food-safety-kit';
import { openDatabase } from '../edge/store/database';

const GALLEY = join(import.meta.dirname, '..', 'bin', 'galley.js');

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
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

/** Two store hours of records with one excursion and its corrective action, left on disk. */
function recordedStore(): { dir: string; rig: FoodSafetyRig } {
  const rig = new FoodSafetyRig();
  rig.run(120, (minute) => ({ 'wic-1': { temp_c: minute >= 30 && minute < 75 ? 7 : 3 } }));
  rig.service.stop();
  rig.db.close();
  cleanups.push(() => rmSync(rig.dir, { recursive: true, force: true }));
  return { dir: rig.dir, rig };
}

describe('galley food-safety verify', () => {
  it('exits 0 on an intact chain, and non-zero naming the one record altered in SQLite', async () => {
    const { dir, rig } = recordedStore();
    const intact = await galley(['food-safety', 'verify', '--data', dir]);
    expect(intact.err).toBe('');
    expect(intact.code).toBe(0);
    // 8 limits; 8 control points × 119 closed minutes (the 120th closes 2 s after the run
    // stops); the excursion opened and closed; its action opened and escalated when due.
    expect(intact.out).toMatch(/food-safety records intact: 964 records; chain head 964 [0-9a-f]{64}/);

    const db = openDatabase(dir);
    const minute70 = rig.at(70);
    const { seq } = db
      .prepare(
        `SELECT seq FROM food_safety_intervals WHERE start_min = ? AND limit_seq =
           (SELECT seq FROM food_safety_limits WHERE control_point = 'wic-1-cold')`,
      )
      .get(minute70 / 60_000) as { seq: number };
    // The box refuses to change a record; whoever tampers has to take that guard off first.
    expect(() =>
      db.prepare('UPDATE food_safety_intervals SET worst_cc = 300 WHERE seq = ?').run(seq),
    ).toThrow(/append-only/);
    db.exec('DROP TRIGGER food_safety_intervals_no_update');
    db.prepare('UPDATE food_safety_intervals SET worst_cc = 300, status = 0 WHERE seq = ?').run(seq);
    db.close();

    const altered = await galley(['food-safety', 'verify', '--data', dir]);
    expect(altered.code).toBe(1);
    expect(altered.err).toContain(
      `first altered record: record ${seq} in food_safety_intervals (control point wic-1-cold, interval from ${new Date(minute70).toISOString()})`,
    );
    expect(altered.err).toContain(`${seq - 1} records before it verified intact`);
  });

  it('refuses to guess without a data folder', async () => {
    const missing = await galley([
      'food-safety',
      'verify',
      '--data',
      join(import.meta.dirname, 'no-such-dir'),
    ]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('no store database');
  });
});
