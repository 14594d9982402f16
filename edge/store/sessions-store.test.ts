import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { type Database, openDatabase } from './database';
import { SESSION_TTL_MS, SessionsStore } from './sessions-store';

describe('SessionsStore', () => {
  let dir: string;
  let db: Database;
  let clock: FakeClock;
  let sessions: SessionsStore;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'galley-'));
    db = openDatabase(dir);
    clock = new FakeClock();
    sessions = new SessionsStore(db, clock);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every role a session holds; one opened before roles were stored holds its one role', () => {
    const lead = sessions.create('lead', 'manager', { roles: ['staff', 'manager'] });
    expect(sessions.verify(lead.token)).toMatchObject({ role: 'manager', roles: ['staff', 'manager'] });
    const plain = sessions.create('tech', 'technician');
    expect(sessions.verify(plain.token)?.roles).toEqual(['technician']);
    db.prepare("UPDATE sessions SET roles = NULL WHERE user_id = 'lead'").run();
    expect(sessions.verify(lead.token)?.roles).toEqual(['manager']);
  });

  it('issues a 32-byte random token and stores only its sha256', () => {
    const issued = sessions.create('admin', 'admin');
    expect(Buffer.from(issued.token, 'base64url')).toHaveLength(32);
    const rows = db.prepare('SELECT token_hash, user_id, role FROM sessions').all();
    expect(rows).toEqual([
      {
        token_hash: createHash('sha256').update(issued.token).digest('hex'),
        user_id: 'admin',
        role: 'admin',
      },
    ]);
    expect(sessions.verify(issued.token)).toMatchObject({ userId: 'admin', role: 'admin' });
    expect(sessions.verify(`${issued.token}x`)).toBeUndefined();
    expect(sessions.create('admin', 'admin').token).not.toBe(issued.token);
  });

  it('survives a restart: a new store on the same file knows the session', () => {
    const issued = sessions.create('mgr', 'manager');
    db.close();
    db = openDatabase(dir);
    expect(new SessionsStore(db, clock).verify(issued.token)).toMatchObject({
      userId: 'mgr',
      role: 'manager',
    });
  });

  it('expires people after 12 h and the display after 30 days, deleting the row', () => {
    const person = sessions.create('staff-1', 'staff');
    const board = sessions.create('display', 'display');
    clock.advance(SESSION_TTL_MS.staff);
    expect(sessions.verify(person.token)).toBeUndefined();
    expect(sessions.verify(board.token)).toBeDefined();
    expect(db.prepare('SELECT user_id FROM sessions').all()).toEqual([{ user_id: 'display' }]);
    clock.advance(SESSION_TTL_MS.display - SESSION_TTL_MS.staff);
    expect(sessions.verify(board.token)).toBeUndefined();
  });

  it('purges expired sessions nobody presents again when new ones are created', () => {
    sessions.create('staff-1', 'staff');
    sessions.create('staff-2', 'staff');
    clock.advance(SESSION_TTL_MS.staff);
    sessions.create('staff-3', 'staff');
    expect(db.prepare('SELECT user_id FROM sessions').all()).toEqual([{ user_id: 'staff-3' }]);
  });

  it('keeps only the newest sessions of a user when asked to', () => {
    const tokens = [1, 2, 3, 4].map(() => {
      clock.advance(1);
      return sessions.create('display', 'display', { keepNewest: 2 }).token;
    });
    sessions.create('admin', 'admin');
    expect(tokens.map((t) => sessions.verify(t) !== undefined)).toEqual([false, false, true, true]);
    expect(db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 3 });
  });

  it('revokes one session only', () => {
    const a = sessions.create('tech', 'technician');
    const b = sessions.create('tech', 'technician');
    expect(sessions.revoke(a.token)).toBe(true);
    expect(sessions.revoke(a.token)).toBe(false);
    expect(sessions.verify(a.token)).toBeUndefined();
    expect(sessions.verify(b.token)).toBeDefined();
  });
});
