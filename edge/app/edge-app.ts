import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreConfig } from '../../shared/config/store-config';
import { type Clock, systemClock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import { MetricsRegistry } from '../../shared/server/runtime/metrics';
import type { EdgeBroker } from '../broker/edge-broker';
import { ConfigWatcher } from '../config/config-watcher';
import type { AlarmService } from '../domains/alarms/alarm-service';
import type { AvailabilityService } from '../domains/availability/availability-service';
import type { FoodSafetyService } from '../domains/food-safety/food-safety-service';
import type { MaintenanceService } from '../domains/maintenance/maintenance-service';
import type { OrdersRoom } from '../domains/orders/orders-room';
import type { PartsService } from '../domains/parts/parts-service';
import type { RuleEngine } from '../domains/rules/rule-engine';
import type { StockService } from '../domains/stock/stock-service';
import type { TicketService } from '../domains/tickets/ticket-service';
import { registerIngestMetrics } from '../ingest/ingest-metrics';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import { EventBus } from '../runtime/event-bus';
import { type Database, openDatabase } from '../store/database';
import { DeviceStatusStore } from '../store/device-status-store';
import { ReadingsStore } from '../store/readings-store';
import { RollupBacklog } from '../store/rollup-backlog';
import type { Random } from '../sync/backoff';
import { CatalogAnnouncer } from '../sync/catalog-announcer';
import type { CentralEndpoint } from '../sync/central-client';
import { EquipmentAnnouncement } from '../sync/equipment-announcement';
import { withStoredOverlay } from '../sync/stored-overlay';
import type { SyncService } from '../sync/sync-service';
import { StoreTls } from '../tls/store-tls';
import { buildBackgroundJobs } from './background-jobs';
import { buildCentralLink } from './central-link';
import { buildCommissioningProgress } from './commissioning-progress';
import { buildEdgeAccess, edgeBrokerFor } from './edge-access';
import { announcerVia } from './edge-announcer';
import { createEdgeApi } from './edge-api';
import { type Running, reloadRooms, startJobs, startRooms, stopRunning } from './edge-lifecycle';
import { listenHttp, listenMqtt } from './edge-listeners';
import { registerEdgeMetrics } from './edge-metrics';
import type { EdgeWiring } from './edge-wiring';
import { buildEquipmentRooms } from './equipment-rooms';
import { buildSupplyAndSalesRooms } from './supply-and-sales-rooms';

export interface EdgeAppOptions {
  config: StoreConfig;
  dataDir: string;
  mqttPort: number;
  httpPort: number;
  /** MQTT over TLS when the store config has TLS on; 0 (the default) = any free port */
  mqttsPort?: number;
  /** HTTPS/WSS for the API, display and /mqtt when TLS is on; 0 (the default) = any free port */
  httpsPort?: number;
  host: string;
  logger: Logger;
  clock?: Clock;
  /** when given, rule and ticket settings follow edits of this file without a restart */
  configFile?: string;
  /** the built kitchen display; defaults to display/dist of this checkout when it exists */
  displayDir?: string;
  /** the central service to sync with; without it sync is disabled */
  central?: CentralEndpoint | undefined;
  /** jitter source for sync retries (tests pin it) */
  random?: Random;
}

export interface EdgePorts {
  /** 0 when the plain listener is off (`tls.plainMqtt: false`) */
  mqttPort: number;
  /** 0 when the plain listener is off (`tls.plainHttp: false`) */
  httpPort: number;
  /** present when TLS is on */
  mqttsPort?: number;
  httpsPort?: number;
}

const DEFAULT_DISPLAY_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'display', 'dist');

/**
 * The edge daemon: one SQLite database, the ingest pipeline, the MQTT broker and the
 * HTTP API, started in dependency order and stopped in reverse, so that everything
 * the broker acknowledged is committed before the database closes.
 */
export class EdgeApp {
  readonly bus = new EventBus();
  readonly metrics = new MetricsRegistry();
  readonly #options: EdgeAppOptions;
  readonly #clock: Clock;
  readonly #log: Logger;
  #running: Running | undefined;
  #config: StoreConfig;
  /** the config file as last loaded, under central's overlay */
  #fileConfig: StoreConfig;

  constructor(options: EdgeAppOptions) {
    this.#options = options;
    this.#config = options.config;
    this.#fileConfig = options.config;
    this.#clock = options.clock ?? systemClock;
    this.#log = options.logger.child({ ns: 'edge' });
  }

  get database(): Database {
    return this.#require().db;
  }

  get broker(): EdgeBroker {
    return this.#require().broker;
  }

  get alarms(): AlarmService {
    return this.#require().alarms;
  }

  get tickets(): TicketService {
    return this.#require().tickets;
  }

  get rules(): RuleEngine {
    return this.#require().rules;
  }

  /** Food-safety records: holding logs, excursions and corrective actions, hash-chained. */
  get foodSafety(): FoodSafetyService {
    return this.#require().foodSafety;
  }

  /** Ingredients, recipes and stock levels. */
  get stock(): StockService {
    return this.#require().stock;
  }

  /** Menu availability: what can be sold now, and the POS told when that changes. */
  get availability(): AvailabilityService {
    return this.#require().availability;
  }

  /** The orders room: POS intake, kitchen tickets and the station screens' actions. */
  get orders(): OrdersRoom {
    return this.#require().orders;
  }

  get maintenance(): MaintenanceService {
    return this.#require().maintenance;
  }

  get parts(): PartsService {
    return this.#require().parts;
  }

