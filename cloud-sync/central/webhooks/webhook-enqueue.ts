import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { AlarmView } from '../../../shared/api/alarms';
import { WebhookFlavour } from '../../../shared/central/api';
import { STATE_ALLOWS, StoreLifecycleState } from '../../../shared/central/store-lifecycle';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import type { QuietStoreAlerts } from '../stores/quiet-store-alerts';
import { type NotificationReason, webhookBody } from './webhook-format';

type Trx = Transaction<CentralTables>;

interface RegionWebhook {
  id: number;
  flavour: string;
}

/**
 * The webhooks of each region, read at most once per ingest transaction: a group of
 * batches from many stores of one region asks once, not once per alarm.
 */
export class RegionWebhooks {
  readonly #byRegion = new Map<string, Promise<RegionWebhook[]>>();

  constructor(
    private readonly trx: Trx,
    /** where alerts of stores that are not open are counted */
    readonly quiet?: QuietStoreAlerts,
  ) {}

  of(regionId: string): Promise<RegionWebhook[]> {
    let hooks = this.#byRegion.get(regionId);
    if (!hooks) {
      // The builder's cost per query showed under 1 000 stores posting at once (see storeBatch).
      hooks = sql<RegionWebhook>`select id, flavour from webhooks where region_id = ${regionId}`
        .execute(this.trx)
        .then((result) => result.rows);
      this.#byRegion.set(regionId, hooks);
    }
    return hooks;
  }
}

/** A newly stored alarm event that may call for notifications. */
export interface AlarmNotificationCandidate {
  eventId: number;
  change: string;
  alarm: AlarmView;
  store: { id: string; name: string; regionId: string; state: string };
}

/**
 * Inside the ingest transaction: queues one delivery per webhook of the store's region
 * for each newly stored event that is a critical alarm being raised, or an escalation.
 * The (webhook, event) pair is unique, so a duplicate event can never queue a second one.
 * Returns how many deliveries were queued.
 */
export async function enqueueAlarmNotifications(
  trx: Trx,
  webhooks: RegionWebhooks,
  candidates: readonly AlarmNotificationCandidate[],
  now: number,
): Promise<number> {
  const rows: RawBuilder<unknown>[] = [];
  for (const candidate of candidates) {
    const reason = reasonOf(candidate.change, candidate.alarm);
    if (!reason) continue;
    // Only an open store alerts its region (shared/central/store-lifecycle.ts).
    if (!STATE_ALLOWS[StoreLifecycleState.parse(candidate.store.state)].regionalAlerts) {
      webhooks.quiet?.note(candidate.store);
      continue;
    }
    const notification = {
      reason,
      storeId: candidate.store.id,
      storeName: candidate.store.name,
      regionId: candidate.store.regionId,
      alarm: candidate.alarm,
    };
    for (const hook of await webhooks.of(candidate.store.regionId)) {
      const body = JSON.stringify(webhookBody(WebhookFlavour.parse(hook.flavour), notification));
      rows.push(
        sql`(${hook.id}, ${candidate.eventId}, ${candidate.store.id}, ${reason}, ${candidate.alarm.id}, ${body},
          'pending', ${now}, ${now})`,
      );
    }
  }
  let queued = 0;
  await inPieces(rows, async (piece) => {
    const result = await sql`
      insert into webhook_deliveries
        (webhook_id, event_id, store_id, reason, alarm_id, body, status, next_attempt_at, created_at)
      values ${sql.join(piece)}
      on conflict (webhook_id, event_id) do nothing`.execute(trx);
    queued += Number(result.numAffectedRows ?? 0);
  });
  return queued;
}

function reasonOf(change: string, alarm: AlarmView): NotificationReason | undefined {
  if (change === 'raised' && alarm.severity === 'critical') return 'critical_alarm';
  if (change === 'escalated') return 'escalation';
  return undefined;
}
