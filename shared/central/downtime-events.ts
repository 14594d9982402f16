import type { z } from 'zod';
import { DowntimeCostEvent } from '../api/downtime';

/**
 * `downtime.cost`, entityId = the store's episode id: one closed equipment-downtime
 * episode as the edge priced it (shared/api/downtime.ts): the item, when it was off, the
 * portions and money it lost at the store's own sales rate by hour of week and menu
 * price, and each unit's share. Sent once per episode; a repeat or a later correction
 * carries the same id and a higher seq.
 */
export const DowntimeCostPayload = DowntimeCostEvent;
export type DowntimeCostPayload = z.infer<typeof DowntimeCostPayload>;
