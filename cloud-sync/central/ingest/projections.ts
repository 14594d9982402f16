import { sql, type Transaction } from 'kysely';
import { z } from 'zod';
import { type AlarmView, AlarmView as AlarmViewSchema } from '../../../shared/api/alarms';
import { TicketTransitionRecord, TicketView } from '../../../shared/api/tickets';
import type { CentralTicket } from '../../../shared/central/api';
import { EQUIPMENT_REGISTRY_EVENT, EquipmentRegistryPayload } from '../../../shared/sync/equipment-registry';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { AssetPlacementProjection } from '../assets/asset-placement-projection';
import { learnPushedEquipment } from '../config/pushed-equipment';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import { FoodSafetyProjection } from '../food-safety/food-safety-projection';
import { AssetOutlookProjection } from '../predictive/asset-outlook-projection';
import { ApprovalProjection } from '../purchasing/approval-projection';
import { PurchasingProjection } from '../purchasing/purchasing-projection';
import { HandoverProjection } from '../stores/handover-projection';
import { CatalogProjection } from './catalog-projection';
import { DowntimeCostProjection } from './downtime-cost-projection';
import { EightySixProjection } from './eighty-six-projection';
import { KitchenProjection } from './kitchen-projection';
import { keepLatest, type Versioned } from './latest-by-seq';
import { LatestReadingsProjection } from './latest-readings-projection';
import { invalid, type ProjectionOutcome } from './projection-outcome';
import { StockProjection } from './stock-projection';

export type { ProjectionOutcome } from './projection-outcome';

type Trx = Transaction<CentralTables>;

const TicketOfTransition = z
  .object({ ticket: TicketView, transition: TicketTransitionRecord })
  .transform((payload) => payload.ticket);
const AlarmAttachedPayload = z.object({ alarmId: z.number().int() });
const DeviceStatusPayload = z.object({ equipmentId: z.string().min(1), online: z.boolean() });

/**
 * The read models (alarms, tickets, equipment, the kitchen's ticket times and orders in
 * KitchenProjection, stock in StockProjection, 86s in EightySixProjection, the stores' priced equipment
 * downtime in DowntimeCostProjection, the names of their kitchen in CatalogProjection, food safety and its
 * chain heads in FoodSafetyProjection) for the events newly stored by a group
 * of batches, written with one statement per table instead of several per event.
 *
 * Each projection row remembers the seq it was built from and is only overwritten by
 * a later one, so events arriving out of order never roll a row back; within the group
 * only the latest view of each row is written, which comes to the same.
 */
export class ProjectionPlan {
  readonly #alarms = new Map<string, Versioned<AlarmView>>();
  readonly #tickets = new Map<string, Versioned<CentralTicket>>();
  readonly #statuses = new Map<string, Versioned<{ equipmentId: string; online: boolean; ts: number }>>();
  readonly #equipment = new Map<string, { storeId: string; equipmentId: string }>();
  readonly #readings = new LatestReadingsProjection();
  readonly #attachments: { storeId: string; ticketId: number; alarmId: number }[] = [];
  readonly #registries = new Map<string, Versioned<EquipmentRegistryPayload>>();
  readonly #kitchen = new KitchenProjection();
  readonly #stock = new StockProjection();
  readonly #eightySix = new EightySixProjection();
  readonly #downtimeCosts = new DowntimeCostProjection();
  readonly #catalogs = new CatalogProjection();
  readonly #foodSafety = new FoodSafetyProjection();
  readonly #outlooks = new AssetOutlookProjection();
  readonly #purchasing = new PurchasingProjection();
  readonly #approvals = new ApprovalProjection();
  readonly #handovers = new HandoverProjection();
  readonly #placements = new AssetPlacementProjection();

