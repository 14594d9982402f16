import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { dirname, join } from 'node:path';
import type { Duplex } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { BoxHealth } from '../../shared/central/edge-releases';
import type { StoreConfig } from '../../shared/config/store-config';
import { type Clock, systemClock } from '../../shared/server/runtime/clock';
import { faults } from '../../shared/server/runtime/fault-containment';
import type { Logger } from '../../shared/server/runtime/logger';
import { MetricsRegistry } from '../../shared/server/runtime/metrics';
import { SerialAdapters } from '../adapters/serial-adapters';
import { SerialTelemetryPublisher } from '../adapters/serial-telemetry-publisher';
import { PinGate } from '../api/pin-gate';
import { accessAuditRoutes } from '../api/routes/access-audit';
import { storeRoutes } from '../api/routes/store';
import { syncRoutes } from '../api/routes/sync';
import { createApiServer } from '../api/server';
import { attachWebSocketUpgrade, type WebSocketEndpoint } from '../api/websocket-upgrade';
import { EdgeBroker } from '../broker/edge-broker';
import { IntegrationLogins } from '../broker/integration-logins';
import { ConfigWatcher } from '../config/config-watcher';
import { AlarmService } from '../domains/alarms/alarm-service';
import { AvailabilityService } from '../domains/availability/availability-service';
import { DowntimeService } from '../domains/availability/downtime-service';
import { StoreClosingRunner } from '../domains/closing/closing-runner';
import { RevokedIntegrations } from '../domains/closing/revoked-integrations';
import { assetHistoryRoutes } from '../domains/commissioning/asset-history/asset-history-routes';
import { ChecklistProgressJob } from '../domains/commissioning/checklist/checklist-progress-job';
import { commissioningRoutes } from '../domains/commissioning/checklist/checklist-routes';
import { CommissioningChecklistService } from '../domains/commissioning/checklist/commissioning-checklist';
import { ClaimKeyStore } from '../domains/commissioning/claim/claim-key-store';
import { registerDeviceClaimMetrics } from '../domains/commissioning/claim/device-claim-metrics';
import { deviceClaimRoutes } from '../domains/commissioning/claim/device-claim-routes';
import { DeviceClaimService } from '../domains/commissioning/claim/device-claim-service';
import { HandoverStore } from '../domains/commissioning/handover/handover-store';
import { handoverRoutesFor } from '../domains/commissioning/handover/handover-wiring';
import { DisplayCredentials } from '../domains/displays/display-credentials';
import { ChainPruning } from '../domains/food-safety/chain-pruning';
import { FoodSafetyService } from '../domains/food-safety/food-safety-service';
import { serviceReportSource } from '../domains/food-safety/report/service-report-source';
import { ReportArchiveJob } from '../domains/food-safety/report-archive/report-archive-job';
import { MaintenanceService } from '../domains/maintenance/maintenance-service';
import { MaintenanceMetricsService } from '../domains/maintenance-metrics/maintenance-metrics-service';
import { OrdersRoom } from '../domains/orders/orders-room';
import { PartsService } from '../domains/parts/parts-service';
import { predictiveEvidenceRoutes } from '../domains/predictive/predictive-evidence-routes';
import { PredictiveService } from '../domains/predictive/predictive-service';
import { approvalCommandApplier } from '../domains/purchasing/approval-commands';
import { ApprovalDelegations } from '../domains/purchasing/approval-delegation';
import { ApprovalGate } from '../domains/purchasing/approval-gate';
import { InvoiceService } from '../domains/purchasing/invoice-service';
import { PurchasingService } from '../domains/purchasing/purchasing-service';
import { rulesForEquipment } from '../domains/rules/resolve-rules';
import { RuleEngine } from '../domains/rules/rule-engine';
import { StockService } from '../domains/stock/stock-service';
import { TechnicianService } from '../domains/technicians/technician-service';
import { TicketService } from '../domains/tickets/ticket-service';
import { registerIngestMetrics } from '../ingest/ingest-metrics';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import { edgeVersion } from '../runtime/edge-version';
import { EventBus } from '../runtime/event-bus';
import { EdgeUpdater } from '../runtime/updates/edge-updater';
import { processSupervisorLink } from '../runtime/updates/supervisor-link';
import { AccessAuditStore } from '../store/access-audit-store';
import { DeviceCredentials } from '../store/credentials-store';
import { type Database, openDatabase } from '../store/database';
import { DeviceStatusStore } from '../store/device-status-store';
import { ReadingsStore } from '../store/readings-store';
import { RetentionJob } from '../store/retention-job';
import { RollupBacklog } from '../store/rollup-backlog';
import { RollupJob } from '../store/rollup-job';
import { SessionsStore } from '../store/sessions-store';
import type { Random } from '../sync/backoff';
import { BackupJob } from '../sync/backup/backup-job';
import { backupRoutes } from '../sync/backup/backup-routes';
import { CatalogAnnouncer } from '../sync/catalog-announcer';
import type { CentralEndpoint } from '../sync/central-client';
import { EquipmentAnnouncement } from '../sync/equipment-announcement';
import { withStoredOverlay } from '../sync/stored-overlay';
import { SyncService } from '../sync/sync-service';
import { StoreTls } from '../tls/store-tls';
import { HttpsListener } from '../tls/tls-listener';
import { tlsRoutes } from '../tls/tls-routes';
import { registerBrokerMetrics } from './broker-metrics';
import { domainRoutes } from './domain-routes';
import { worstActiveSeverity } from './equipment-state';
import { registerMemoryMetrics } from './memory-metrics';
import { squareConnectorOf } from './pos-connectors';

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
    const { dataDir, logger } = this.#options;
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
    const rollupBacklog = new RollupBacklog(db);
    const ingest = new IngestPipeline({ config, db, bus: this.bus, clock, logger, rollupBacklog });
    const sessions = new SessionsStore(db, clock);
    const accessAudit = new AccessAuditStore(db, clock, {
      onWriteError: (err, refusal) =>
        logger.child({ ns: 'api.audit' }).error({ err, refusal }, 'could not write a refusal to the audit'),
    });
    const displays = new DisplayCredentials({ db, clock });
    const credentials = new DeviceCredentials({ db, clock });
    // Integration clients revoked at closing stay refused though the config lists them.
    const revokedIntegrations = new RevokedIntegrations(db);
    const claims = new DeviceClaimService({
      db,
      keys: new ClaimKeyStore({ db, clock, storeId: config.store.id }),
      credentials,
      equipment: () => this.#config.equipment,
      storeId: config.store.id,
      clock,
      logger,
    });
    const readings = new ReadingsStore(db, config);
    const deviceStatus = new DeviceStatusStore(db);
    const rollups = new RollupJob({ db, clock, logger, backlog: rollupBacklog });
    const retention = new RetentionJob({ db, clock, logger, storage: config.storage });
    // Approval routing of purchase requests, shared by the stock and parts rooms.
    const approvals = new ApprovalGate({ db, storeId: config.store.id, config: () => this.#config });
    const stock = new StockService({ db, clock, logger, storeId: config.store.id, config, approvals });
    const purchasing = new PurchasingService({
      db,
      clock,
      storeId: config.store.id,
      config: () => this.#config,
      ingredients: stock,
      metrics: this.metrics,
    });
    const invoices = new InvoiceService({
      db,
      clock,
      storeId: config.store.id,
      config: () => this.#config,
      metrics: this.metrics,
    });
    // The orders room announces through the broker made just below; it publishes only once running.
    const orders = new OrdersRoom({
      stock,
      db,
      clock,
      logger,
      storeId: config.store.id,
      settings: () => ({ kitchen: this.#config.kitchen, timezone: this.#config.store.timezone }),
      publish: (topic, payload, options) => announce('kitchen ticket change')(topic, payload, options),
      metrics: this.metrics,
    });
    const square = squareConnectorOf(config, {
      intake: orders.intake,
      logger: logger.child({ ns: 'orders.square' }),
      metrics: this.metrics,
    });
    const broker = new EdgeBroker({
      claims,
      posOrders: orders.topicIntake,
      config,
      credentials: {
        check: (id, secret) => credentials.check(id, secret),
        integrationRevoked: (username) => revokedIntegrations.has(username),
        deviceActive: (id) => credentials.deviceActive(id),
      },
      gate: ingest,
      clock,
      logger,
      // A paired display's credential; a person's session token works too (a phone showing the board).
      verifyDisplayToken: (token) =>
        displays.verify(token) !== undefined || sessions.verify(token) !== undefined,
    });
    // What the edge announces under `_edge/`, after it is stored: a publish that fails (the
    // broker stopping) is logged, never thrown into the service that announces it.
    const announce =
      (what: string) =>
      (topic: string, payload: string, options: { retain: boolean; qos: 0 | 1 }): void => {
        broker.publish(topic, payload, options).catch((err: unknown) => {
          this.#log.warn({ err, topic }, `${what} not published over MQTT (it is stored)`);
        });
      };
    const publishAlarm = announce('alarm');
    const alarms = new AlarmService({
      db,
      clock,
      logger,
      storeId: config.store.id,
      settings: config.alarms,
      publish: (topic, payload, { retain }) => publishAlarm(topic, payload, { retain, qos: 1 }),
    });
    const tickets = new TicketService({
      db,
      clock,
      logger,
      storeId: config.store.id,
      alarms,
      config,
      publish: announce('ticket change'),
    });
    const maintenance = new MaintenanceService({
      db,
      clock,
      logger,
      storeId: config.store.id,
      bus: this.bus,
      config,
      tickets,
    });
    const downtime = new DowntimeService({
      db,
      clock,
      logger,
      storeId: config.store.id,
      settings: () => ({
        menu: this.#config.kitchen.menu,
        equipment: this.#config.equipment,
        currency: this.#config.stock.currency,
        timeZone: this.#config.store.timezone,
      }),
    });
    const availability = new AvailabilityService({
      onItemsChanged: (changes, at) => downtime.itemsChanged(changes, at),
      db,
      clock,
      logger,
      storeId: config.store.id,
      settings: () => ({
        kitchen: this.#config.kitchen,
        equipment: this.#config.equipment,
        webhooks: this.#config.posConnectors.availabilityWebhooks,
      }),
      alarms,
      stockPortions: (item) => stock.portionsAvailable(item),
      publish: announce('menu availability'),
    });
    const parts = new PartsService({
      db,
      clock,
      logger,
      storeId: config.store.id,
      config,
      tickets,
      approvals,
    });
    const technicians = new TechnicianService({ db, clock, config, tickets });
    const maintenanceMetrics = new MaintenanceMetricsService({
      db,
      clock,
      logger,
      storeId: config.store.id,
      config,
    });
    const foodSafety = new FoodSafetyService({
      db,
      clock,
      logger,
      bus: this.bus,
      storeId: config.store.id,
      config,
      // The unit's food alarm (else any active one) and the ticket it is on, so the action links to the repair.
      incidentOf: (equipmentId) => {
        const active = alarms.active().filter((a) => a.equipmentId === equipmentId);
        const alarm = active.find((a) => a.hazard === 'food') ?? active[0];
        const open = tickets.list({ status: 'open', equipmentId, limit: 50 });
        const ticket = (alarm && open.find((t) => t.alarmIds.includes(alarm.id))) ?? open[0];
        return { alarmId: alarm?.id ?? null, ticketId: ticket?.id ?? null };
      },
    });
    // Each closed month's report, made here, goes to central so the region downloads the box's own copy.
    const foodSafetyArchive = new ReportArchiveJob({
      db,
      clock,
      logger,
      source: serviceReportSource(foodSafety, () => this.#config),
      central: this.#options.central,
      timeoutMs: Math.max(config.sync.requestTimeoutS * 1000, 60_000),
    });
    // The whole database to central every few minutes, so a replacement box loses only the last few.
    const backups = new BackupJob({
      dataDir,
      storeId: config.store.id,
      clock,
      logger,
      settings: () => this.#config.sync.backup,
      central: this.#options.central,
      ...(this.#options.random ? { random: this.#options.random } : {}),
    });
    // Drift in a unit's own cycles opens a predictive repair ticket before it fails.
    const predictive = new PredictiveService({
      db,
      clock,
      logger,
      bus: this.bus,
      storeId: config.store.id,
      config,
      tickets,
    });
    // Records past the retention are pruned behind a checkpoint, so verify still proves the rest.
    const foodSafetyPruning = new ChainPruning({
      db,
      clock,
      logger,
      storeId: config.store.id,
      retentionDays: () => this.#config.foodSafety.retentionDays,
      controlPointsInForce: () => foodSafety.controlPoints().map((cp) => cp.id),
      takeUpRestatedLimits: () => foodSafety.reload(this.#config),
      metrics: this.metrics,
    });
    const rules = new RuleEngine(
      {
        bus: this.bus,
        clock,
        logger,
        sink: alarms.handleTransition,
        activeAlarms: () => alarms.activeKeys(),
      },
      config,
    );
    const serial = new SerialAdapters({ config, pipeline: ingest, clock, logger });
    const serialTelemetry = new SerialTelemetryPublisher({
      config,
      bus: this.bus,
      logger,
      publish: announce('serial reading'),
    });
    // Software updates from central (edge/runtime/updates/README.md): reports and `edge.update` commands.
    const updater: EdgeUpdater = new EdgeUpdater({
      dataDir,
      clock,
      logger,
      central: this.#options.central,
      version: edgeVersion(),
      health: (): BoxHealth => {
        const checks: Record<string, boolean> = {
          database: db.open,
          broker: running.broker !== undefined,
          sync: sync.health().consecutiveFailures === 0,
        };
        return { ok: Object.values(checks).every(Boolean), checks };
      },
      link: processSupervisorLink(),
      reportEveryMs: config.sync.commandPollS * 1000,
      timeoutMs: config.sync.requestTimeoutS * 1000,
    });
    // Central's `store.close` command runs the box's closing here (edge/domains/closing/README.md).
    const storeClosing = new StoreClosingRunner({
      closing: () => ({
        db,
        config: this.#config,
        dataDir,
        central: this.#options.central,
        clock,
        logger,
        foodSafety: serviceReportSource(foodSafety, () => this.#config),
      }),
      clock,
      logger,
    });
    const sync = new SyncService({
      db,
      clock,
      logger,
      bus: this.bus,
      metrics: this.metrics,
      storeId: config.store.id,
      settings: config.sync,
      central: this.#options.central,
      ...(this.#options.random ? { random: this.#options.random } : {}),
      baseConfig: () => this.#fileConfig,
      applyConfig: (next) => this.#applyConfig(next),
      commandTargets: {
        acknowledgeAlarm: (alarmId, by) => alarms.acknowledge(alarmId, by),
        transitionTicket: (ticketId, request, actor) => tickets.transition(ticketId, request, actor),
        noteTicket: (ticketId, note, by) => tickets.note(ticketId, note, { id: by, role: 'manager' }),
        decideApproval: approvalCommandApplier({ db, gate: approvals, rooms: { stock, parts }, clock }),
        updateEdge: (action) => updater.accept(action),
        closeStore: () => storeClosing.accept(),
      },
    });
    // The checklist the routes answer with; central is told its progress when it changes, until the handover.
    const handoverSigned = new HandoverStore(db, config.store.id);
    const progressChecklist = new CommissioningChecklistService({
      config: () => this.#config,
      now: () => clock.now(),
      readings,
      alarms,
      displays,
      sync: () => sync.health(),
    });
    const commissioningProgress = new ChecklistProgressJob({
      db,
      storeId: config.store.id,
      clock,
      logger,
      checklist: () => progressChecklist.checklist(),
      signed: () => handoverSigned.signature() !== undefined,
      sync: () => sync.health(),
    });
    const running: Running = {
      db,
      commissioningProgress,
      foodSafetyPruning,
      foodSafetyArchive,
      backups,
      predictive,
      ingest,
      broker,
      rollups,
      retention,
      alarms,
      tickets,
      maintenance,
      parts,
      technicians,
      maintenanceMetrics,
      rules,
      serial,
      serialTelemetry,
      sync,
      updater,
      equipmentNames: new EquipmentAnnouncement(db, config.store.id),
      catalog: new CatalogAnnouncer(db, config.store.id),
      orders,
      availability,
      downtime,
      stock,
      foodSafety,
      tls,
    };
    this.#running = running;

    ingest.start();
    registerIngestMetrics(this.metrics, ingest);
    const { host } = this.#options;
    const { port: plainMqttPort } = await broker.start({
      port: tlsSettings.plainMqtt ? this.#options.mqttPort : null,
      host,
    });
    const mqttPort = plainMqttPort ?? 0;
    const mqttsPort = tls
      ? (await broker.listenTls({ port: this.#options.mqttsPort ?? 0, host, credentials: tls })).port
      : undefined;
    registerBrokerMetrics(this.metrics, () => broker.stats());
    registerDeviceClaimMetrics(this.metrics, claims);
    if (!this.metrics.has('galley_memory_bytes'))
      registerMemoryMetrics(this.metrics, () => ingest.writerHeap);
    this.metrics.counter(
      'galley_contained_faults_total',
      'Exceptions caught at a boundary (broker hook or event, bus listener, timer, process) instead of ending the process',
      ['site'],
      { collect: () => faults.counts().map(({ site, count }) => ({ labels: { site }, value: count })) },
    );
    alarms.start();
    tickets.start();
    stock.start();
    downtime.start();
    availability.start();
    maintenance.start();
    parts.start();
    rules.start();
    foodSafety.start();
    predictive.start().catch((err: unknown) => logger.error({ err }, 'predictive start failed'));
    serial.registerMetrics(this.metrics);
    serialTelemetry.start();
    serial.start();

    const displayDir = this.#options.displayDir ?? DEFAULT_DISPLAY_DIR;
    // One PIN gate for logins and sign-offs, so their failures count together.
    const pinGate = new PinGate({
      findUser: (id) => this.#config.users.find((u) => u.id === id),
      clock,
      metrics: this.metrics,
      logger,
    });
    const api = createApiServer({
      pinGate,
      config,
      sessions,
      displays,
      readings,
      deviceStatus,
      rejections: ingest.rejections,
      metrics: this.metrics,
      clock,
      logger,
      health: () => ({ database: db.open, broker: running.broker !== undefined }),
      stateOf: (equipmentId) => worstActiveSeverity(alarms.active(), equipmentId),
      audit: accessAudit,
      integrations: {
        find: (username) =>
          revokedIntegrations.has(username)
            ? undefined
            : this.#config.integrations.find((client) => client.username === username),
        logins: new IntegrationLogins(clock),
      },
      routes: [
        ...storeRoutes({
          currentConfig: () => this.#config,
          rulesOf: (equipmentId) => {
            const equipment = this.#config.equipment.find((e) => e.id === equipmentId);
            return equipment && rulesForEquipment(this.#config, equipment);
          },
        }),
        ...domainRoutes({
          approvals,
          approvalDelegations: new ApprovalDelegations(db, () => this.#config.users),
          predictive,
          purchasing,
          invoices,
          alarms,
          tickets,
          maintenance,
          maintenanceMetrics,
          parts,
          technicians,
          rules,
          displays,
          orders,
          availability,
          downtime,
          stock,
          config: () => this.#config,
          foodSafety,
          square,
          pinGate,
          clock,
          logger,
          metrics: this.metrics,
        }),
        ...predictiveEvidenceRoutes({ predictive, db, clock, timezone: () => this.#config.store.timezone }),
        ...syncRoutes({ health: () => sync.health(), retrySetAside: (by) => sync.retrySetAside(by) }),
        ...backupRoutes({ backups }),
        ...accessAuditRoutes({ audit: accessAudit }),
        ...deviceClaimRoutes({ claims }),
        ...assetHistoryRoutes({ db, config: () => this.#config }),
        ...commissioningRoutes({ checklist: progressChecklist }),
        ...handoverRoutesFor({
          config: () => this.#config,
          now: () => clock.now(),
          readings,
          alarms,
          displays,
          sync: () => sync.health(),
          db,
          storeId: config.store.id,
          pinGate,
        }),
        ...tlsRoutes({
          tls: () => tls && { root: tls.root, server: tls.server },
          ports: () => ({
            ...(mqttsPort === undefined ? {} : { mqttsPort }),
            ...(running.https ? { httpsPort: running.httpsPort } : {}),
          }),
        }),
      ],
      ...(existsSync(displayDir) ? { displayDir } : {}),
    });
    running.api = api;
    const toBroker = (stream: Duplex, req: IncomingMessage) => broker.handleWebSocket(stream, req);
    const wsLog = this.#log.child({ ns: 'mqtt.ws' });
    const wsOptions = {
      onRefused: (reason: string, req: IncomingMessage) =>
        wsLog.warn({ remote: req.socket.remoteAddress, reason }, 'WebSocket refused: foreign origin'),
    };
    let httpPort = 0;
    if (tlsSettings.plainHttp) {
      running.mqttOverWebSocket = attachWebSocketUpgrade(api.server, '/mqtt', toBroker, wsOptions);
      await api.listen({ port: this.#options.httpPort, host });
      const address = api.server.address();
      httpPort = typeof address === 'object' && address ? address.port : this.#options.httpPort;
      this.#log.info(`http listening on ${host}:${httpPort}`);
    } else {
      await api.ready();
    }
    let httpsPort: number | undefined;
    if (tls) {
      // The same fastify instance answers over TLS: one set of routes, hooks and headers.
      const https = new HttpsListener(tls, this.#log, (req, res) => api.routing(req, res));
      running.https = https;
      running.mqttOverWss = attachWebSocketUpgrade(https.server, '/mqtt', toBroker, wsOptions);
      httpsPort = await https.listen(this.#options.httpsPort ?? 0, host, 'https');
      running.httpsPort = httpsPort;
    }

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
    rollups.start();
    retention.start();
    foodSafetyPruning.start();
    foodSafetyArchive.start();
    backups.start();
    maintenanceMetrics.start();
    sync.start();
    commissioningProgress.start();
    updater.start();
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

  /**
   * Rules and ticket policy follow the new config at once; the equipment registry,
   * users, limits and ports are read at start, so changing those needs a restart.
   */
  #applyConfig(next: StoreConfig): void {
    const running = this.#require();
    this.#config = next;
    running.rules.reload(next);
    running.tickets.reload(next);
    running.maintenance.reload(next);
    running.parts.reload(next);
    running.stock.reload(next);
    running.foodSafety.reload(next);
    running.technicians.reload(next);
    running.maintenanceMetrics.reload(next);
    running.equipmentNames.announce(next, this.#clock.now());
    running.catalog.announce(next, this.#clock.now());
  }

  async stop(): Promise<void> {
    const running = this.#running;
    if (!running) return;
    this.#running = undefined;
    running.configWatcher?.stop();
    running.tls?.stop();
    await running.mqttOverWebSocket?.close();
    await running.mqttOverWss?.close();
    await running.https?.close();
    await running.api?.close();
    running.updater.stop();
    await running.commissioningProgress.stop();
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
    this.#log.info('edge stopped');
  }

  #require(): Running {
    if (!this.#running) throw new Error('edge not started');
    return this.#running;
  }
}

interface Running {
  db: Database;
  commissioningProgress: ChecklistProgressJob;
  updater: EdgeUpdater;
  foodSafetyPruning: ChainPruning;
  foodSafetyArchive: ReportArchiveJob;
  backups: BackupJob;
  predictive: PredictiveService;
  ingest: IngestPipeline;
  broker: EdgeBroker;
  rollups: RollupJob;
  retention: RetentionJob;
  alarms: AlarmService;
  tickets: TicketService;
  maintenance: MaintenanceService;
  parts: PartsService;
  technicians: TechnicianService;
  maintenanceMetrics: MaintenanceMetricsService;
  rules: RuleEngine;
  serial: SerialAdapters;
  serialTelemetry: SerialTelemetryPublisher;
  sync: SyncService;
  equipmentNames: EquipmentAnnouncement;
  catalog: CatalogAnnouncer;
  orders: OrdersRoom;
  availability: AvailabilityService;
  downtime: DowntimeService;
  stock: StockService;
  foodSafety: FoodSafetyService;
  configWatcher?: ConfigWatcher;
  api?: FastifyInstance;
  mqttOverWebSocket?: WebSocketEndpoint;
  tls: StoreTls | undefined;
  https?: HttpsListener;
  httpsPort?: number;
  mqttOverWss?: WebSocketEndpoint;
}
