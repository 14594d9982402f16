import { z } from 'zod';
import {
  EquipmentMaintenance,
  PmSuggestion,
  StepSignOffRequest,
  TaskSignOffRequest,
  WorkOrderDetail,
  WorkOrdersQuery,
  WorkOrderTransitionRequest,
  WorkOrderView,
} from '../../../shared/api/maintenance';
import { actingRole } from '../../../shared/roles';
import { ApiHttpError, forbidden, notFound } from '../../../shared/server/http/errors';
import type { RouteContext } from '../../../shared/server/http/route-registry';
import type { AuthContext } from '../../api/auth';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { type PinGate, pinOriginOf } from '../../api/pin-gate';
import { type TicketActor, TicketError } from '../tickets/ticket-lifecycle';
import { MaintenanceError } from './maintenance-errors';
import type { MaintenanceService } from './maintenance-service';

const OrderParams = z.object({ workOrderId: z.coerce.number().int().positive() });
const StepParams = OrderParams.extend({ stepId: z.string().min(1).max(64) });
const EquipmentParams = z.object({ equipmentId: z.string().min(1).max(64) });
const MeterResetRequest = z.object({
  equipmentId: z.string().min(1),
  meter: z.string().min(1),
  ticketId: z.number().int().positive().optional().describe('the verified repair that replaced the part'),
});

function actorOf(auth: AuthContext | undefined): TicketActor {
  const role = auth?.session.role;
  if (!auth || !role || role === 'display' || role === 'pos')
    throw forbidden('the display signs with a PIN: log in as a person');
  return { id: auth.session.userId, role };
}

function asHttpError(err: unknown): unknown {
  if (err instanceof TicketError) {
    if (err.code === 'TICKET_FORBIDDEN') return forbidden(err.message);
    if (err.code === 'TICKET_ILLEGAL_TRANSITION')
      return new ApiHttpError(409, 'illegal_transition', err.message);
    return notFound(err.message);
  }
  if (!(err instanceof MaintenanceError)) return err;
  switch (err.code) {
    case 'PM_NOT_FOUND':
    case 'PM_STEP_NOT_FOUND':
    case 'PM_UNKNOWN_METER':
      return notFound(err.message);
    case 'PM_FORBIDDEN':
    case 'PM_BAD_PIN':
      return forbidden(err.message);
    case 'PM_NOT_OPEN':
      return new ApiHttpError(409, 'not_open', err.message);
    case 'PM_VALUE_REQUIRED':
    case 'PM_CHECKLIST_INCOMPLETE':
      return new ApiHttpError(422, 'checklist', err.message);
  }
}

/**
 * Who signs: the person whose PIN is given (on a shared session), else the session's
 * user. Through the PIN gate and before anything about the work order is looked up,
 * so a wrong PIN answers the same whether the order exists or not.
 */
async function signerOf(
  gate: PinGate,
  ctx: Pick<RouteContext<unknown, unknown, SignedBy, AuthContext>, 'auth' | 'body' | 'request'>,
): Promise<TicketActor> {
  const session = actorOf(ctx.auth);
  const { user, pin } = ctx.body;
  if (user === undefined && pin === undefined) return session;
  const signer = await gate.check({ user: user ?? '', pin: pin ?? '' }, pinOriginOf(ctx.request), 'sign_off');
  return { id: signer.id, role: actingRole(signer) };
}

interface SignedBy {
  user?: string | undefined;
  pin?: string | undefined;
}

/** The request without the PIN, once the gate has turned it into the signer. */
function withoutPin<T extends SignedBy>(body: T): Omit<T, 'user' | 'pin'> {
  const { user: _user, pin: _pin, ...rest } = body;
  return rest;
}

function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asHttpError(err);
  }
}

const PIN_DESCRIPTION =
  'On a shared session, `user` and `pin` say who signs. The PIN is checked first, through the ' +
  'same throttle as `POST /api/session`: a wrong one is 403 whatever the work order, and after ' +
  'five from one place each try waits (429 with Retry-After).';

