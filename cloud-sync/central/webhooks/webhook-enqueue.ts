import { sql, type Transaction } from 'kysely';
import type { AlarmView } from '../../../shared/api/alarms';
import { WebhookFlavour } from '../../../shared/central/api';
import type { CentralTables } from '../db/schema';
import { type NotificationReason, webhookBody } from './webhook-format';

/**
 * Inside the ingest transaction: queues one delivery per webhook of the store's region
 * when an event newly stored is a critical alarm being raised, or an escalation. The
 * (webhook, event) pair is unique, so a duplicate event can never queue a second one.
 */
export async function enqueueAlarmNotifications(
  trx: Transaction<CentralTables>,
  input: {
    eventId: number;
    change: string;
    alarm: AlarmView;
    store: { id: string; name: string; regionId: string };
    now: number;
  },
): Promise<number> {
  const reason = reasonOf(input.change, input.alarm);
  if (!reason) return 0;
  // The builder's cost per query showed under 1 000 stores posting at once (see storeBatch).
  const { rows: hooks } = await sql<{ id: number; flavour: string }>`
    select id, flavour from webhooks where region_id = ${input.store.regionId}`.execute(trx);
  if (hooks.length === 0) return 0;
  const notification = {
    reason,
    storeId: input.store.id,
    storeName: input.store.name,
    regionId: input.store.regionId,
    alarm: input.alarm,
  };
  const result = await trx
    .insertInto('webhook_deliveries')
    .values(
      hooks.map((hook) => ({
        webhook_id: hook.id,
        event_id: input.eventId,
        store_id: input.store.id,
        reason,
        alarm_id: input.alarm.id,
        body: JSON.stringify(webhookBody(WebhookFlavour.parse(hook.flavour), notification)),
        status: 'pending',
        next_attempt_at: input.now,
        created_at: input.now,
      })),
    )
    .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

function reasonOf(change: string, alarm: AlarmView): NotificationReason | undefined {
  if (change === 'raised' && alarm.severity === 'critical') return 'critical_alarm';
  if (change === 'escalated') return 'escalation';
  return undefined;
}
