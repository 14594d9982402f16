import { ChainPruning } from '../domains/food-safety/chain-pruning';
import type { FoodSafetyService } from '../domains/food-safety/food-safety-service';
import { serviceReportSource } from '../domains/food-safety/report/service-report-source';
import { ReportArchiveJob } from '../domains/food-safety/report-archive/report-archive-job';
import { RetentionJob } from '../store/retention-job';
import type { RollupBacklog } from '../store/rollup-backlog';
import { RollupJob } from '../store/rollup-job';
import type { Random } from '../sync/backoff';
import { BackupJob } from '../sync/backup/backup-job';
import type { CentralEndpoint } from '../sync/central-client';
import type { EdgeWiring } from './edge-wiring';

/** The edge's jobs on a timer: rollups, retention, food-safety archive and pruning, backups. */
export interface BackgroundJobs {
  rollups: RollupJob;
  retention: RetentionJob;
  foodSafetyArchive: ReportArchiveJob;
  backups: BackupJob;
  foodSafetyPruning: ChainPruning;
}

export function buildBackgroundJobs(
  w: EdgeWiring,
  deps: {
    dataDir: string;
    rollupBacklog: RollupBacklog;
    foodSafety: FoodSafetyService;
    central: CentralEndpoint | undefined;
    random: Random | undefined;
  },
): BackgroundJobs {
  const { db, clock, logger, config, current } = w;
  const { dataDir, foodSafety } = deps;
  const rollups = new RollupJob({ db, clock, logger, backlog: deps.rollupBacklog });
  const retention = new RetentionJob({ db, clock, logger, storage: config.storage });
  // Each closed month's report, made here, goes to central so the region downloads the box's own copy.
  const foodSafetyArchive = new ReportArchiveJob({
    db,
    clock,
    logger,
    source: serviceReportSource(foodSafety, current),
    central: deps.central,
    timeoutMs: Math.max(config.sync.requestTimeoutS * 1000, 60_000),
  });
  // The whole database to central every few minutes, so a replacement box loses only the last few.
  const backups = new BackupJob({
    dataDir,
    storeId: config.store.id,
    clock,
    logger,
    settings: () => current().sync.backup,
    central: deps.central,
    ...(deps.random ? { random: deps.random } : {}),
  });
  // Records past the retention are pruned behind a checkpoint, so verify still proves the rest.
  const foodSafetyPruning = new ChainPruning({
    db,
    clock,
    logger,
    storeId: config.store.id,
    retentionDays: () => current().foodSafety.retentionDays,
    controlPointsInForce: () => foodSafety.controlPoints().map((cp) => cp.id),
    takeUpRestatedLimits: () => foodSafety.reload(current()),
    metrics: w.metrics,
  });
  return { rollups, retention, foodSafetyArchive, backups, foodSafetyPruning };
}