/** Preventive work orders, today's staff tasks, and what maintenance knows per equipment. */
export function maintenanceRoutes(deps: { maintenance: MaintenanceService; pinGate: PinGate }): EdgeRoute[] {
  const { maintenance, pinGate } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/tasks/today',
      summary: "Today's staff tasks (store time), with earlier ones still open",
      tags: ['maintenance'],
      access: 'board.read',
      response: z.array(WorkOrderView),
      handler: () => maintenance.todayTasks(),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/tasks/:workOrderId/sign-off',
      summary: 'One-tap sign-off of a staff task: every step signed, done and verified',
      description: PIN_DESCRIPTION,
      tags: ['maintenance'],
      access: 'work_orders.sign_off',
      params: OrderParams,
      body: TaskSignOffRequest,
      response: WorkOrderView,
      errors: [403, 404, 409, 422, 429],
      handler: async (ctx) => {
        const signer = await signerOf(pinGate, ctx);
        return answer(() => maintenance.signOffTask(ctx.params.workOrderId, withoutPin(ctx.body), signer));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/work-orders',
      summary: 'Preventive work orders, latest due first',
      tags: ['maintenance'],
      access: 'board.read',
      querystring: WorkOrdersQuery,
      response: z.array(WorkOrderView),
      handler: ({ query }) => maintenance.list(query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/work-orders/:workOrderId',
      summary: 'One work order with its checklist and history',
      tags: ['maintenance'],
      access: 'board.read',
      params: OrderParams,
      response: WorkOrderDetail,
      errors: [404],
      handler: ({ params }) => answer(() => maintenance.get(params.workOrderId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/work-orders/:workOrderId/transitions',
      summary: 'Move a work order along the ticket lifecycle (done = resolved)',
      tags: ['maintenance'],
      access: 'work_orders.sign_off',
      params: OrderParams,
      body: WorkOrderTransitionRequest,
      response: WorkOrderView,
      errors: [403, 404, 409, 422],
      handler: ({ params, body, auth }) =>
        answer(() => maintenance.transition(params.workOrderId, body, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/work-orders/:workOrderId/steps/:stepId/sign-off',
      summary: 'Sign one checklist step, with the measured value where the step asks for one',
      description: PIN_DESCRIPTION,
      tags: ['maintenance'],
      access: 'work_orders.sign_off',
      params: StepParams,
      body: StepSignOffRequest,
      response: WorkOrderView,
      errors: [403, 404, 409, 422, 429],
      handler: async (ctx) => {
        const signer = await signerOf(pinGate, ctx);
        const { workOrderId, stepId } = ctx.params;
        return answer(() => maintenance.signStep(workOrderId, stepId, withoutPin(ctx.body), signer));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/maintenance/equipment/:equipmentId',
      summary:
        'Overdue PM flags ("PM overdue 12 days"), open work orders, meters and suggestions of one machine',
      tags: ['maintenance'],
      access: 'board.read',
      params: EquipmentParams,
      response: EquipmentMaintenance,
      handler: ({ params }) => maintenance.forEquipment(params.equipmentId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/maintenance/suggestions',
      summary: 'Plans whose interval repeated repairs suggest shortening',
      tags: ['maintenance'],
      access: 'maintenance.suggestions.read',
      response: z.array(PmSuggestion),
      handler: () => maintenance.suggestions(),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/maintenance/meters/reset',
      summary: 'Restart a PM meter (part replaced) and the plans counting it',
      tags: ['maintenance'],
      access: 'maintenance.meters.reset',
      body: MeterResetRequest,
      response: z.object({ ok: z.literal(true) }),
      errors: [404],
      handler: ({ body, auth }) =>
        answer(() => {
          maintenance.resetMeter(body.equipmentId, body.meter, actorOf(auth).id, body.ticketId);
          return { ok: true as const };
        }),
    }),
  ];
}
