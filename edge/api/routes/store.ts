import { z } from 'zod';
import { EquipmentRules, StoreInfo } from '../../../shared/api/store';
import type { Rule } from '../../../shared/config/rules';
import type { StoreConfig } from '../../../shared/config/store-config';
import { notFound } from '../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../edge-route';

export interface StoreRoutesDeps {
  /** the config in force now: rules follow edits of the config file */
  currentConfig: () => StoreConfig;
  rulesOf: (equipmentId: string) => Rule[] | undefined;
}

export function storeRoutes(deps: StoreRoutesDeps): EdgeRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/store',
      summary: 'The store: id, name, time zone, and who may log in by PIN',
      tags: ['store'],
      access: 'board.read',
      response: StoreInfo,
      handler: () => {
        const { store, users } = deps.currentConfig();
        return {
          id: store.id,
          name: store.name,
          ...(store.localizedName ? { localizedName: store.localizedName } : {}),
          region: store.region,
          timezone: store.timezone,
          users: users.map(({ id, name, role, roles, pinLength }) => ({
            id,
            name,
            role,
            ...(roles === undefined ? {} : { roles }),
            ...(pinLength === undefined ? {} : { pinLength }),
          })),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/equipment/:equipmentId/rules',
      summary: 'Fault rules in force for one piece of equipment (thresholds to draw on its charts)',
      tags: ['equipment'],
      access: 'board.read',
      params: z.object({ equipmentId: z.string() }),
      response: EquipmentRules,
      errors: [404],
      handler: ({ params }) => {
        const rules = deps.rulesOf(params.equipmentId);
        if (!rules) throw notFound(`no equipment "${params.equipmentId}"`);
        return rules;
      },
    }),
  ];
}
