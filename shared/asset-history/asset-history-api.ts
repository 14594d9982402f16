import { z } from 'zod';
import { HistoryTicket, HistoryTime } from './asset-history-document';

/**
 * `GET /api/equipment/{equipmentId}/asset-history` on the edge: what the unit carried in
 * from the stores it stood in before (imported asset histories), read only. Each ticket
 * says which store it was at and keeps that store's numbers and dates.
 */
export const ImportedHistoryView = z.object({
  equipmentId: z.string(),
  /** Always true: carried-in history is the old store's record and is never edited here. */
  readOnly: z.literal(true),
  imports: z.array(
    z.object({
      assetKey: z.string(),
      fromStoreId: z.string(),
      fromEquipmentId: z.string(),
      exportedAt: HistoryTime,
      importedAt: z.number().int(),
      importedBy: z.string(),
      sha256: z.string(),
    }),
  ),
  tickets: z.array(z.object({ fromStoreId: z.string(), ticket: HistoryTicket })),
});
export type ImportedHistoryView = z.infer<typeof ImportedHistoryView>;
