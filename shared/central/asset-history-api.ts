import { z } from 'zod';
import { AssetIdentifier } from '../config/asset';
import { CentralTicket } from './api';

export const ASSET_HISTORY_ROUTES = {
  /** one unit across the stores it stood in, by its nameplate serial (or `tag:<asset tag>`) */
  history: '/api/assets/:serial/history',
} as const;

export const AssetHistoryParams = z.strictObject({
  serial: z.union([AssetIdentifier, z.string().regex(/^tag:[A-Za-z0-9][A-Za-z0-9._/-]{2,63}$/)]),
});

/** One stay of the unit in one store, as central saw it in that store's equipment list. */
export const AssetStay = z.object({
  storeId: z.string(),
  storeName: z.string(),
  regionId: z.string(),
  equipmentId: z.string(),
  /** First and last time the store listed the unit (epoch ms); `until` null while it is still there. */
  since: z.number().int(),
  until: z.number().int().nullable(),
  /** The store's tickets of the unit while it stood there, oldest first, as central has them. */
  tickets: z.array(CentralTicket),
});
export type AssetStay = z.infer<typeof AssetStay>;

export const AssetHistoryAcrossStores = z.object({
  assetKey: z.string(),
  /** Oldest stay first. */
  stays: z.array(AssetStay),
  /** Stays in stores outside the caller's scope: counted, not shown. */
  staysOutOfScope: z.number().int().nonnegative(),
});
export type AssetHistoryAcrossStores = z.infer<typeof AssetHistoryAcrossStores>;
