import type { Migration } from './index';

/**
 * Refused actions: a permission missing, or a duty that must stay with someone else
 * (segregation of duties). One row per refusal, never updated; `roles` is the JSON list
 * the caller held, `action` the permission or the rule, `subject` the route or document.
 * The store keeps the newest rows only (access-audit-store.ts), so a flood of refusals
 * cannot fill the disk.
 */
export const m024AccessAudit: Migration = {
  version: 24,
  name: 'access-audit',
  sql: `
    CREATE TABLE access_audit (
      id INTEGER PRIMARY KEY,
      at INTEGER NOT NULL,
      user_id TEXT NOT NULL,
      roles TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT NOT NULL,
      reason TEXT NOT NULL
    );
    CREATE INDEX access_audit_user ON access_audit (user_id, id);
  `,
};
