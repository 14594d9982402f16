import { z } from 'zod';
import {
  TimeBatchClose,
  TimeBatchParams,
  TimeBatchQuery,
  TimeBatchReading,
  TimeBatchStart,
  TimeBatchView,
  TimeControlOptionView,
} from '../../../shared/api/food-safety-time';
import { unauthorized } from '../../../shared/server/http/errors';
import type { AuthContext } from '../../api/edge-route';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { answer } from './food-safety-http';
import type { FoodSafetyService } from './food-safety-service';

/** A batch's record names who started, probed or closed it: a person, or the paired display. */
const actorOf = (auth: AuthContext | undefined): string => {
  if (!auth)
    throw unauthorized('time-controlled batches are kept by a person logged in or a paired kitchen display');
  return auth.session.userId;
};

const START_DESCRIPTION =
  'Takes a batch of food out of temperature control under an option of the store’s time_control limit ' +
  '(`foodSafety.timeControl`; the FDA’s 3-501.19: 4 h starting at 5 °C or below or 57 °C or above, or ' +
  '6 h starting at 5 °C or below and never above 21 °C). `startC` is the food’s probed temperature; one ' +
  'the option does not allow is refused (422). The batch must be served or discarded by `discardBy`; ' +
  'the box warns before it and, at it, records the batch expired and opens a corrective action to discard it.';

/** Anyone in the kitchen sees the batches; a person or the paired display starts, probes and closes them. */
export function timeBatchRoutes(deps: { foodSafety: FoodSafetyService }): EdgeRoute[] {
  const batches = () => deps.foodSafety.timeBatches;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/time-batches',
      summary: 'Batches held under time as the control, newest first, with their deadline',
      tags: ['food-safety'],
      access: 'food_safety.read',
      querystring: TimeBatchQuery,
      response: z.array(TimeBatchView),
      handler: ({ query }) => batches().list(query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/time-options',
      summary:
        'The options a batch may be held under (hours, start temperatures, ceiling); empty when not configured',
      tags: ['food-safety'],
      access: 'food_safety.read',
      response: z.array(TimeControlOptionView),
      handler: () => batches().options(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/food-safety/time-batches/:batchId',
      summary: 'A time-controlled batch in its latest version',
      tags: ['food-safety'],
      access: 'food_safety.read',
      params: TimeBatchParams,
      response: TimeBatchView,
      errors: [404],
      handler: ({ params }) => answer(() => batches().batch(params.batchId)),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/food-safety/time-batches',
      summary: 'Take a batch of food out of temperature control, with its temperature',
      description: START_DESCRIPTION,
      tags: ['food-safety'],
      access: 'food_safety.record',
      body: TimeBatchStart,
      response: TimeBatchView,
      errors: [409, 422],
      handler: ({ body, auth }) => answer(() => batches().start(body, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/food-safety/time-batches/:batchId/readings',
      summary: 'A probe reading of a held batch; above the option’s ceiling it fails at once',
      tags: ['food-safety'],
      access: 'food_safety.record',
      params: TimeBatchParams,
      body: TimeBatchReading,
      response: TimeBatchView,
      errors: [404, 409],
      handler: ({ params, body, auth }) =>
        answer(() => batches().reading(params.batchId, body.valueC, actorOf(auth))),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/food-safety/time-batches/:batchId/close',
      summary: 'A held batch served or discarded before its deadline',
      tags: ['food-safety'],
      access: 'food_safety.record',
      params: TimeBatchParams,
      body: TimeBatchClose,
      response: TimeBatchView,
      errors: [404, 409],
      handler: ({ params, body, auth }) => answer(() => batches().close(params.batchId, body, actorOf(auth))),
    }),
  ];
}
