import type { Migration } from './index';

/**
 * Approval routing of purchase requests (edge/domains/purchasing/approval-gate.ts): the
 * steps each request must pass, in order, and managers' delegations of their level.
 * A step is decided once (pending → approved | rejected); `by` is the person who decided,
 * `delegated_from` whose level they decided in. Levels above the store are decided at
 * central and arrive as store commands; `command_id` makes applying one idempotent.
 */
export const m031PurchaseApprovals: Migration = {
  version: 31,
  name: 'purchase-approvals',
  sql: `
    CREATE TABLE purchase_approval_steps (
      request_kind TEXT NOT NULL CHECK (request_kind IN ('ingredient', 'part')),
      request_id INTEGER NOT NULL,
      step INTEGER NOT NULL CHECK (step >= 1),
      level TEXT NOT NULL CHECK (level IN ('manager', 'regional_purchaser', 'regional_manager', 'finance')),
      status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
      why_json TEXT NOT NULL,
      item TEXT NOT NULL,
      qty TEXT NOT NULL,
      amount TEXT,
      currency TEXT NOT NULL,
      requested_by TEXT NOT NULL,
      requested_at INTEGER NOT NULL,
      by TEXT,
      at INTEGER,
      reason TEXT,
      delegated_from TEXT,
      command_id INTEGER,
      PRIMARY KEY (request_kind, request_id, step)
    );
    CREATE INDEX purchase_approval_steps_pending ON purchase_approval_steps (status, level);

    CREATE TABLE purchase_approval_delegations (
      id INTEGER PRIMARY KEY,
      level TEXT NOT NULL,
      from_user TEXT NOT NULL,
      to_user TEXT NOT NULL,
      until INTEGER NOT NULL,
      note TEXT,
      created_at INTEGER NOT NULL
    );
    CREATE INDEX purchase_approval_delegations_to ON purchase_approval_delegations (to_user, level, until);
  `,
};
