import { z } from 'zod';
import { AvailabilityDelivery, ItemAvailability, ManualEightySix } from '../../../shared/api/menu';
import { ApiHttpError, forbidden, notFound } from '../../../shared/server/http/errors';
import type { AuthContext } from '../../api/auth';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import { AvailabilityError, type AvailabilityService } from './availability-service';

const ItemParams = z.object({ item: z.string().min(1).max(64) });
const DeliveriesQuery = z.strictObject({ limit: z.coerce.number().int().min(1).max(1000).default(100) });

function answer<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (!(err instanceof AvailabilityError)) throw err;
    throw err.code === 'ITEM_UNKNOWN' ? notFound(err.message) : new ApiHttpError(409, 'not_86d', err.message);
  }
}

/** A person does the 86: a screen or an integration may not take an item off on its own. */
function personOf(auth: AuthContext | undefined): string {
  const role = auth?.session.role;
  if (!auth || !role || role === 'display' || role === 'pos')
    throw forbidden('86ing an item needs a person logged in');
  return auth.session.userId;
}

export function availabilityRoutes(deps: { availability: AvailabilityService }): EdgeRoute[] {
  const { availability } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/menu/availability',
      summary: 'Which menu items can be sold now, and why not (equipment, stock, manual)',
      description:
        "Computed: an item is unavailable while no unit of an equipment type it needs is in service (a unit is out with an active critical alarm other than offline/silent, or an open out-of-service repair ticket), while a tracked ingredient has no portion projected on hand, or while someone 86'd it. Each reason says since when; an equipment reason names the units and their alarm or ticket.",
      tags: ['menu'],
      access: 'menu.availability.read',
      response: z.array(ItemAvailability),
      handler: () => availability.list(),
    }),
    defineRoute({
      method: 'PUT',
      url: '/api/menu/items/:item/eighty-six',
      summary: '86 an item by hand (it stays off until put back, whatever the equipment and stock do)',
      tags: ['menu'],
      access: 'menu.eighty_six',
      params: ItemParams,
      body: ManualEightySix,
      response: ItemAvailability,
      errors: [403, 404],
      handler: ({ params, body, auth }) =>
        answer(() => availability.stop86(params.item, personOf(auth), body.note)),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/menu/items/:item/eighty-six',
      summary: "Put an item 86'd by hand back (equipment or stock may still keep it off)",
      tags: ['menu'],
      access: 'menu.eighty_six',
      params: ItemParams,
      response: ItemAvailability,
      errors: [403, 404, 409],
      handler: ({ params, auth }) => {
        personOf(auth);
        return answer(() => availability.release86(params.item));
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/menu/availability/deliveries',
      summary: 'Every availability change sent to the POS webhooks, newest first, with its attempts',
      tags: ['menu'],
      access: 'menu.deliveries.read',
      querystring: DeliveriesQuery,
      response: z.array(AvailabilityDelivery),
      handler: ({ query }) => availability.store.deliveries(query.limit),
    }),
  ];
}
