import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { IntegrationClient } from '../../shared/config/integrations';
import type { BrokerLimits, StorageSettings } from '../../shared/config/limits';
import type { ConnectionFlapSettings } from '../../shared/config/rules';
import type { StoreConfig } from '../../shared/config/store-config';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { type Clock, systemClock } from '../../shared/server/runtime/clock';
import { createRootLogger, silentLogger } from '../../shared/server/runtime/logger';
import { hashSecret } from '../../shared/server/secret-hash';
import { EdgeBroker } from '../broker/edge-broker';
import { IngestPipeline } from '../ingest/ingest-pipeline';
import { EventBus } from '../runtime/event-bus';
import { DeviceCredentials } from '../store/credentials-store';
import { type Database, openDatabase } from '../store/database';

const DEMO_CONFIG = join(import.meta.dirname, '../../config/demo-store.yaml');

export interface TestIntegration {
  username: string;
  secret: string;
  acl: IntegrationClient['acl'];
}

export interface MqttEdgeOptions {
  limits?: Partial<BrokerLimits>;
  storage?: Partial<StorageSettings>;
  integrations?: TestIntegration[];
  /** the broker's clock (rate limiting); ingest keeps the system clock so group commit runs */
  brokerClock?: Clock;
  displayToken?: string;
  /**
   * Presence debounce of ingest; off by default here (windowS 0), so broker tests see every
   * connect and drop as the broker reports it. The debounce has its own tests.
   */
  connectionFlap?: ConnectionFlapSettings;
}

export interface MqttEdge {
  broker: EdgeBroker;
  pipeline: IngestPipeline;
  credentials: DeviceCredentials;
  bus: EventBus;
  db: Database;
  config: StoreConfig;
  storeId: string;
  port: number;
  dir: string;
  /** provisions a demo device and returns its secret */
  provision(equipmentId: string): string;
  stop(): Promise<void>;
}

/** A whole edge ingest path on loopback: real SQLite in a temp dir, IngestPipeline, EdgeBroker on port 0. */
export async function startMqttEdge(options: MqttEdgeOptions = {}): Promise<MqttEdge> {
  const base = loadStoreConfig(DEMO_CONFIG);
  const config: StoreConfig = {
    ...base,
    limits: { ...base.limits, ...options.limits },
    storage: { ...base.storage, ...options.storage },
    alarms: { ...base.alarms, connectionFlap: options.connectionFlap ?? { windowS: 0, settleS: 0 } },
    integrations: (options.integrations ?? []).map((i) => ({
      username: i.username,
      secretHash: hashSecret(i.secret, 'sha256'),
      acl: i.acl,
      apiRoles: [],
    })),
  };
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  const db = openDatabase(dir);
  const bus = new EventBus();
  const logger = process.env.GALLEY_TEST_LOG
    ? createRootLogger('galley-edge', process.env.GALLEY_TEST_LOG)
    : silentLogger();
  const pipeline = new IngestPipeline({ config, db, bus, clock: systemClock, logger });
  const credentials = new DeviceCredentials({ db, clock: systemClock });
  const broker = new EdgeBroker({
    config,
    credentials,
    gate: pipeline,
    clock: options.brokerClock ?? systemClock,
    logger,
    verifyDisplayToken: (token) => options.displayToken !== undefined && token === options.displayToken,
  });
  pipeline.start();
  const { port } = await broker.start({ port: 0, host: '127.0.0.1' });
  return {
    broker,
    pipeline,
    credentials,
    bus,
    db,
    config,
    storeId: config.store.id,
    port,
    dir,
    provision: (equipmentId) => credentials.add(equipmentId),
    async stop() {
      await broker.stop();
      pipeline.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
