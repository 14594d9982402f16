import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { AccessAuditStore } from './access-audit-store';
import { type Database, openDatabase } from './database';

describe('the audit of refused actions', () => {
  let dir: string;
  let db: Database;
  afterEach(() => {
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const refusal = (n: number) => ({
    userId: `user-${n}`,
    roles: ['staff'],
    action: 'stock.count',
    subject: 'POST /api/stock/counts',
    reason: `refusal ${n}`,
  });

  it('keeps the newest refusals only, newest first, each with who, when, what and why', () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-audit-'));
    db = openDatabase(dir);
    const clock = new FakeClock(1_000);
    const audit = new AccessAuditStore(db, clock, { keepRows: 3 });
    for (let n = 1; n <= 5; n++) {
      clock.advance(1_000);
      audit.refused(refusal(n));
    }
    expect(audit.list({ limit: 10 })).toEqual([
      { id: 5, at: 6_000, ...refusal(5) },
      { id: 4, at: 5_000, ...refusal(4) },
      { id: 3, at: 4_000, ...refusal(3) },
    ]);
    expect(audit.list({ userId: 'user-4', limit: 10 }).map((e) => e.reason)).toEqual(['refusal 4']);
  });

  it('never turns a refusal into a failure: a write that fails is counted and reported', () => {
    dir = mkdtempSync(join(tmpdir(), 'galley-audit-'));
    db = openDatabase(dir);
    const reported: string[] = [];
    const audit = new AccessAuditStore(db, new FakeClock(0), {
      onWriteError: (_err, r) => reported.push(r.userId),
    });
    db.exec('DROP TABLE access_audit');
    expect(() => audit.refused(refusal(1))).not.toThrow();
    expect(audit.writeFailures).toBe(1);
    expect(reported).toEqual(['user-1']);
  });
});
