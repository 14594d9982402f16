import { z } from 'zod';
import { LocalizedText } from '../localized-text';
import { AssetOutlook } from '../predictive/asset-outlook';

export const PREDICTIVE_ROUTES = {
  /** the region's watched assets, ranked by risk or by money at stake */
  assets: '/api/predictive/assets',
} as const;

export const AssetRanking = z.enum(['risk', 'money']);
export type AssetRanking = z.infer<typeof AssetRanking>;

export const RegionalAssetsQuery = z.strictObject({
  sort: AssetRanking.default('risk'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type RegionalAssetsQuery = z.infer<typeof RegionalAssetsQuery>;

/** One asset of a store in scope: its newest outlook as the store sent it, with where it is. */
export const RegionalAsset = z.object({
  storeId: z.string(),
  storeName: z.string(),
  regionId: z.string(),
  regionName: z.string(),
  /** as the store's pushed configuration names it; null until one is known */
  equipmentName: LocalizedText.nullable(),
  outlook: AssetOutlook,
});
export type RegionalAsset = z.infer<typeof RegionalAsset>;

export const RegionalAssetList = z.object({
  sort: AssetRanking,
  /** how many assets in scope have an outlook (the list may be cut at `limit`) */
  total: z.number().int().nonnegative(),
  assets: z.array(RegionalAsset),
});
export type RegionalAssetList = z.infer<typeof RegionalAssetList>;
