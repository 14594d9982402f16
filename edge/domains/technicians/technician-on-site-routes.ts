import { z } from 'zod';
import { notFound } from '../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';

export interface TechnicianOnSiteControl {
  setTechnicianOnSite(equipmentId: string, untilMs: number | null): boolean;
  technicianOnSiteUntil(equipmentId: string): number | null;
}

const MAX_VISIT_MS = 12 * 3_600_000;

export const TechnicianOnSiteRequest = z.object({
  minutes: z
    .number()
    .int()
    .min(0)
    .max(MAX_VISIT_MS / 60_000)
    .describe('how long alarms of this equipment are held back; 0 ends the visit'),
});
export const TechnicianOnSiteState = z.object({
  equipmentId: z.string(),
  until: z.number().int().nullable().describe('epoch ms the visit ends; null when nobody is on site'),
});

/**
 * While a technician works on a machine its readings are expected to look wrong;
 * their visit holds back its fault alarms (the rule engine's suppression) for a
 * bounded time, so a forgotten visit cannot silence a machine for good.
 */
export function technicianOnSiteRoutes(deps: {
  rules: TechnicianOnSiteControl;
  now: () => number;
}): EdgeRoute[] {
  return [
    defineRoute({
      method: 'PUT',
      url: '/api/equipment/:equipmentId/technician-on-site',
      summary: 'Start or end a technician visit that holds back the equipment’s fault alarms',
      tags: ['equipment'],
      access: 'equipment.technician_on_site',
      params: z.object({ equipmentId: z.string() }),
      body: TechnicianOnSiteRequest,
      response: TechnicianOnSiteState,
      errors: [404],
      handler: ({ params, body }) => {
        const until = body.minutes === 0 ? null : deps.now() + body.minutes * 60_000;
        if (!deps.rules.setTechnicianOnSite(params.equipmentId, until)) {
          throw notFound(`no equipment "${params.equipmentId}"`);
        }
        return {
          equipmentId: params.equipmentId,
          until: deps.rules.technicianOnSiteUntil(params.equipmentId),
        };
      },
    }),
  ];
}
