import {
  type CreateWebhookRequest,
  type Webhook,
  type WebhookDelivery,
  WebhookFlavour,
} from '../../../shared/central/api';
import type { Clock } from '../../../shared/server/runtime/clock';
import { CentralError } from '../central-error';
import type { CentralDb, CentralDialect } from '../db/central-db';
import type { CentralTables } from '../db/schema';
import { type ClaimedDelivery, claimDueDeliveries } from './webhook-claims';

type DeliveryRow = Omit<
  CentralTables['webhook_deliveries'],
  'id' | 'attempts' | 'claimed_by' | 'lease_until'
> & {
  id: number;
  attempts: number;
};

/** Webhooks per region (admin configuration) and the durable delivery rows queued for them. */
export class WebhookStore {
  constructor(private readonly deps: { db: CentralDb; clock: Clock; dialect?: CentralDialect }) {}

  async create(request: CreateWebhookRequest): Promise<Webhook> {
    const region = await this.deps.db
      .selectFrom('regions')
      .select('id')
      .where('id', '=', request.regionId)
      .executeTakeFirst();
    if (!region) throw new CentralError('NOT_FOUND', `no region "${request.regionId}"`);
    const createdAt = this.deps.clock.now();
    const row = await this.deps.db
      .insertInto('webhooks')
      .values({
        region_id: request.regionId,
        flavour: request.flavour,
        url: request.url,
        created_at: createdAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id, ...request, createdAt };
  }

  async list(): Promise<Webhook[]> {
    const rows = await this.deps.db.selectFrom('webhooks').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      regionId: r.region_id,
      flavour: WebhookFlavour.parse(r.flavour),
      url: r.url,
      createdAt: r.created_at,
    }));
  }

  async remove(id: number): Promise<void> {
    const result = await this.deps.db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new CentralError('NOT_FOUND', `no webhook ${id}`);
  }

  async deliveries(status: WebhookDelivery['status'] | undefined, limit: number): Promise<WebhookDelivery[]> {
    let query = this.deps.db.selectFrom('webhook_deliveries').selectAll().orderBy('id', 'desc').limit(limit);
    if (status) query = query.where('status', '=', status);
    return (await query.execute()).map(deliveryOf);
  }

  /** Claims due deliveries for `owner` (one sending process) until `now + leaseMs`; see webhook-claims.ts. */
  claimDue(claim: {
    owner: string;
    now: number;
    leaseMs: number;
    limit: number;
  }): Promise<ClaimedDelivery[]> {
    return claimDueDeliveries(this.deps.db, this.deps.dialect ?? 'sqlite', claim);
  }

  /** Gives back claims `owner` will not send now (stopping, or too little lease left). */
  async releaseClaims(ids: number[], owner: string): Promise<void> {
    if (ids.length === 0) return;
    await this.deps.db
      .updateTable('webhook_deliveries')
      .set({ claimed_by: null, lease_until: null })
      .where('id', 'in', ids)
      .where('claimed_by', '=', owner)
      .execute();
  }

  /** When the earliest pending delivery is due, or null when nothing waits. */
  async nextDueAt(): Promise<number | null> {
    const row = await this.deps.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.min('next_attempt_at').as('next'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return row?.next ?? null;
  }

  /**
   * Records the delivery as sent. Only while `owner` still holds the claim: false when its
   * lease ran out and another process took the row over (it may have sent it as well; the
   * idempotency key lets the receiver tell).
   */
  async markDelivered(id: number, at: number, owner: string): Promise<boolean> {
    const result = await this.deps.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: 'delivered',
        attempts: eb('attempts', '+', 1),
        delivered_at: at,
        next_attempt_at: null,
        last_error: null,
        claimed_by: null,
        lease_until: null,
      }))
      .where('id', '=', id)
      .where('claimed_by', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Records a failed attempt: retried at `retryAt`, or given up for good when it is null. */
  async markFailed(id: number, error: string, retryAt: number | null, owner: string): Promise<boolean> {
    const result = await this.deps.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: retryAt === null ? 'failed' : 'pending',
        attempts: eb('attempts', '+', 1),
        next_attempt_at: retryAt,
        last_error: error.slice(0, 500),
        claimed_by: null,
        lease_until: null,
      }))
      .where('id', '=', id)
      .where('claimed_by', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}

function deliveryOf(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    storeId: row.store_id,
    reason: row.reason === 'escalation' ? 'escalation' : 'critical_alarm',
    alarmId: row.alarm_id,
    status: row.status === 'delivered' ? 'delivered' : row.status === 'failed' ? 'failed' : 'pending',
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
  };
}
