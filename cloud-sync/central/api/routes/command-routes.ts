import type { CentralRole } from '../../../../shared/central/api';
import { StoreParams } from '../../../../shared/central/api';
import {
  AckAlarmRequest,
  AlarmTarget,
  AssignTicketRequest,
  CloseTicketRequest,
  CommentTicketRequest,
  PendingStoreCommands,
  STORE_COMMAND_ROUTES,
  type StoreCommandAction,
  StoreCommandList,
  StoreCommandReport,
  StoreCommandsPollQuery,
  StoreCommandView,
  TicketTarget,
} from '../../../../shared/central/store-commands';
import { scopeOf } from '../../auth/caller';
import type { CentralContext } from '../../central-context';
import { storeCommandRefused } from '../../commands/store-command-refusal';
import { StoreCommands } from '../../commands/store-commands';
import { type Caller, type CentralRoute, centralRoute, storeOf, userOf } from '../central-route';
import { EVERYONE, OPERATIONS } from '../roles';

const OUT_OF_SCOPE = 'no such store in your scope';
const outOfScope = (storeId: string) =>
  storeCommandRefused(404, 'store_command.store_not_in_scope', OUT_OF_SCOPE, { store: storeId });
/** Assigning and closing decide for the store: its region's manager (or an admin), not a visiting technician. */
const MANAGERS: readonly CentralRole[] = ['admin', 'regional_manager'];
const QUEUED =
  'Answers 202 with the queued command: the store applies it when its edge next polls ' +
  '(GET /api/sync/commands) and reports the outcome; the change then syncs back as usual. ' +
  '404 when the store is outside your scope or central has no such alarm/ticket of it; ' +
  '409 when it is already past this step.';

/** Regional actions on a store's alarms and tickets, and the queue the store's edge polls. */
export function commandRoutes(ctx: Pick<CentralContext, 'database' | 'clock' | 'directory'>): CentralRoute[] {
  const commands = new StoreCommands({ db: ctx.database.db, clock: ctx.clock });
  const issue = async (caller: Caller | undefined, storeId: string, action: StoreCommandAction) => {
    const user = userOf(caller);
    if (!(await ctx.directory.store(storeId, scopeOf(user)))) throw outOfScope(storeId);
    return commands.issue(storeId, action, user.username);
  };
  return [
    centralRoute({
      method: 'POST',
      url: STORE_COMMAND_ROUTES.ackAlarm,
      summary: 'Acknowledge an alarm of a store from the region',
      description: QUEUED,
      tags: ['actions'],
      access: OPERATIONS,
      params: AlarmTarget,
      body: AckAlarmRequest,
      response: StoreCommandView,
      status: 202,
      errors: [404, 409],
      handler: ({ auth, params, body }) =>
        issue(auth, params.storeId, { kind: 'alarm.ack', alarmId: params.alarmId, note: body.note ?? null }),
    }),
    centralRoute({
      method: 'POST',
      url: STORE_COMMAND_ROUTES.assignTicket,
      summary: 'Assign a ticket of a store to a technician',
      description: QUEUED,
      tags: ['actions'],
      access: MANAGERS,
      params: TicketTarget,
      body: AssignTicketRequest,
      response: StoreCommandView,
      status: 202,
      errors: [404, 409],
      handler: ({ auth, params, body }) =>
        issue(auth, params.storeId, {
          kind: 'ticket.assign',
          ticketId: params.ticketId,
          assignee: body.assignee,
          note: body.note ?? null,
        }),
    }),
    centralRoute({
      method: 'POST',
      url: STORE_COMMAND_ROUTES.commentTicket,
      summary: "Add a comment to a ticket's history",
      description: QUEUED,
      tags: ['actions'],
      access: OPERATIONS,
      params: TicketTarget,
      body: CommentTicketRequest,
      response: StoreCommandView,
      status: 202,
      errors: [404, 409],
      handler: ({ auth, params, body }) =>
        issue(auth, params.storeId, { kind: 'ticket.comment', ticketId: params.ticketId, note: body.note }),
    }),
    centralRoute({
      method: 'POST',
      url: STORE_COMMAND_ROUTES.closeTicket,
      summary: 'Close a ticket of a store from the region',
      description: QUEUED,
      tags: ['actions'],
      access: MANAGERS,
      params: TicketTarget,
      body: CloseTicketRequest,
      response: StoreCommandView,
      status: 202,
      errors: [404, 409],
      handler: ({ auth, params, body }) =>
        issue(auth, params.storeId, {
          kind: 'ticket.close',
          ticketId: params.ticketId,
          note: body.note ?? null,
        }),
    }),
    centralRoute({
      method: 'GET',
      url: STORE_COMMAND_ROUTES.storeCommands,
      summary: "A store's regional actions, newest first, with what the store made of them",
      tags: ['actions'],
      access: EVERYONE,
      params: StoreParams,
      response: StoreCommandList,
      errors: [404],
      handler: async ({ auth, params }) => {
        if (!(await ctx.directory.store(params.storeId, scopeOf(userOf(auth)))))
          throw outOfScope(params.storeId);
        return commands.list(params.storeId);
      },
    }),
    centralRoute({
      method: 'GET',
      url: STORE_COMMAND_ROUTES.poll,
      summary: 'Regional actions for this store to apply, oldest first (store token)',
      description:
        'Poll with `after` = the highest command id already handled; fetched commands count as delivered.',
      tags: ['sync'],
      access: 'store',
      querystring: StoreCommandsPollQuery,
      response: PendingStoreCommands,
      handler: async ({ auth, query }) => ({
        commands: await commands.pendingFor(storeOf(auth).storeId, query.after, query.limit),
      }),
    }),
    centralRoute({
      method: 'POST',
      url: STORE_COMMAND_ROUTES.report,
      summary: 'Report a regional action as applied or refused, with why (store token)',
      tags: ['sync'],
      access: 'store',
      body: StoreCommandReport,
      response: StoreCommandView,
      errors: [404],
      handler: ({ auth, body }) => commands.report(storeOf(auth).storeId, body),
    }),
  ];
}
