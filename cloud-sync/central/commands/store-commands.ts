import type { Selectable } from 'kysely';
import { AlarmView } from '../../../shared/api/alarms';
import { CentralTicket } from '../../../shared/central/api';
import {
  StoreCommandAction,
  type StoreCommandReport,
  StoreCommandStatus,
  type StoreCommandView,
} from '../../../shared/central/store-commands';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { CentralDb } from '../db/central-db';
import type { CentralTables } from '../db/schema';
import { storeCommandRefused } from './store-command-refusal';

type CommandRow = Selectable<CentralTables['store_commands']>;

/**
 * The queue of regional actions for each store's edge. Issuing checks the action against
 * what central knows (the alarm or ticket exists and is not past the point of the action)
 * so a person is told at once why an action cannot be taken; the edge still decides when
 * it applies it, and reports refusals with their reason.
 */
export class StoreCommands {
  constructor(private readonly deps: { db: CentralDb; clock: Clock }) {}

  async issue(storeId: string, action: StoreCommandAction, by: string): Promise<StoreCommandView> {
    await this.#check(storeId, action);
    const issuedAt = this.deps.clock.now();
    const row = await this.deps.db
      .insertInto('store_commands')
      .values({
        store_id: storeId,
        kind: action.kind,
        target_id: targetOf(action),
        action: JSON.stringify(action),
        issued_by: by,
        issued_at: issuedAt,
        status: 'pending',
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return viewOf(row);
  }

  /** The store's commands, newest first: what the page shows under "sent to the store". */
  async list(storeId: string, limit = 50): Promise<StoreCommandView[]> {
    const rows = await this.deps.db
      .selectFrom('store_commands')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('id', 'desc')
      .limit(limit)
      .execute();
    return rows.map(viewOf);
  }

  /**
   * Commands after `after` for the edge, oldest first; handing them over marks them
   * delivered. A command the edge fetched but never reported comes again on the next poll
   * with the same `after`, so a lost answer loses nothing; the edge applies by id once.
   */
  async pendingFor(storeId: string, after: number, limit: number): Promise<StoreCommandView[]> {
    const now = this.deps.clock.now();
    const rows = await this.deps.db
      .selectFrom('store_commands')
      .selectAll()
      .where('store_id', '=', storeId)
      .where('id', '>', after)
      .where('status', 'in', ['pending', 'delivered'])
      .orderBy('id')
      .limit(limit)
      .execute();
    const fresh = rows.filter((r) => r.status === 'pending').map((r) => r.id);
    if (fresh.length > 0)
      await this.deps.db
        .updateTable('store_commands')
        .set({ status: 'delivered', delivered_at: now })
        .where('id', 'in', fresh)
        .where('status', '=', 'pending')
        .execute();
    return rows.map((row) =>
      viewOf(row.status === 'pending' ? { ...row, status: 'delivered', delivered_at: now } : row),
    );
  }

  async report(storeId: string, report: StoreCommandReport): Promise<StoreCommandView> {
    const row = await this.deps.db
      .updateTable('store_commands')
      .set({ status: report.outcome, reported_at: report.at, reason: report.reason ?? null })
      .where('id', '=', report.id)
      .where('store_id', '=', storeId)
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw storeCommandRefused(
        404,
        'store_command.command_not_found',
        `store "${storeId}" has no command ${report.id}`,
        { store: storeId, command: report.id },
      );
    return viewOf(row);
  }

  async #check(storeId: string, action: StoreCommandAction): Promise<void> {
    const { db } = this.deps;
    // Approval decisions are checked by cloud-sync/central/purchasing/approvals-service.ts.
    if (action.kind === 'purchase.approval') return;
    // Updates are checked by cloud-sync/central/releases/rollouts.ts before they are issued.
    if (action.kind === 'edge.update') return;
    // Closing is checked by cloud-sync/central/stores/store-archive-routes.ts (the store is closing).
    if (action.kind === 'store.close') return;
    if (action.kind === 'alarm.ack') {
      const row = await db
        .selectFrom('alarms')
        .select('view')
        .where('store_id', '=', storeId)
        .where('alarm_id', '=', action.alarmId)
        .executeTakeFirst();
      if (!row)
        throw storeCommandRefused(
          404,
          'store_command.alarm_not_synced',
          `store "${storeId}" has not synced an alarm ${action.alarmId}`,
          { store: storeId, alarm: action.alarmId },
        );
      const alarm = AlarmView.parse(JSON.parse(row.view));
      if (alarm.ackedAt !== null)
        throw storeCommandRefused(
          409,
          'store_command.alarm_already_acknowledged',
          `alarm ${alarm.id} was already acknowledged by ${alarm.ackedBy ?? 'someone'}`,
          // No name when the store did not record one: the page says "someone" in its language.
          { alarm: alarm.id, by: alarm.ackedBy ?? '' },
        );
      return;
    }
    const row = await db
      .selectFrom('tickets')
      .select('view')
      .where('store_id', '=', storeId)
      .where('ticket_id', '=', action.ticketId)
      .executeTakeFirst();
    if (!row)
      throw storeCommandRefused(
        404,
        'store_command.ticket_not_synced',
        `store "${storeId}" has not synced a ticket ${action.ticketId}`,
        { store: storeId, ticket: action.ticketId },
      );
    const ticket = CentralTicket.parse(JSON.parse(row.view));
    // A comment is history and always welcome; assigning or closing a finished ticket is not.
    if (action.kind !== 'ticket.comment' && (ticket.status === 'verified' || ticket.status === 'closed'))
      throw storeCommandRefused(
        409,
        'store_command.ticket_finished',
        `ticket ${ticket.id} is already ${ticket.status}`,
        { ticket: ticket.id, status: ticket.status },
      );
  }
}

function targetOf(action: StoreCommandAction): number {
  if (action.kind === 'alarm.ack') return action.alarmId;
  if (action.kind === 'edge.update') return action.rolloutId;
  if (action.kind === 'store.close') return 0;
  return action.kind === 'purchase.approval' ? action.requestId : action.ticketId;
}

function viewOf(row: CommandRow): StoreCommandView {
  return {
    id: Number(row.id),
    storeId: row.store_id,
    action: StoreCommandAction.parse(JSON.parse(row.action)),
    issuedBy: row.issued_by,
    issuedAt: Number(row.issued_at),
    status: StoreCommandStatus.parse(row.status),
    deliveredAt: row.delivered_at,
    reportedAt: row.reported_at,
    reason: row.reason,
  };
}
