import {
  type CreateWebhookRequest,
  type Webhook,
  type WebhookDelivery,
  WebhookFlavour,
} from '../../../shared/central/api';
import type { Clock } from '../../../shared/server/runtime/clock';
import { CentralError } from '../central-error';
import type { CentralDb } from '../db/central-db';
import type { CentralTables } from '../db/schema';

type DeliveryRow = Omit<CentralTables['webhook_deliveries'], 'id' | 'attempts'> & {
  id: number;
  attempts: number;
};

/** Webhooks per region (admin configuration) and the durable delivery rows queued for them. */
export class WebhookStore {
  constructor(private readonly deps: { db: CentralDb; clock: Clock }) {}

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

  async due(now: number, limit: number): Promise<(WebhookDelivery & { url: string; body: string })[]> {
    const rows = await this.deps.db
      .selectFrom('webhook_deliveries')
      .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
      .selectAll('webhook_deliveries')
      .select('webhooks.url')
      .where('webhook_deliveries.status', '=', 'pending')
      .where('webhook_deliveries.next_attempt_at', '<=', now)
      .orderBy('webhook_deliveries.next_attempt_at')
      .limit(limit)
      .execute();
    return rows.map((row) => ({ ...deliveryOf(row), url: row.url, body: row.body }));
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

  async markDelivered(id: number, at: number): Promise<void> {
    await this.deps.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: 'delivered',
        attempts: eb('attempts', '+', 1),
        delivered_at: at,
        next_attempt_at: null,
        last_error: null,
      }))
      .where('id', '=', id)
      .execute();
  }

  /** Records a failed attempt: retried at `retryAt`, or given up for good when it is null. */
  async markFailed(id: number, error: string, retryAt: number | null): Promise<void> {
    await this.deps.db
      .updateTable('webhook_deliveries')
      .set((eb) => ({
        status: retryAt === null ? 'failed' : 'pending',
        attempts: eb('attempts', '+', 1),
        next_attempt_at: retryAt,
        last_error: error.slice(0, 500),
      }))
      .where('id', '=', id)
      .execute();
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
