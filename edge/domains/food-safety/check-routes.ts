import { z } from 'zod';
import {
  CheckEntry,
  CheckParams,
  CheckRecordsQuery,
  CheckRecordView,
  CheckSlotView,
  ChecksQuery,
} from '../../../shared/api/food-safety-checks';
import { ApiHttpError } from '../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { type PinGate, pinOriginOf } from '../../api/pin-gate';
import { answer } from './food-safety-http';
import type { FoodSafetyService } from './food-safety-service';

const ENTRY_DESCRIPTION =
  'The value a person measured for one slot of a check (`slotAt` from `GET /api/food-safety/checks`), ' +
  'with their `user` and `pin`, whoever’s session sends it (a paired kitchen display too); the PIN goes ' +
  'through the same throttle as `POST /api/session`. A slot takes a value from 15 minutes before it is ' +
  'due until its window closes, once; a value out of the limit is recorded as it is and opens a ' +
  'corrective action. A slot nobody filled is recorded as missed when its window closes.';

/** Anyone in the kitchen sees the day's checks; the person who measured enters the value with their PIN. */
export function checkRoutes(deps: { foodSafety: FoodSafetyService; pinGate: PinGate }): EdgeRoute[] {
  const { foodSafety, pinGate } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/checks',
      summary: 'The manual checks of a store day: each scheduled time with its record, or due, upcoming',
      tags: ['food-safety'],
      access: 'food_safety.read',
      querystring: ChecksQuery,
      response: z.array(CheckSlotView),
      handler: ({ query }) => foodSafety.checksOfDay(query.day),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/check-records',
      summary: 'Manual-check records of slots due in a range: values measured and checks missed',
      tags: ['food-safety'],
      access: 'food_safety.read',
      querystring: CheckRecordsQuery,
      response: z.array(CheckRecordView),
      handler: ({ query }) =>
        foodSafety
          .checkRecordsIn({ from: query.from, to: query.to })
          .filter((r) => query.status === undefined || r.status === query.status),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/food-safety/checks/:checkId/records',
      summary: 'Enter the value measured for a manual check',
      description: ENTRY_DESCRIPTION,
      tags: ['food-safety'],
      access: 'food_safety.record',
      params: CheckParams,
      body: CheckEntry,
      response: CheckRecordView,
      errors: [403, 404, 409, 422, 429],
      handler: async ({ params, body, request }) => {
        const person = await pinGate.check(
          { user: body.user, pin: body.pin },
          pinOriginOf(request),
          'sign_off',
        );
        const { slotAt, valueC, note } = body;
        if (slotAt === undefined || valueC === undefined)
          throw new ApiHttpError(
            422,
            'incomplete',
            `a check record names its slot and the value measured; missing: ${[
              ...(slotAt === undefined ? ['slotAt'] : []),
              ...(valueC === undefined ? ['valueC'] : []),
            ].join(', ')}`,
          );
        return answer(() => foodSafety.enterCheck(params.checkId, { slotAt, valueC, note }, person.id));
      },
    }),
  ];
}