  /** Takes in one newly stored event; writes nothing yet. */
  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    const [kind, change = ''] = event.type.split('.') as [string, string?];
    if (kind === 'alarm') {
      const parsed = AlarmViewSchema.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      keepLatest(this.#alarms, `${storeId}\u0000${parsed.data.id}`, {
        storeId,
        seq: event.seq,
        value: parsed.data,
      });
      this.#learn(storeId, parsed.data.equipmentId);
      return { kind: 'alarm', change, alarm: parsed.data };
    }
    if (event.type === 'ticket.opened' || event.type === 'ticket.transition') {
      const parsed =
        event.type === 'ticket.opened'
          ? TicketView.safeParse(event.payload)
          : TicketOfTransition.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      const { snapshot: _snapshot, ...ticket } = parsed.data;
      keepLatest(this.#tickets, `${storeId}\u0000${ticket.id}`, { storeId, seq: event.seq, value: ticket });
      this.#learn(storeId, ticket.equipmentId);
      return { kind: 'projected' };
    }
    if (event.type === 'ticket.alarm_attached') {
      const parsed = AlarmAttachedPayload.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      this.#attachments.push({ storeId, ticketId: Number(event.entityId), alarmId: parsed.data.alarmId });
      return { kind: 'projected' };
    }
    if (event.type === 'device.status') {
      const parsed = DeviceStatusPayload.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      keepLatest(this.#statuses, `${storeId}\u0000${parsed.data.equipmentId}`, {
        storeId,
        seq: event.seq,
        value: { ...parsed.data, ts: event.ts },
      });
      return { kind: 'projected' };
    }
    if (event.type === EQUIPMENT_REGISTRY_EVENT) {
      const parsed = EquipmentRegistryPayload.safeParse(event.payload);
      if (!parsed.success) return invalid(parsed.error);
      keepLatest(this.#registries, storeId, { storeId, seq: event.seq, value: parsed.data });
      this.#placements.add(storeId, event.seq, event.ts, parsed.data);
      return { kind: 'projected' };
    }
    if (LatestReadingsProjection.projects(event.type)) return this.#readings.add(storeId, event);
    if (KitchenProjection.projects(event.type)) return this.#kitchen.add(storeId, event);
    if (StockProjection.projects(event.type)) return this.#stock.add(storeId, event);
    if (EightySixProjection.projects(event.type)) return this.#eightySix.add(storeId, event);
    if (DowntimeCostProjection.projects(event.type)) return this.#downtimeCosts.add(storeId, event);
    if (CatalogProjection.projects(event.type)) return this.#catalogs.add(storeId, event);
    if (FoodSafetyProjection.projects(event.type)) return this.#foodSafety.add(storeId, event);
    if (AssetOutlookProjection.projects(event.type)) return this.#outlooks.add(storeId, event);
    if (PurchasingProjection.projects(event.type)) return this.#purchasing.add(storeId, event);
    if (ApprovalProjection.projects(event.type)) return this.#approvals.add(storeId, event);
    if (HandoverProjection.projects(event.type)) return this.#handovers.add(storeId, event);
    return { kind: 'history' };
  }

  /** Writes what was taken in. Statements use Kysely's `sql` template: see storeBatches. */
  async apply(trx: Trx): Promise<void> {
    await inPieces([...this.#alarms.values()], (rows) => upsertAlarms(trx, rows));
    await inPieces([...this.#tickets.values()], (rows) => upsertTickets(trx, rows));
    await inPieces([...this.#equipment.values()], (rows) => learnEquipmentRows(trx, rows));
    await inPieces([...this.#statuses.values()], (rows) => upsertStatuses(trx, rows));
    await this.#readings.apply(trx);
    // Names as the store calls its equipment: the same rows a pushed config names.
    for (const { storeId, value } of this.#registries.values())
      await learnPushedEquipment(trx, storeId, registryAsOverlay(value));
    // After the tickets: a link to a ticket opened in the same group finds it.
    for (const link of this.#attachments) await attachAlarm(trx, link);
    await this.#kitchen.apply(trx);
    await this.#stock.apply(trx);
    await this.#eightySix.apply(trx);
    await this.#downtimeCosts.apply(trx);
    await this.#catalogs.apply(trx);
    await this.#foodSafety.apply(trx);
    await this.#outlooks.apply(trx);
    await this.#purchasing.apply(trx);
    await this.#approvals.apply(trx);
    await this.#handovers.apply(trx);
    await this.#placements.apply(trx);
  }

  #learn(storeId: string, equipmentId: string): void {
    this.#equipment.set(`${storeId}\u0000${equipmentId}`, { storeId, equipmentId });
  }
}

function registryAsOverlay(registry: EquipmentRegistryPayload): {
  equipment: { id: string; type: string; name: { en: string; 'zh-CN': string } }[];
  equipmentTypes: Record<string, { label: { en: string; 'zh-CN': string } }>;
} {
  const equipmentTypes: Record<string, { label: { en: string; 'zh-CN': string } }> = {};
  for (const item of registry.equipment)
    if (item.typeLabel) equipmentTypes[item.type] = { label: item.typeLabel };
  return {
    equipment: registry.equipment.map(({ id, type, name }) => ({ id, type, name })),
    equipmentTypes,
  };
}

async function upsertAlarms(trx: Trx, rows: Versioned<AlarmView>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: a }) =>
      sql`(${storeId}, ${a.id}, ${a.equipmentId}, ${a.severity}, ${a.state}, ${a.clearedAt === null ? 1 : 0},
        ${a.raisedAt}, ${a.updatedAt}, ${seq}, ${JSON.stringify(a)})`,
  );
  await sql`
    insert into alarms
      (store_id, alarm_id, equipment_id, severity, state, active, raised_at, updated_at, last_seq, view)
    values ${sql.join(values)}
    on conflict (store_id, alarm_id) do update set
      equipment_id = excluded.equipment_id, severity = excluded.severity, state = excluded.state,
      active = excluded.active, raised_at = excluded.raised_at, updated_at = excluded.updated_at,
      last_seq = excluded.last_seq, view = excluded.view
    where alarms.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertTickets(trx: Trx, rows: Versioned<CentralTicket>[]): Promise<void> {
  const values = rows.map(({ storeId, seq, value: t }) => {
    const unfinished = t.status === 'verified' || t.status === 'closed' ? 0 : 1;
    return sql`(${storeId}, ${t.id}, ${t.equipmentId}, ${t.status}, ${unfinished}, ${t.openedAt},
      ${t.updatedAt}, ${seq}, ${JSON.stringify(t)})`;
  });
  await sql`
    insert into tickets
      (store_id, ticket_id, equipment_id, status, unfinished, opened_at, updated_at, last_seq, view)
    values ${sql.join(values)}
    on conflict (store_id, ticket_id) do update set
      equipment_id = excluded.equipment_id, status = excluded.status, unfinished = excluded.unfinished,
      opened_at = excluded.opened_at, updated_at = excluded.updated_at, last_seq = excluded.last_seq,
      view = excluded.view
    where tickets.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertStatuses(
  trx: Trx,
  rows: Versioned<{ equipmentId: string; online: boolean; ts: number }>[],
): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value }) =>
      sql`(${storeId}, ${value.equipmentId}, ${value.online ? 1 : 0}, ${value.ts}, ${seq})`,
  );
  await sql`
    insert into equipment (store_id, equipment_id, online, status_changed_at, status_seq)
    values ${sql.join(values)}
    on conflict (store_id, equipment_id) do update set
      online = excluded.online, status_changed_at = excluded.status_changed_at, status_seq = excluded.status_seq
    where equipment.status_seq < excluded.status_seq`.execute(trx);
}

async function learnEquipmentRows(trx: Trx, rows: { storeId: string; equipmentId: string }[]): Promise<void> {
  const values = rows.map(({ storeId, equipmentId }) => sql`(${storeId}, ${equipmentId})`);
  await sql`
    insert into equipment (store_id, equipment_id) values ${sql.join(values)}
    on conflict (store_id, equipment_id) do nothing`.execute(trx);
}

async function attachAlarm(
  trx: Trx,
  link: { storeId: string; ticketId: number; alarmId: number },
): Promise<void> {
  const row = await trx
    .selectFrom('tickets')
    .select('view')
    .where('store_id', '=', link.storeId)
    .where('ticket_id', '=', link.ticketId)
    .executeTakeFirst();
  // A ticket not seen yet gets the link with its next full view (opened / transition).
  if (!row) return;
  const ticket = JSON.parse(row.view) as CentralTicket;
  if (ticket.alarmIds.includes(link.alarmId)) return;
  ticket.alarmIds = [...ticket.alarmIds, link.alarmId];
  await trx
    .updateTable('tickets')
    .set({ view: JSON.stringify(ticket) })
    .where('store_id', '=', link.storeId)
    .where('ticket_id', '=', link.ticketId)
    .execute();
}
