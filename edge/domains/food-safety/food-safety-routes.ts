import { z } from 'zod';
import {
  ControlPointParams,
  ControlPointView,
  CorrectiveActionParams,
  CorrectiveActionSignOff,
  CorrectiveActionsQuery,
  CorrectiveActionView,
  DailyCompliance,
  DayQuery,
  MinuteLog,
} from '../../../shared/api/food-safety';
import { RulePack } from '../../../shared/config/food-safety';
import { DISPLAY_ROLE, heldRoles } from '../../../shared/roles';
import { ApiHttpError, forbidden, notFound } from '../../../shared/server/http/errors';
import { BOARD_READERS, PEOPLE } from '../../api/auth';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { type PinGate, pinOriginOf } from '../../api/pin-gate';
import { FoodSafetyError } from './food-safety-errors';
import type { FoodSafetyService } from './food-safety-service';

function asHttpError(err: unknown): unknown {
  if (!(err instanceof FoodSafetyError)) return err;
  switch (err.code) {
    case 'CONTROL_POINT_NOT_FOUND':
    case 'ACTION_NOT_FOUND':
      return notFound(err.message);
    case 'ACTION_NOT_OPEN':
      return new ApiHttpError(409, 'not_open', err.message);
    case 'NOT_IN_CHARGE':
      return forbidden(err.message);
    case 'SIGN_OFF_INCOMPLETE':
      return new ApiHttpError(422, 'incomplete', err.message);
  }
}

function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asHttpError(err);
  }
}

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
      access: BOARD_READERS,
      response: z.array(RulePack),
      handler: () => foodSafety.packs(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/control-points',
      summary: 'Control points: which unit is under which limit, its latest record and open excursion',
      tags: ['food-safety'],
      access: BOARD_READERS,
      response: z.array(ControlPointView),
      handler: () => foodSafety.controlPoints(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/control-points/:controlPointId/records',
      summary: 'The holding log of a control point for a store day, one record per recording interval',
      tags: ['food-safety'],
      access: BOARD_READERS,
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
      access: BOARD_READERS,
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
      access: BOARD_READERS,
      querystring: CorrectiveActionsQuery,
      response: z.array(CorrectiveActionView),
      handler: ({ query }) => foodSafety.correctiveActions(query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/food-safety/corrective-actions/:actionId/sign-off',
      summary: 'Sign a corrective action off: what was done, product disposition and quantity',
      description: SIGN_OFF_DESCRIPTION,
      tags: ['food-safety'],
      access: [...PEOPLE, DISPLAY_ROLE],
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
