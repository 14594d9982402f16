import { z } from 'zod';
import { PredictiveAssetList, PredictiveAssetView } from '../../../shared/predictive/predictive-asset-view';
import { notFound } from '../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../api/edge-route';
import type { PredictiveService } from './predictive-service';

/**
 * Predictive maintenance on the box. Read with `diagnostics.read` (the maintenance roles):
 * the view carries replacement prices and the repair-or-replace figures, which the kitchen
 * wall screen has no need for; the tickets themselves show on the board as any ticket does.
 */
export function predictiveRoutes(deps: { predictive: PredictiveService }): EdgeRoute[] {
  const { predictive } = deps;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/predictive/assets',
      summary:
        'Watched cold boxes and fryers: learning (days left), watching, or a finding with its forecast',
      description:
        'A finding carries its suspected cause, the evidence (feature, baseline, current, z), the time-to-limit ' +
        'forecast and the suggested action in en and zh-CN, with the repair ticket it opened. repairOrReplace is ' +
        'computed when the asset register (installDate, expectedLifeYears, replacementPrice) is filled in.',
      tags: ['predictive'],
      access: 'diagnostics.read',
      response: PredictiveAssetList,
      handler: () => predictive.assets(),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/predictive/assets/:equipmentId',
      summary: 'One watched asset: its finding, repair or replace with every input, and its outlook',
      description:
        'repairOrReplaceInputs says where each number came from: the asset register, the latest quote on an ' +
        "open ticket of the unit, the last 12 months' repairs (quotes of resolved tickets, priced parts), the " +
        "energy penalty (duty increase × rated power × 24 h × tariff) and the downtime cost of items 86'd.",
      tags: ['predictive'],
      access: 'diagnostics.read',
      params: z.object({ equipmentId: z.string().min(1).max(64) }),
      response: PredictiveAssetView,
      errors: [404],
      handler: ({ params }) => {
        const view = predictive.asset(params.equipmentId);
        if (!view) throw notFound(`${params.equipmentId} is not a watched asset`);
        return view;
      },
    }),
  ];
}