  get sync(): SyncService {
    return this.#require().sync;
  }

  /** The store CA and server certificate; undefined while TLS is off in the store config. */
  get tls(): StoreTls | undefined {
    return this.#require().tls;
  }

  /** The config in force: the file with the central config applied here laid over it. */
  get config(): StoreConfig {
    return this.#config;
  }

  async start(): Promise<EdgePorts> {
    if (this.#running) throw new Error('edge already started');
    const { dataDir, logger, central, random } = this.#options;
    const clock = this.#clock;
    // First, so that a box that cannot commission its CA (no openssl) refuses to start with nothing open.
    const tlsSettings = this.#fileConfig.tls;
    const tls = tlsSettings.enabled
      ? new StoreTls({ dataDir, storeId: this.#fileConfig.store.id, settings: tlsSettings, clock, logger })
      : undefined;
    await tls?.start();
    const db = openDatabase(dataDir);
    const config = withStoredOverlay(db, this.#fileConfig, logger);
    this.#config = config;
    const w: EdgeWiring = {
      db,
      clock,
      logger,
      bus: this.bus,
      metrics: this.metrics,
      config,
      current: () => this.#config,
    };
    const rollupBacklog = new RollupBacklog(db);
    const ingest = new IngestPipeline({ config, db, bus: this.bus, clock, logger, rollupBacklog });
    const access = buildEdgeAccess({ db, clock, logger, storeId: config.store.id, current: w.current });
    const readings = new ReadingsStore(db, config);
    const deviceStatus = new DeviceStatusStore(db);
    // The rooms announce through the broker made just below; they publish only once running.
    const announce = announcerVia(() => broker, this.#log);
    const supplyAndSales = buildSupplyAndSalesRooms(w, announce);
    const { approvals, stock } = supplyAndSales;
    const broker = edgeBrokerFor(access, {
      config,
      ingest,
      posOrders: supplyAndSales.orders.topicIntake,
      clock,
      logger,
    });
    const rooms = buildEquipmentRooms(w, { announce, ingest, stock, approvals });
    const { alarms, tickets, parts, foodSafety } = rooms;
    const jobs = buildBackgroundJobs(w, { dataDir, rollupBacklog, foodSafety, central, random });
    const centralLink = buildCentralLink(w, {
      dataDir,
      central,
      random,
      baseConfig: () => this.#fileConfig,
      applyConfig: (next) => this.#applyConfig(next),
      brokerUp: () => running.broker !== undefined,
      rooms: { alarms, tickets, approvals, stock, parts, foodSafety },
    });
    const commissioning = buildCommissioningProgress(w, {
      readings,
      alarms,
      displays: access.displays,
      sync: centralLink.sync,
    });
    const running: Running = {
      ...supplyAndSales,
      ...rooms,
      ...jobs,
      ...centralLink,
      db,
      ingest,
      broker,
      access,
      readings,
      deviceStatus,
      commissioning,
      equipmentNames: new EquipmentAnnouncement(db, config.store.id),
      catalog: new CatalogAnnouncer(db, config.store.id),
      tls,
    };
    this.#running = running;

    ingest.start();
    registerIngestMetrics(this.metrics, ingest);
    const { host } = this.#options;
    const { mqttPort, mqttsPort } = await listenMqtt(broker, tls, {
      plain: tlsSettings.plainMqtt,
      port: this.#options.mqttPort,
      tlsPort: this.#options.mqttsPort ?? 0,
      host,
    });
    running.mqttsPort = mqttsPort;
    registerEdgeMetrics(this.metrics, { broker, claims: access.claims, ingest });
    startRooms(running, { logger, metrics: this.metrics });

    const displayDir = this.#options.displayDir ?? DEFAULT_DISPLAY_DIR;
    const api = createEdgeApi(running, w, { displayDir });
    running.api = api;
    const { httpPort, httpsPort } = await listenHttp(running, api, this.#log, {
      plain: tlsSettings.plainHttp,
      port: this.#options.httpPort,
      tlsPort: this.#options.httpsPort ?? 0,
      host,
    });

    if (this.#options.configFile) {
      running.configWatcher = new ConfigWatcher({
        file: this.#options.configFile,
        logger,
        onChange: (next) => {
          this.#fileConfig = next;
          this.#applyConfig(withStoredOverlay(db, next, logger));
        },
      });
      running.configWatcher.start();
    }
    startJobs(running);
    running.equipmentNames.announce(this.#config, clock.now());
    running.catalog.announce(this.#config, clock.now());
    this.#log.info(
      {
        store: config.store.id,
        equipment: config.equipment.length,
        mqttPort,
        httpPort,
        mqttsPort,
        httpsPort,
      },
      'edge started',
    );
    return {
      mqttPort,
      httpPort,
      ...(mqttsPort === undefined ? {} : { mqttsPort }),
      ...(httpsPort === undefined ? {} : { httpsPort }),
    };
  }

  /** Re-reads the config file now (SIGHUP); false when the file is invalid and was ignored. */
  reloadConfig(): boolean {
    return this.#require().configWatcher?.reload() ?? false;
  }

  /** The config in force becomes `next`; what follows it at once, and what waits for a restart: reloadRooms. */
  #applyConfig(next: StoreConfig): void {
    const running = this.#require();
    this.#config = next;
    reloadRooms(running, next, this.#clock.now());
  }

  async stop(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    this.#running = undefined;
    await stopRunning(running);
    this.#log.info('edge stopped');
  }

  #require(): Running {
    if (!this.#running) throw new Error('edge not started');
    return this.#running;
  }
}
