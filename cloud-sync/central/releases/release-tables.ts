import type { Generated } from 'kysely';

/** The tables of migration 023 (releases-migration.ts), for Kysely's `withTables`. */
export type ReleaseTables = {
  edge_releases: {
    version: string;
    sha256: string;
    bytes: number;
    node_major: number;
    lock_hash: string;
    built_at: number;
    bundle_base64: string;
    uploaded_by: string;
    uploaded_at: number;
  };
  edge_rollouts: {
    id: Generated<number>;
    release_version: string;
    stage: string;
    target: string | null;
    status: string;
    created_by: string;
    created_at: number;
    halted_at: number | null;
    halted_reason: string | null;
    /** HaltedCause JSON when a box halted it (migration 025) */
    halted_cause: string | null;
    /** RolloutStep[] JSON */
    steps: string;
  };
  edge_box_status: {
    store_id: string;
    version: string;
    /** 1 healthy, 0 not */
    healthy: number;
    /** BoxHealth.checks JSON */
    checks: string;
    supervised: number;
    reported_at: number;
    /** BoxUpdateReport JSON */
    last_update: string | null;
  };
};
