import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { SyncSettings } from '../../../shared/config/sync-settings';
import { loadStoreConfig } from '../../../shared/server/config/load-store-config';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { MetricsRegistry } from '../../../shared/server/runtime/metrics';
import { EventBus } from '../../runtime/event-bus';
import { type Database, openDatabase } from '../../store/database';
import type { Random } from '../backoff';
import { type OutboxEventType, OutboxWriter } from '../outbox-writer';
import { SyncService } from '../sync-service';
import { TestCentral } from './test-central';

const DEMO_CONFIG = fileURLToPath(new URL('../../../config/demo-store.yaml', import.meta.url));
export const STORE_TOKEN = 'gst_test.secret';

export interface SyncRigOptions {
  settings?: Partial<SyncSettings>;
  random?: Random;
  /** without central the service runs disabled */
  withCentral?: boolean;
  /** the edge's version (an upgrade: `restart({ edgeVersion })`) */
  edgeVersion?: string;
}

/**
 * A sync service on a real SQLite file in a temp dir and a TestCentral on a loopback
 * port, with a fake clock for schedules and back-off. `restart()` reopens the same file.
 */
export class SyncRig {
  readonly dir = mkdtempSync(join(tmpdir(), 'galley-'));
  readonly clock = new FakeClock();
  readonly bus = new EventBus();
  readonly metrics = new MetricsRegistry();
  readonly fileConfig: StoreConfig;
  readonly storeId: string;
  readonly applied: StoreConfig[] = [];
  central!: TestCentral;
  db!: Database;
  service!: SyncService;
  #outbox!: OutboxWriter;
  #options: SyncRigOptions;

  private constructor(options: SyncRigOptions) {
    this.#options = options;
    this.fileConfig = loadStoreConfig(DEMO_CONFIG);
    this.storeId = this.fileConfig.store.id;
  }

  static async start(options: SyncRigOptions = {}): Promise<SyncRig> {
    const rig = new SyncRig(options);
    rig.central = new TestCentral([{ storeId: rig.storeId, token: STORE_TOKEN }]);
    await rig.central.up();
    rig.#open();
    return rig;
  }

  get settings(): SyncSettings {
    return { ...this.fileConfig.sync, ...this.#options.settings };
  }

  #open(): void {
    this.db = openDatabase(this.dir);
    this.#outbox = new OutboxWriter(this.db, this.storeId);
    this.service = new SyncService({
      db: this.db,
      clock: this.clock,
      logger: silentLogger(),
      bus: this.bus,
      metrics: this.metrics,
      storeId: this.storeId,
      settings: this.settings,
      central:
        this.#options.withCentral === false ? undefined : { url: this.central.url, token: STORE_TOKEN },
      random: this.#options.random ?? (() => 0.5),
      baseConfig: () => this.fileConfig,
      applyConfig: (next) => this.applied.push(next),
      edgeVersion: this.#options.edgeVersion ?? '1.0.0-test',
    });
  }

  /** Appends `count` events of `type`, as the alarm/ticket services and hooks do. */
  append(type: OutboxEventType, count: number, entity = 'wic-1'): number[] {
    const seqs: number[] = [];
    this.db.transaction(() => {
      for (let i = 0; i < count; i++) {
        seqs.push(
          this.#outbox.append({ type, entityId: entity, ts: this.clock.now(), payload: { n: i, entity } }),
        );
      }
    })();
    return seqs;
  }

  /** Stops the service and closes the database, then opens both again on the same file (with other options: an upgrade). */
  async restart(options: Partial<SyncRigOptions> = {}): Promise<void> {
    this.#options = { ...this.#options, ...options };
    await this.service.stop();
    this.db.close();
    this.#open();
  }

  /** Drives the fake clock and waits for the pusher's pass to finish, until `done` or the timeout. */
  async until(done: () => boolean, what: string, stepMs = 1000, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.service.pusher?.settled();
      if (done()) return;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      this.clock.advance(stepMs);
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  outboxCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;
  }

  async close(): Promise<void> {
    await this.service.stop();
    this.db.close();
    await this.central.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
