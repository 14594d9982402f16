import { CommissioningChecklist } from '../../../../shared/api/commissioning';
import { defineRoute, type EdgeRoute } from '../../../api/edge-route';
import type { CommissioningChecklistService } from './commissioning-checklist';

/**
 * The checklist for the installer and the manager on the box: technicians and
 * managers read diagnostics, so they read this too.
 */
export function commissioningRoutes(deps: { checklist: CommissioningChecklistService }): EdgeRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/commissioning/checklist',
      summary: 'The commissioning checklist, from live data',
      description:
        'Every unit reporting in range, cold units at temperature, a test alarm per unit seen at central, a display connected, sync healthy, users and PINs set, food-safety control points assigned; each with progress and what it waits for.',
      tags: ['commissioning'],
      access: 'diagnostics.read',
      response: CommissioningChecklist,
      handler: () => deps.checklist.checklist(),
    }),
  ];
}
