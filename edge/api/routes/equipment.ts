import { z } from 'zod';
import { EquipmentList, EquipmentView, ReadingSeries, ReadingsQuery } from '../../../shared/api/equipment';
import { EquipmentId } from '../../../shared/ids';
import { badRequest, notFound } from '../../../shared/server/http/errors';
import type { ApiDeps } from '../api-deps';
import { defineRoute, type EdgeRoute } from '../edge-route';
import { asKind, type EquipmentViews } from '../equipment-views';

/** Beyond this many raw points a chart needs a `step` anyway; it also bounds response size. */
export const MAX_RAW_POINTS = 10_000;
const MINUTE_MS = 60_000;

const EquipmentParams = z.object({ equipmentId: EquipmentId });

export function equipmentRoutes(deps: Pick<ApiDeps, 'readings'> & { views: EquipmentViews }): EdgeRoute[] {
  const { views, readings } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/equipment',
      summary: 'All equipment with live state and latest readings',
      tags: ['equipment'],
      access: 'board.read',
      response: EquipmentList,
      handler: () => views.list(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/equipment/:equipmentId',
      summary: 'One piece of equipment with live state and latest readings',
      tags: ['equipment'],
      access: 'board.read',
      params: EquipmentParams,
      response: EquipmentView,
      errors: [404],
      handler: ({ params }) => {
        const view = views.one(params.equipmentId);
        if (!view) throw notFound(`no equipment "${params.equipmentId}"`);
        return view;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/equipment/:equipmentId/readings',
      summary: 'Readings of one metric over a time range',
      description: `Raw points without \`step\` (at most ${MAX_RAW_POINTS}); with \`step\`, one point per bucket carrying min, max, avg and count, its value being the average (for on/off metrics: the fraction of readings that were on).`,
      tags: ['equipment'],
      access: 'board.read',
      params: EquipmentParams,
      querystring: ReadingsQuery,
      response: ReadingSeries,
      errors: [404],
      handler: ({ params, query }) => {
        const equipment = views.find(params.equipmentId);
        if (!equipment) throw notFound(`no equipment "${params.equipmentId}"`);
        const metric = views.profileOf(equipment).metrics[query.metric];
        if (!metric) throw notFound(`equipment "${equipment.id}" has no metric "${query.metric}"`);
        if (query.from >= query.to) throw badRequest('from must be before to', ['query.from: must be < to']);
        if (query.step === undefined) {
          const points = readings.raw(equipment.id, query.metric, query.from, query.to, MAX_RAW_POINTS + 1);
          if (points.length > MAX_RAW_POINTS) {
            throw badRequest(
              `more than ${MAX_RAW_POINTS} readings in this range: narrow it or pass step (ms)`,
              ['query.step: required for this range'],
            );
          }
          return points.map((p) => ({ ts: p.ts, value: asKind(p.value, metric.kind) }));
        }
        if (query.step % MINUTE_MS !== 0) {
          throw badRequest('step must be a whole number of minutes', [
            'query.step: must be a multiple of 60000',
          ]);
        }
        return readings.rolledUp(equipment.id, query.metric, query.from, query.to, query.step);
      },
    }),
  ];
}
