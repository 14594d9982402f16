import { sql, type Transaction } from 'kysely';
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
  await sql`
    insert into alarms
      (store_id, alarm_id, equipment_id, severity, state, active, raised_at, updated_at, last_seq, view)
    values (${storeId}, ${alarm.id}, ${alarm.equipmentId}, ${alarm.severity}, ${alarm.state},
      ${alarm.clearedAt === null ? 1 : 0}, ${alarm.raisedAt}, ${alarm.updatedAt}, ${seq}, ${JSON.stringify(alarm)})
    on conflict (store_id, alarm_id) do update set
      equipment_id = excluded.equipment_id, severity = excluded.severity, state = excluded.state,
      active = excluded.active, raised_at = excluded.raised_at, updated_at = excluded.updated_at,
      last_seq = excluded.last_seq, view = excluded.view
    where alarms.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertTicket(trx: Trx, storeId: string, seq: number, view: TicketView): Promise<void> {
  const { snapshot: _snapshot, ...ticket } = view;
  const kept: CentralTicket = ticket;
  const unfinished = kept.status === 'verified' || kept.status === 'closed' ? 0 : 1;
  await sql`
    insert into tickets
      (store_id, ticket_id, equipment_id, status, unfinished, opened_at, updated_at, last_seq, view)
    values (${storeId}, ${kept.id}, ${kept.equipmentId}, ${kept.status}, ${unfinished},
      ${kept.openedAt}, ${kept.updatedAt}, ${seq}, ${JSON.stringify(kept)})
    on conflict (store_id, ticket_id) do update set
      equipment_id = excluded.equipment_id, status = excluded.status, unfinished = excluded.unfinished,
      opened_at = excluded.opened_at, updated_at = excluded.updated_at, last_seq = excluded.last_seq,
      view = excluded.view
    where tickets.last_seq < excluded.last_seq`.execute(trx);
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
  await sql`
    insert into equipment (store_id, equipment_id, online, status_changed_at, status_seq)
    values (${storeId}, ${status.equipmentId}, ${status.online ? 1 : 0}, ${event.ts}, ${event.seq})
    on conflict (store_id, equipment_id) do update set
      online = excluded.online, status_changed_at = excluded.status_changed_at, status_seq = excluded.status_seq
    where equipment.status_seq < excluded.status_seq`.execute(trx);
}

export async function learnEquipment(
  trx: Trx,
  storeId: string,
  equipmentId: string,
  details?: { name: string | null; type: string | null },
): Promise<void> {
  const values = sql`(${storeId}, ${equipmentId}, ${details?.name ?? null}, ${details?.type ?? null})`;
  if (!details) {
    await sql`
      insert into equipment (store_id, equipment_id, name, type) values ${values}
      on conflict (store_id, equipment_id) do nothing`.execute(trx);
    return;
  }
  await sql`
    insert into equipment (store_id, equipment_id, name, type) values ${values}
    on conflict (store_id, equipment_id) do update set name = excluded.name, type = excluded.type`.execute(
    trx,
  );
}
