import type { StoreConfig } from '../../shared/config/store-config';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { MetricsRegistry } from '../../shared/server/runtime/metrics';
import type { EventBus } from '../runtime/event-bus';
import type { Database } from '../store/database';

/** What every part of the edge's assembly is built with: one database, clock, log, bus and metrics. */
export interface EdgeWiring {
  db: Database;
  clock: Clock;
  logger: Logger;
  bus: EventBus;
  metrics: MetricsRegistry;
  /** the config read at start, with central's overlay: what is fixed until a restart */
  config: StoreConfig;
  /** the config in force now: a reload (file edit, central's overlay) swaps it */
  current: () => StoreConfig;
}
