import type { FastifyInstance } from 'fastify';
import type { StoreConfig } from '../../shared/config/store-config';
import type { Logger } from '../../shared/server/runtime/logger';
import type { MetricsRegistry } from '../../shared/server/runtime/metrics';
import type { WebSocketEndpoint } from '../api/websocket-upgrade';
import type { EdgeBroker } from '../broker/edge-broker';
import type { ConfigWatcher } from '../config/config-watcher';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { Database } from '../store/database';
import type { DeviceStatusStore } from '../store/device-status-store';
import type { ReadingsStore } from '../store/readings-store';
import type { CatalogAnnouncer } from '../sync/catalog-announcer';
import type { EquipmentAnnouncement } from '../sync/equipment-announcement';
import type { StoreTls } from '../tls/store-tls';
import type { HttpsListener } from '../tls/tls-listener';
import type { BackgroundJobs } from './background-jobs';
import type { CentralLink } from './central-link';
import type { CommissioningProgress } from './commissioning-progress';
import type { EdgeAccess } from './edge-access';
import type { EquipmentRooms } from './equipment-rooms';
import type { SupplyAndSalesRooms } from './supply-and-sales-rooms';

/** Everything a started edge holds, so that it can be stopped in reverse. */
export interface Running extends SupplyAndSalesRooms, EquipmentRooms, BackgroundJobs, CentralLink {
  db: Database;
  ingest: IngestPipeline;
  broker: EdgeBroker;
  access: EdgeAccess;
  readings: ReadingsStore;
  deviceStatus: DeviceStatusStore;
  commissioning: CommissioningProgress;
  equipmentNames: EquipmentAnnouncement;
  catalog: CatalogAnnouncer;
  tls: StoreTls | undefined;
  /** present when MQTT over TLS listens */
  mqttsPort?: number | undefined;
  configWatcher?: ConfigWatcher;
  api?: FastifyInstance;
  mqttOverWebSocket?: WebSocketEndpoint;
  https?: HttpsListener;
  httpsPort?: number;
  mqttOverWss?: WebSocketEndpoint;
}

/** The domain rooms and serial lines, once the broker listens and before the API does. */
export function startRooms(running: Running, deps: { logger: Logger; metrics: MetricsRegistry }): void {
  const { alarms, tickets, stock, downtime, availability, maintenance, parts, rules, foodSafety } = running;
  alarms.start();
  tickets.start();
  stock.start();
  downtime.start();
  availability.start();
  maintenance.start();
  parts.start();
  rules.start();
  foodSafety.start();
  running.predictive.start().catch((err: unknown) => deps.logger.error({ err }, 'predictive start failed'));
  running.serial.registerMetrics(deps.metrics);
  running.serialTelemetry.start();
  running.serial.start();
}

/** The jobs on a timer and the link to central, last: everything they read is up. */
export function startJobs(running: Running): void {
  running.rollups.start();
  running.retention.start();
  running.foodSafetyPruning.start();
  running.foodSafetyArchive.start();
  running.backups.start();
  running.maintenanceMetrics.start();
  running.sync.start();
  running.commissioning.job.start();
  running.updater.start();
}

/**
 * Rules and ticket policy follow the new config at once; the equipment registry,
 * users, limits and ports are read at start, so changing those needs a restart.
 */
export function reloadRooms(running: Running, next: StoreConfig, now: number): void {
  running.rules.reload(next);
  running.tickets.reload(next);
  running.maintenance.reload(next);
  running.parts.reload(next);
  running.stock.reload(next);
  running.foodSafety.reload(next);
  running.technicians.reload(next);
  running.maintenanceMetrics.reload(next);
  running.equipmentNames.announce(next, now);
  running.catalog.announce(next, now);
}

/** Stops in reverse: listeners first, the database last, so all the broker acknowledged commits. */
export async function stopRunning(running: Running): Promise<void> {
  running.configWatcher?.stop();
  running.tls?.stop();
  await running.mqttOverWebSocket?.close();
  await running.mqttOverWss?.close();
  await running.https?.close();
  await running.api?.close();
  running.updater.stop();
  await running.commissioning.job.stop();
  await running.sync.stop();
  running.serialTelemetry.stop();
  await running.broker.stop();
  await running.serial.stop();
  running.foodSafety.stop();
  running.rules.stop();
  await running.maintenanceMetrics.stop();
  running.parts.stop();
  running.maintenance.stop();
  running.availability.stop();
  running.downtime.stop();
  running.stock.stop();
  running.predictive.stop();
  running.tickets.stop();
  running.alarms.stop();
  await running.rollups.stop();
  await running.retention.stop();
  await running.foodSafetyArchive.stop();
  await running.backups.stop();
  await running.foodSafetyPruning.stop();
  await running.ingest.stop();
  running.db.close();
}
