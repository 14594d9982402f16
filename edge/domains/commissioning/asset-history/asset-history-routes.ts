import { z } from 'zod';
import { ImportedHistoryView } from '../../../../shared/asset-history/asset-history-api';
import { HistoryTicket } from '../../../../shared/asset-history/asset-history-document';
import type { StoreConfig } from '../../../../shared/config/store-config';
import { notFound } from '../../../../shared/server/http/errors';
import { defineRoute, type EdgeRoute } from '../../../api/edge-route';
import type { Database } from '../../../store/database';
import { ImportedHistoryStore } from './imported-history-store';

const EquipmentParams = z.object({ equipmentId: z.string().min(1).max(64) });

/**
 * The history a unit carried in from other stores, beside its own tickets: who repaired
 * it where, when, and for how much. Read only (`diagnostics.read`, the maintenance roles);
 * it is written by `galley equipment import-history` alone.
 */
export function assetHistoryRoutes(deps: { db: Database; config: () => StoreConfig }): EdgeRoute[] {
  const store = new ImportedHistoryStore(deps.db);
  return [
    defineRoute({
      method: 'GET',
      url: '/api/equipment/:equipmentId/asset-history',
      summary: 'The history the unit carried in from the stores it stood in before (read only)',
      description:
        'Imported asset histories (sealed documents from `galley equipment export-history`), each with the ' +
        'store it came from and its dates, and every ticket from there with its transitions, quotes, parts ' +
        'and repair spend (exact decimal text). Empty lists for a unit that never moved.',
      tags: ['equipment'],
      access: 'diagnostics.read',
      params: EquipmentParams,
      response: ImportedHistoryView,
      errors: [404],
      handler: ({ params }) => {
        const { equipmentId } = params;
        if (!deps.config().equipment.some((e) => e.id === equipmentId))
          throw notFound(`no equipment ${equipmentId}`);
        return {
          equipmentId,
          readOnly: true as const,
          imports: store.importsOf(equipmentId).map((i) => ({
            assetKey: i.asset_key,
            fromStoreId: i.from_store_id,
            fromEquipmentId: i.from_equipment_id,
            exportedAt: i.exported_at,
            importedAt: i.imported_at,
            importedBy: i.imported_by,
            sha256: i.sha256,
          })),
          tickets: store.ticketsOf(equipmentId).map((t) => ({
            fromStoreId: t.from_store_id,
            ticket: HistoryTicket.parse(JSON.parse(t.ticket_json)),
          })),
        };
      },
    }),
  ];
}
