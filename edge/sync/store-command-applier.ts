import type { z } from 'zod';
import type { TicketTransitionRequest } from '../../shared/api/tickets';
import type { EdgeUpdateCommand } from '../../shared/central/edge-releases';
import {
  PendingStoreCommands,
  STORE_COMMAND_ROUTES,
  type StoreCommandReport,
  StoreCommandView,
} from '../../shared/central/store-commands';
import type { ApprovalCommand } from '../../shared/purchasing/approval-events';
import type { Role } from '../../shared/roles';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { CentralEndpoint } from './central-client';
import { SyncError } from './sync-errors';

/** What regional actions act on: the edge's own services, so their rules decide (narrowed for this file). */
export interface StoreCommandTargets {
  acknowledgeAlarm(alarmId: number, by: string): unknown;
  transitionTicket(
    ticketId: number,
    request: TicketTransitionRequest,
    actor: { id: string; role: Role },
  ): unknown;
  /** A note in a ticket's history without a step; an edge without it refuses comments, saying so. */
  noteTicket?(ticketId: number, note: string, by: string): unknown;
  /** A central decision on a purchase request's approval step (edge/domains/purchasing/approval-commands.ts). */
  decideApproval?(action: ApprovalCommand, commandId: number, issuedBy: string): unknown;
  /** Download, check and stage a release for the supervisor (edge/runtime/updates/edge-updater.ts). */
  updateEdge?(action: EdgeUpdateCommand): unknown;
  /** Start the closing run (edge/domains/closing/closing-runner.ts); its end is the store closed at central. */
  closeStore?(): unknown;
}

/**
 * Regional staff act at the store as its manager would: a regional manager is at least that.
 * Their name is kept with a `central:` prefix so the store's history tells them from its own users.
 */
export function regionalActor(issuedBy: string): { id: string; role: Role } {
  return { id: `central:${issuedBy}`, role: 'manager' };
}

/** Applies one regional action through the edge's services; a refusal carries the service's reason. */
export function applyStoreCommand(
  command: StoreCommandView,
  targets: StoreCommandTargets,
  at: number,
): StoreCommandReport {
  const actor = regionalActor(command.issuedBy);
  const { action } = command;
  try {
    switch (action.kind) {
      case 'alarm.ack':
        targets.acknowledgeAlarm(action.alarmId, actor.id);
        break;
      case 'ticket.assign':
        targets.transitionTicket(
          action.ticketId,
          { to: 'assigned', assignee: action.assignee, ...(action.note ? { note: action.note } : {}) },
          actor,
        );
        break;
      case 'ticket.close':
        targets.transitionTicket(
          action.ticketId,
          { to: 'closed', ...(action.note ? { note: action.note } : {}) },
          actor,
        );
        break;
      case 'ticket.comment':
        if (!targets.noteTicket)
          return {
            id: command.id,
            outcome: 'rejected',
            reason: 'this store cannot record ticket comments yet',
            at,
          };
        targets.noteTicket(action.ticketId, action.note, actor.id);
        break;
      case 'purchase.approval':
        if (!targets.decideApproval)
          return { id: command.id, outcome: 'rejected', reason: 'this store does not route approvals', at };
        targets.decideApproval(action, command.id, command.issuedBy);
        break;
      case 'edge.update':
        if (!targets.updateEdge)
          return {
            id: command.id,
            outcome: 'rejected',
            reason: 'this box does not take software updates',
            at,
          };
        targets.updateEdge(action);
        break;
      case 'store.close':
        if (!targets.closeStore)
          return { id: command.id, outcome: 'rejected', reason: 'this box cannot run its closing', at };
        targets.closeStore();
        break;
    }
  } catch (err) {
    return {
      id: command.id,
      outcome: 'rejected',
      reason: err instanceof Error ? err.message : String(err),
      at,
    };
  }
  return { id: command.id, outcome: 'applied', at };
}

/**
 * Fetches the store's regional actions from central, applies them in order and reports each
 * outcome. Central hands a command out until it is reported, so a crash between applying and
 * reporting repeats it once; `handled` keeps a running process from applying one twice.
 */
export class StoreCommandPoller {
  #after = 0;
  readonly #handled = new Set<number>();
  readonly #log: Logger;

  constructor(
    private readonly deps: {
      central: CentralEndpoint;
      targets: StoreCommandTargets;
      clock: Clock;
      logger: Logger;
      timeoutMs?: number;
    },
  ) {
    this.#log = deps.logger.child({ ns: 'edge.sync.commands' });
  }

  /** One round: returns the reports it sent. Throws when central cannot be reached (the caller backs off). */
  async pollOnce(): Promise<StoreCommandReport[]> {
    const pending = await this.#request(
      'GET',
      `${STORE_COMMAND_ROUTES.poll}?after=${this.#after}`,
      undefined,
      PendingStoreCommands,
    );
    const reports: StoreCommandReport[] = [];
    for (const command of pending.commands) {
      if (this.#handled.has(command.id)) continue;
      const report = applyStoreCommand(command, this.deps.targets, this.deps.clock.now());
      this.#handled.add(command.id);
      if (report.outcome === 'rejected')
        this.#log.warn(
          { id: command.id, kind: command.action.kind, reason: report.reason },
          'regional action refused',
        );
      await this.#request('POST', STORE_COMMAND_ROUTES.report, report, StoreCommandView);
      this.#after = Math.max(this.#after, command.id);
      reports.push(report);
    }
    return reports;
  }

  async #request<S extends z.ZodType>(
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
    schema: S,
  ): Promise<z.infer<S>> {
    const response = await fetch(`${this.deps.central.url.replace(/\/+$/, '')}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.deps.central.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.deps.timeoutMs ?? 10_000),
    });
    if (!response.ok)
      throw new SyncError(
        'SYNC_HTTP_STATUS',
        `central answered ${response.status} to ${method} ${path}: ${(await response.text()).slice(0, 300)}`,
        response.status,
      );
    const parsed = schema.safeParse(await response.json());
    if (!parsed.success)
      throw new SyncError(
        'SYNC_BAD_RESPONSE',
        `central's answer to ${path} does not fit: ${parsed.error.message.slice(0, 300)}`,
      );
    return parsed.data;
  }
}
