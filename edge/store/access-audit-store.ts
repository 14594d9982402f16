import { z } from 'zod';
import type { AccessAuditEntry, AccessAuditQuery } from '../../shared/permissions-audit';
import type { Clock } from '../../shared/server/runtime/clock';
import type { AccessRefusal, RefusalAudit } from '../api/refusal-audit';
import type { Database } from './database';

/** Enough for months of honest refusals; a flood of forged requests only pushes out old rows. */
export const ACCESS_AUDIT_KEEP_ROWS = 100_000;

interface AuditRow {
  id: number;
  at: number;
  user_id: string;
  roles: string;
  action: string;
  subject: string;
  reason: string;
}

const Roles = z.array(z.string());

/** The audit of refused actions (migration 024), written as they are refused. */
export class AccessAuditStore implements RefusalAudit {
  readonly #clock: Pick<Clock, 'now'>;
  readonly #insert;
  readonly #prune;
  readonly #list;
  readonly #listOfUser;

  readonly #onWriteError: (err: unknown, refusal: AccessRefusal) => void;
  /** Refusals that could not be written (the database failing); the refusal itself still stands. */
  writeFailures = 0;

  constructor(
    db: Database,
    clock: Pick<Clock, 'now'>,
    options: { keepRows?: number; onWriteError?: (err: unknown, refusal: AccessRefusal) => void } = {},
  ) {
    this.#clock = clock;
    this.#onWriteError = options.onWriteError ?? (() => undefined);
    this.#insert = db.prepare<[number, string, string, string, string, string]>(
      'INSERT INTO access_audit (at, user_id, roles, action, subject, reason) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.#prune = db.prepare<[number]>('DELETE FROM access_audit WHERE id <= ?');
    this.#list = db.prepare<[number], AuditRow>('SELECT * FROM access_audit ORDER BY id DESC LIMIT ?');
    this.#listOfUser = db.prepare<[string, number], AuditRow>(
      'SELECT * FROM access_audit WHERE user_id = ? ORDER BY id DESC LIMIT ?',
    );
    this.keepRows = options.keepRows ?? ACCESS_AUDIT_KEEP_ROWS;
  }

  readonly keepRows: number;

  /** Never throws: a refusal that cannot be written down is still a refusal, counted and reported. */
  refused(refusal: AccessRefusal): void {
    try {
      const { lastInsertRowid } = this.#insert.run(
        this.#clock.now(),
        refusal.userId,
        JSON.stringify(refusal.roles),
        refusal.action,
        refusal.subject,
        refusal.reason,
      );
      const id = Number(lastInsertRowid);
      if (id > this.keepRows) this.#prune.run(id - this.keepRows);
    } catch (err) {
      this.writeFailures += 1;
      this.#onWriteError(err, refusal);
    }
  }

  list(query: AccessAuditQuery): AccessAuditEntry[] {
    const rows =
      query.userId === undefined
        ? this.#list.all(query.limit)
        : this.#listOfUser.all(query.userId, query.limit);
    return rows.map((row) => {
      const roles = Roles.safeParse(JSON.parse(row.roles));
      return {
        id: row.id,
        at: row.at,
        userId: row.user_id,
        roles: roles.success ? roles.data : [],
        action: row.action,
        subject: row.subject,
        reason: row.reason,
      };
    });
  }
}
