import { sql } from 'kysely';
import type { CentralDb, CentralDialect } from '../db/central-db';

/** A delivery this process may send now: no other process sends it until `leaseUntil`. */
export interface ClaimedDelivery {
  id: number;
  webhookId: number;
  eventId: number;
  alarmId: number;
  attempts: number;
  nextAttemptAt: number;
  url: string;
  body: string;
  leaseUntil: number;
}

/**
 * The same for every attempt, from any process: a receiver that saw the key already has
 * the message (a process killed after posting but before recording it sends it again).
 */
export function idempotencyKeyOf(delivery: { webhookId: number; eventId: number }): string {
  return `galley-webhook-${delivery.webhookId}-${delivery.eventId}`;
}

/**
 * Claims up to `limit` due deliveries for `owner` until `now + leaseMs`. On PostgreSQL the
 * rows are picked `FOR UPDATE SKIP LOCKED`, so processes claiming at the same moment take
 * different rows instead of waiting on each other; a row whose lease ran out (its process
 * died or hung mid-send) is due again for anyone. SQLite has a single writer: the update
 * alone is atomic.
 */
export async function claimDueDeliveries(
  db: CentralDb,
  dialect: CentralDialect,
  claim: { owner: string; now: number; leaseMs: number; limit: number },
): Promise<ClaimedDelivery[]> {
  const { owner, now, limit } = claim;
  const leaseUntil = now + claim.leaseMs;
  const skipLocked = dialect === 'postgres' ? sql` for update skip locked` : sql``;
  const { rows: claimed } = await sql<{ id: number | string }>`
    update webhook_deliveries set claimed_by = ${owner}, lease_until = ${leaseUntil}
    where id in (
      select id from webhook_deliveries
      where status = 'pending' and next_attempt_at <= ${now}
        and (lease_until is null or lease_until <= ${now})
      order by next_attempt_at, id
      limit ${limit}${skipLocked})
    returning id`.execute(db);
  if (claimed.length === 0) return [];
  const ids = claimed.map((row) => Number(row.id));
  const { rows } = await sql<{
    id: number | string;
    webhook_id: number | string;
    event_id: number | string;
    alarm_id: number | string;
    attempts: number | string;
    next_attempt_at: number | string;
    url: string;
    body: string;
  }>`
    select d.id, d.webhook_id, d.event_id, d.alarm_id, d.attempts, d.next_attempt_at, w.url, d.body
    from webhook_deliveries d join webhooks w on w.id = d.webhook_id
    where d.id in (${sql.join(ids)}) and d.claimed_by = ${owner}
    order by d.next_attempt_at, d.id`.execute(db);
  return rows.map((row) => ({
    id: Number(row.id),
    webhookId: Number(row.webhook_id),
    eventId: Number(row.event_id),
    alarmId: Number(row.alarm_id),
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    url: row.url,
    body: row.body,
    leaseUntil,
  }));
}
