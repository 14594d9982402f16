import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { StoreTokens } from './auth/store-tokens';
import type { CentralUsers } from './auth/users';
import type { StoreBackups } from './backups/store-backups';
import type { ConfigVersions } from './config/config-versions';
import type { CentralDatabase } from './db/central-db';
import type { StoreDirectory } from './directory';
import type { BatchIngest } from './ingest/batch-ingest';
import type { AlarmFeedSignal } from './live/alarm-feed-signal';
import type { WebhookDispatcher } from './webhooks/webhook-dispatcher';
import type { WebhookStore } from './webhooks/webhook-store';

/** The parts of the central service the HTTP routes and the admin functions work with. */
export interface CentralContext {
  database: CentralDatabase;
  clock: Clock;
  logger: Logger;
  users: CentralUsers;
  tokens: StoreTokens;
  directory: StoreDirectory;
  ingest: BatchIngest;
  configs: ConfigVersions;
  webhooks: WebhookStore;
  dispatcher: WebhookDispatcher;
  /** the stores' box backups, on disk under the data dir */
  backups: StoreBackups;
  /** wakes the regional page's held alarm feed polls (live/) */
  alarmFeed: AlarmFeedSignal;
}
