import type { CentralDb } from '../db/central-db';

/** The table of migration 018, typed here so the predictive room reads it without the core schema. */
export type PredictiveTables = {
  predictive_outlooks: {
    store_id: string;
    equipment_id: string;
    state: string;
    risk_score: number;
    money_fen: number;
    at: number;
    /** AssetOutlook JSON, parsed on the way in */
    view: string;
    last_seq: number;
  };
};

export const withPredictive = (db: CentralDb) => db.withTables<PredictiveTables>();
