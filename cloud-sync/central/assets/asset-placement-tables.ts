import type { CentralDb } from '../db/central-db';

/** The table of migration 024, typed here so the assets room reads it without the core schema. */
export type AssetPlacementTables = {
  asset_placements: {
    asset_key: string;
    store_id: string;
    equipment_id: string;
    since: number;
    until: number | null;
    last_seq: number;
  };
};

export const withAssetPlacements = (db: CentralDb) => db.withTables<AssetPlacementTables>();
