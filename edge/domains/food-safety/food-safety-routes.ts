import { z } from 'zod';
import {
  ControlPointParams,
  ControlPointView,
  CoolingBatchView,
  CoolingDiscard,
  CoolingParams,
  CoolingProbeView,
  CoolingQuery,
  CoolingStart,
  CorrectiveActionParams,
  CorrectiveActionSignOff,
  CorrectiveActionsQuery,
  CorrectiveActionView,
  DailyCompliance,
  DayQuery,
  MinuteLog,
} from '../../../shared/api/food-safety';
import { RulePack } from '../../../shared/config/food-safety';
import { heldRoles } from '../../../shared/roles';
import { unauthorized } from '../../../shared/server/http/errors';
import { type AuthContext, defineRoute, type EdgeRoute } from '../../api/edge-route';
import { type PinGate, pinOriginOf } from '../../api/pin-gate';
import { answer } from './food-safety-http';
import type { FoodSafetyService } from './food-safety-service';

/** A cooling record names who started or discarded the batch: a person, or the paired display. */
const actorOf = (auth: AuthContext | undefined): string => {
  if (!auth) throw unauthorized('cooling logs are kept by a person logged in or a paired kitchen display');
  return auth.session.userId;
};

const COOLING_DESCRIPTION =
  'Starts a cooling batch on a probe of `foodSafety.cooling.probes`. Cooling begins (t0) when the probe ' +
  'reads the limit’s start temperature (at once if it already does); each stage must reach its ' +
  'temperature within its minutes of t0, or fails at exactly its deadline and opens a corrective action ' +
  '(signed off as `reheat_recool` or `discarded`). One batch per probe at a time.';

const SIGN_OFF_DESCRIPTION =
  'Signed by the person in charge (a manager or admin) with their `user` and `pin`, whoever’s session ' +
  'sends it (a paired kitchen display too). The PIN is checked first, through the same throttle as ' +
  '`POST /api/session`: a wrong one is 403 whatever the action, and after five from one place each try ' +
  'waits (429 with Retry-After). The sign-off is a new record amending the open one; nothing is rewritten.';

/**
 * Anyone in the kitchen reads the records (the board shows them); signing a corrective
 * action off takes the PIN of the person in charge.
 */
export function foodSafetyRoutes(deps: { foodSafety: FoodSafetyService; pinGate: PinGate }): EdgeRoute[] {
  const { foodSafety, pinGate } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/packs',
      summary: 'The rule packs: critical limits with the clause each comes from, quoted',
      tags: ['food-safety'],
      access: 'food_safety.read',
      response: z.array(RulePack),
      handler: () => foodSafety.packs(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/control-points',
      summary: 'Control points: which unit is under which limit, its latest record and open excursion',
      tags: ['food-safety'],
      access: 'food_safety.read',
      response: z.array(ControlPointView),
      handler: () => foodSafety.controlPoints(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/control-points/:controlPointId/records',
      summary: 'The holding log of a control point for a store day, one record per recording interval',
      tags: ['food-safety'],
      access: 'food_safety.read',
      params: ControlPointParams,
      querystring: DayQuery,
      response: MinuteLog,
      errors: [404],
      handler: ({ params, query }) => answer(() => foodSafety.minuteLog(params.controlPointId, query.day)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/control-points/:controlPointId/compliance',
      summary: 'Daily compliance of a control point: share of minutes in limit, and pass or fail',
      description: 'A day fails on any excursion (out of limit longer than the alert delay) touching it.',
      tags: ['food-safety'],
      access: 'food_safety.read',
      params: ControlPointParams,
      querystring: DayQuery,
      response: DailyCompliance,
      errors: [404],
      handler: ({ params, query }) => answer(() => foodSafety.compliance(params.controlPointId, query.day)),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/corrective-actions',
      summary: 'Corrective actions, newest first (their latest version)',
      tags: ['food-safety'],
      access: 'food_safety.read',
      querystring: CorrectiveActionsQuery,
      response: z.array(CorrectiveActionView),
      handler: ({ query }) => foodSafety.correctiveActions(query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/cooling',
      summary: 'Cooling batches, newest first: stages, deadlines, latest probe reading and projection',
      tags: ['food-safety'],
      access: 'food_safety.read',
      querystring: CoolingQuery,
      response: z.array(CoolingBatchView),
      handler: ({ query }) => foodSafety.coolingBatches(query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/cooling-probes',
      summary: 'The units a cooling batch may be started on, and the batch each is busy with',
      tags: ['food-safety'],
      access: 'food_safety.read',
      response: z.array(CoolingProbeView),
      handler: () => foodSafety.coolingProbes(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/cooling/:batchId',
      summary: 'A cooling batch in its latest version',
      tags: ['food-safety'],
      access: 'food_safety.read',
      params: CoolingParams,
      response: CoolingBatchView,
      errors: [404],
      handler: ({ params }) => answer(() => foodSafety.coolingBatch(params.batchId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/food-safety/cooling',
      summary: 'Start cooling a batch of cooked food on a probe',
      description: COOLING_DESCRIPTION,
      tags: ['food-safety'],
      access: 'food_safety.record',
      body: CoolingStart,
      response: CoolingBatchView,
      errors: [409, 422],
      handler: ({ body, auth }) => answer(() => foodSafety.startCooling(body, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/food-safety/cooling/:batchId/discard',
      summary: 'Discard a cooling batch (still cooling, or failed); recorded with who',
      tags: ['food-safety'],
      access: 'food_safety.record',
      params: CoolingParams,
      body: CoolingDiscard,
      response: CoolingBatchView,
      errors: [404, 409],
      handler: ({ params, body, auth }) =>
        answer(() => foodSafety.discardCooling(params.batchId, body.note, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/food-safety/corrective-actions/:actionId/sign-off',
      summary: 'Sign a corrective action off: what was done, product disposition and quantity',
      description: SIGN_OFF_DESCRIPTION,
      tags: ['food-safety'],
      access: 'food_safety.record',
      params: CorrectiveActionParams,
      body: CorrectiveActionSignOff,
      response: CorrectiveActionView,
      errors: [403, 404, 409, 422, 429],
      handler: async ({ params, body, request }) => {
        const signer = await pinGate.check(
          { user: body.user, pin: body.pin },
          pinOriginOf(request),
          'sign_off',
        );
        const { user: _user, pin: _pin, ...rest } = body;
        return answer(() =>
          foodSafety.signOff(params.actionId, rest, { id: signer.id, roles: heldRoles(signer) }),
        );
      },
    }),
  ];
}
