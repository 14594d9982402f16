import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { EdgeBroker } from '../edge/broker/edge-broker';
import { ClaimKeyStore } from '../edge/domains/commissioning/claim/claim-key-store';
import { DeviceClaimService } from '../edge/domains/commissioning/claim/device-claim-service';
import { IngestPipeline } from '../edge/ingest/ingest-pipeline';
import { EventBus } from '../edge/runtime/event-bus';
import { DeviceCredentials } from '../edge/store/credentials-store';
import { type Database, openDatabase } from '../edge/store/database';
import type { StoreConfig } from '../shared/config/store-config';
import { loadStoreConfig } from '../shared/server/config/load-store-config';
import { systemClock } from '../shared/server/runtime/clock';
import { FakeClock } from '../shared/server/runtime/fake-clock';
import { createRootLogger } from '../shared/server/runtime/logger';

const DEMO_CONFIG = join(import.meta.dirname, '../config/demo-store.yaml');

/** The serial the test gives the n-th unit of the demo config (1-based). */
export const serialOf = (n: number) => `SN-${String(n).padStart(4, '0')}`;

export interface ClaimEdge {
  broker: EdgeBroker;
  claims: DeviceClaimService;
  keys: ClaimKeyStore;
  credentials: DeviceCredentials;
  config: StoreConfig;
  /** the claim service's clock (key expiry, throttle); ingest keeps the system clock for group commit */
  clock: FakeClock;
  db: Database;
  dir: string;
  port: number;
  /** every log line the edge wrote, as JSON text */
  log: string[];
  stop(): Promise<void>;
}

/**
 * A real edge broker on loopback port 0 with the claim gate, a real SQLite file in a temp
 * dir, and the demo config with the first `preRegistered` units given serials SN-0001….
 */
export async function startClaimEdge(preRegistered: number): Promise<ClaimEdge> {
  const base = loadStoreConfig(DEMO_CONFIG);
  const config: StoreConfig = {
    ...base,
    alarms: { ...base.alarms, connectionFlap: { windowS: 0, settleS: 0 } },
    equipment: base.equipment.map((e, i) =>
      i < preRegistered ? { ...e, serialNumber: serialOf(i + 1) } : e,
    ),
  };
  const dir = mkdtempSync(join(tmpdir(), 'galley-claim-'));
  const db = openDatabase(dir);
  const log: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      log.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createRootLogger('galley-edge', 'debug', sink);
  const clock = new FakeClock(Date.now());
  const credentials = new DeviceCredentials({ db, clock });
  const keys = new ClaimKeyStore({ db, clock, storeId: config.store.id });
  const claims = new DeviceClaimService({
    db,
    keys,
    credentials,
    equipment: () => config.equipment,
    storeId: config.store.id,
    clock,
    logger,
  });
  const pipeline = new IngestPipeline({ config, db, bus: new EventBus(), clock: systemClock, logger });
  const broker = new EdgeBroker({
    config,
    credentials,
    gate: pipeline,
    clock: systemClock,
    logger,
    verifyDisplayToken: () => false,
    claims,
  });
  pipeline.start();
  const { port } = await broker.start({ port: 0, host: '127.0.0.1' });
  return {
    broker,
    claims,
    keys,
    credentials,
    config,
    clock,
    db,
    dir,
    port,
    log,
    async stop() {
      await broker.stop();
      pipeline.stop();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
