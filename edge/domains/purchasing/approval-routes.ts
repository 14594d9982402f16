import { z } from 'zod';
import {
  ApprovalStepList,
  DelegationList,
  DelegationRequest,
  DelegationView,
  RequestKind,
} from '../../../shared/purchasing/approval-events';
import { ApiHttpError } from '../../../shared/server/http/errors';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { AuthContext } from '../../api/auth';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import type { ApprovalDelegations } from './approval-delegation';
import { ApprovalRefused } from './approval-errors';
import type { ApprovalGate } from './approval-gate';

const StepsParams = z.object({ kind: RequestKind, requestId: z.coerce.number().int().positive() });

/** A refused delegation is the caller's mistake: 400 with why in both languages. */
function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ApprovalRefused)
      throw new ApiHttpError(
        400,
        err.code.toLowerCase(),
        err.message,
        undefined,
        {},
        { messages: err.messages },
      );
    throw err;
  }
}

function personOf(auth: AuthContext | undefined): { id: string; roles: readonly string[] } {
  if (!auth) throw new ApiHttpError(403, 'forbidden', 'a delegation names a person');
  return { id: auth.session.userId, roles: auth.session.roles };
}

/** Approval steps of a request, and managers' delegations of their level. */
export function approvalRoutes(deps: {
  gate: ApprovalGate;
  delegations: ApprovalDelegations;
  clock: Clock;
}): EdgeRoute[] {
  const { gate, delegations, clock } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/purchase-approvals/:kind/:requestId',
      summary: 'The approval steps of a purchase request, in order',
      description:
        'Each step with its level, why it is on the route, and who decided it when; `current` marks the one whose turn it is. Store-level steps are decided on the box, the others at central.',
      tags: ['purchasing'],
      access: 'purchase_requests.read',
      params: StepsParams,
      response: ApprovalStepList,
      handler: ({ params }) => gate.steps(params.kind, params.requestId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/approval-delegations',
      summary: 'Delegations of approval levels still running',
      tags: ['purchasing'],
      access: 'purchase_requests.read',
      response: DelegationList,
      handler: () => delegations.active(clock.now()),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/approval-delegations',
      summary: "Delegate one's approval level to another person until a date",
      description:
        'Only the store level (`manager`), by one who holds it, to a store user who may approve; at most 90 days. Used when requests are routed and decided; ignored after `until`. 400 says why in en and zh-CN.',
      tags: ['purchasing'],
      access: 'purchase_requests.approve',
      body: DelegationRequest,
      response: DelegationView,
      status: 201,
      errors: [400],
      handler: ({ body, auth }) => answer(() => delegations.delegate(personOf(auth), body, clock.now())),
    }),
  ];
}
