import type { Transaction } from 'kysely';
import { z } from 'zod';
import { type AlarmView, AlarmView as AlarmViewSchema } from '../../../shared/api/alarms';
import { TicketTransitionRecord, TicketView } from '../../../shared/api/tickets';
import type { CentralTicket } from '../../../shared/central/api';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import type { CentralTables } from '../db/schema';

type Trx = Transaction<CentralTables>;

const TicketTransitionPayload = z.object({ ticket: TicketView, transition: TicketTransitionRecord });
const AlarmAttachedPayload = z.object({ alarmId: z.number().int() });
const DeviceStatusPayload = z.object({ equipmentId: z.string().min(1), online: z.boolean() });

/** What projecting one event found out, for the caller's notifications and counters. */
export type ProjectionOutcome =
  | { kind: 'alarm'; change: string; alarm: AlarmView }
  | { kind: 'projected' }
  | { kind: 'history' }
  | { kind: 'invalid'; problem: string };

/**
 * Applies one newly stored event to the read models (alarms, tickets, equipment).
 * Each projection row remembers the seq it was built from and is only overwritten by
 * a later one, so events arriving out of order never roll a row back.
 */
export async function projectEvent(trx: Trx, storeId: string, event: SyncEvent): Promise<ProjectionOutcome> {
  const [kind, change = ''] = event.type.split('.') as [string, string?];
  if (kind === 'alarm') {
    const parsed = AlarmViewSchema.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    await upsertAlarm(trx, storeId, event.seq, parsed.data);
    await learnEquipment(trx, storeId, parsed.data.equipmentId);
    return { kind: 'alarm', change, alarm: parsed.data };
  }
  if (event.type === 'ticket.opened') {
    const parsed = TicketView.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    await upsertTicket(trx, storeId, event.seq, parsed.data);
    return { kind: 'projected' };
  }
  if (event.type === 'ticket.transition') {
    const parsed = TicketTransitionPayload.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    await upsertTicket(trx, storeId, event.seq, parsed.data.ticket);
    return { kind: 'projected' };
  }
  if (event.type === 'ticket.alarm_attached') {
    const parsed = AlarmAttachedPayload.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    await attachAlarm(trx, storeId, Number(event.entityId), parsed.data.alarmId);
    return { kind: 'projected' };
  }
  if (event.type === 'device.status') {
    const parsed = DeviceStatusPayload.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    await upsertStatus(trx, storeId, event, parsed.data);
    return { kind: 'projected' };
  }
  return { kind: 'history' };
}

function invalid(error: z.ZodError): ProjectionOutcome {
  return { kind: 'invalid', problem: z.prettifyError(error).slice(0, 300) };
}

async function upsertAlarm(trx: Trx, storeId: string, seq: number, alarm: AlarmView): Promise<void> {
  await trx
    .insertInto('alarms')
    .values({
      store_id: storeId,
      alarm_id: alarm.id,
      equipment_id: alarm.equipmentId,
      severity: alarm.severity,
      state: alarm.state,
      active: alarm.clearedAt === null ? 1 : 0,
      raised_at: alarm.raisedAt,
      updated_at: alarm.updatedAt,
      last_seq: seq,
      view: JSON.stringify(alarm),
    })
    .onConflict((oc) =>
      oc
        .columns(['store_id', 'alarm_id'])
        .doUpdateSet((eb) => ({
          equipment_id: eb.ref('excluded.equipment_id'),
          severity: eb.ref('excluded.severity'),
          state: eb.ref('excluded.state'),
          active: eb.ref('excluded.active'),
          raised_at: eb.ref('excluded.raised_at'),
          updated_at: eb.ref('excluded.updated_at'),
          last_seq: eb.ref('excluded.last_seq'),
          view: eb.ref('excluded.view'),
        }))
        .where((eb) => eb('alarms.last_seq', '<', eb.ref('excluded.last_seq'))),
    )
    .execute();
}

async function upsertTicket(trx: Trx, storeId: string, seq: number, view: TicketView): Promise<void> {
  const { snapshot: _snapshot, ...ticket } = view;
  const kept: CentralTicket = ticket;
  await trx
    .insertInto('tickets')
    .values({
      store_id: storeId,
      ticket_id: kept.id,
      equipment_id: kept.equipmentId,
      status: kept.status,
      unfinished: kept.status === 'verified' || kept.status === 'closed' ? 0 : 1,
      opened_at: kept.openedAt,
      updated_at: kept.updatedAt,
      last_seq: seq,
      view: JSON.stringify(kept),
    })
    .onConflict((oc) =>
      oc
        .columns(['store_id', 'ticket_id'])
        .doUpdateSet((eb) => ({
          equipment_id: eb.ref('excluded.equipment_id'),
          status: eb.ref('excluded.status'),
          unfinished: eb.ref('excluded.unfinished'),
          opened_at: eb.ref('excluded.opened_at'),
          updated_at: eb.ref('excluded.updated_at'),
          last_seq: eb.ref('excluded.last_seq'),
          view: eb.ref('excluded.view'),
        }))
        .where((eb) => eb('tickets.last_seq', '<', eb.ref('excluded.last_seq'))),
    )
    .execute();
  await learnEquipment(trx, storeId, kept.equipmentId);
}

async function attachAlarm(trx: Trx, storeId: string, ticketId: number, alarmId: number): Promise<void> {
  const row = await trx
    .selectFrom('tickets')
    .select('view')
    .where('store_id', '=', storeId)
    .where('ticket_id', '=', ticketId)
    .executeTakeFirst();
  // A ticket not seen yet gets the link with its next full view (opened / transition).
  if (!row) return;
  const ticket = JSON.parse(row.view) as CentralTicket;
  if (ticket.alarmIds.includes(alarmId)) return;
  ticket.alarmIds = [...ticket.alarmIds, alarmId];
  await trx
    .updateTable('tickets')
    .set({ view: JSON.stringify(ticket) })
    .where('store_id', '=', storeId)
    .where('ticket_id', '=', ticketId)
    .execute();
}

async function upsertStatus(
  trx: Trx,
  storeId: string,
  event: SyncEvent,
  status: z.infer<typeof DeviceStatusPayload>,
): Promise<void> {
  await trx
    .insertInto('equipment')
    .values({
      store_id: storeId,
      equipment_id: status.equipmentId,
      online: status.online ? 1 : 0,
      status_changed_at: event.ts,
      status_seq: event.seq,
    })
    .onConflict((oc) =>
      oc
        .columns(['store_id', 'equipment_id'])
        .doUpdateSet((eb) => ({
          online: eb.ref('excluded.online'),
          status_changed_at: eb.ref('excluded.status_changed_at'),
          status_seq: eb.ref('excluded.status_seq'),
        }))
        .where((eb) => eb('equipment.status_seq', '<', eb.ref('excluded.status_seq'))),
    )
    .execute();
}

export async function learnEquipment(
  trx: Trx,
  storeId: string,
  equipmentId: string,
  details?: { name: string | null; type: string | null },
): Promise<void> {
  const insert = trx.insertInto('equipment').values({
    store_id: storeId,
    equipment_id: equipmentId,
    name: details?.name ?? null,
    type: details?.type ?? null,
  });
  if (!details) {
    await insert.onConflict((oc) => oc.columns(['store_id', 'equipment_id']).doNothing()).execute();
    return;
  }
  await insert
    .onConflict((oc) =>
      oc
        .columns(['store_id', 'equipment_id'])
        .doUpdateSet((eb) => ({ name: eb.ref('excluded.name'), type: eb.ref('excluded.type') })),
    )
    .execute();
}
