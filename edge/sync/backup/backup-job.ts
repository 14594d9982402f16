import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupSettings } from '../../../shared/config/backup-settings';
import { BackgroundJob } from '../../../shared/server/runtime/background-job';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { BoxBackupRun, BoxBackupStatus } from '../../../shared/sync/backup-protocol';
import { DATABASE_FILE } from '../../store/database';
import { type BackoffPolicy, backoffDelay, type Random } from '../backoff';
import type { CentralEndpoint } from '../central-client';
import { BackupClient } from './backup-client';
import { BoxBackupLog } from './backup-log';
import { ChangeMarker } from './change-marker';
import { takePackedSnapshot } from './snapshot-thread';

export interface BackupJobDeps {
  dataDir: string;
  storeId: string;
  clock: Clock;
  logger: Logger;
  settings: () => BackupSettings;
  /** the sync's central endpoint; without it the job does nothing */
  central: CentralEndpoint | undefined;
  timeoutMs?: number;
  /** after a failed attempt; doubles up to maxMs (default 30 s to the interval) */
  backoff?: BackoffPolicy;
  random?: Random;
}

export type BackupOutcome = BoxBackupRun['outcome'];

/** Where the copy is made and packed: beside the database, so a rename never crosses disks. */
export const BACKUP_WORK_DIR = 'backup-work';

/**
 * Backs the store database up to central every `intervalMinutes`: a consistent copy
 * taken and packed on a thread of its own (snapshot-thread.ts), streamed to central with
 * the store token, noted in `box_backup_uploads`. Nothing changed since the last copy
 * central acknowledged, nothing is sent. A failed attempt backs off (30 s doubling, at most
 * the interval, equal jitter) and the next run takes a fresh copy.
 */
export class BackupJob {
  readonly #deps: BackupJobDeps;
  readonly #log: Logger;
  readonly #client: BackupClient | undefined;
  readonly #job: BackgroundJob<BackupOutcome>;
  #marker: ChangeMarker | undefined;
  #notes: BoxBackupLog | undefined;
  #failures = 0;
  #failuresTotal = 0;
  #notBefore = 0;
  #retry: TimerHandle | undefined;
  #first: TimerHandle | undefined;
  #started = false;

  constructor(deps: BackupJobDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'sync.backup' });
    this.#client = deps.central ? new BackupClient(deps.central, deps.timeoutMs ?? 300_000) : undefined;
    this.#job = new BackgroundJob({
      clock: deps.clock,
      log: this.#log,
      intervalMs: deps.settings().intervalMinutes * 60_000,
      run: (now) => this.#run(now),
    });
  }

  get enabled(): boolean {
    return this.#client !== undefined && this.#deps.settings().enabled;
  }

  /** Opens the marker's connection (the database exists and is migrated by now) and starts the timer. */
  start(): void {
    this.#open();
    if (!this.enabled) return;
    this.#started = true;
    // The first copy one interval after start, not during it: a box starting up (or a test
    // starting many) has better things to do, and what it holds was copied before it stopped.
    this.#first = this.#deps.clock.setTimeout(() => {
      this.#first = undefined;
      this.#job.start();
    }, this.#deps.settings().intervalMinutes * 60_000);
  }

  async stop(): Promise<void> {
    this.#started = false;
    if (this.#first) this.#deps.clock.clearTimeout(this.#first);
    this.#first = undefined;
    if (this.#retry) this.#deps.clock.clearTimeout(this.#retry);
    this.#retry = undefined;
    await this.#job.stop();
    this.#marker?.close();
    this.#marker = undefined;
    this.#notes = undefined;
  }

  /** One attempt at `now` (after any in progress); what the operator's "back up now" runs. */
  runOnce(now?: number): Promise<BackupOutcome> {
    return this.#job.runOnce(now);
  }

  status(): BoxBackupStatus {
    const last = this.#notes?.latest();
    return {
      enabled: this.enabled,
      intervalMinutes: this.#deps.settings().intervalMinutes,
      last: last ?? null,
      failures: this.#failuresTotal,
      retryAt: this.#failures > 0 ? this.#notBefore : null,
    };
  }

  #open(): { marker: ChangeMarker; notes: BoxBackupLog } {
    if (!this.#marker || !this.#notes) {
      this.#marker = new ChangeMarker(join(this.#deps.dataDir, DATABASE_FILE));
      this.#notes = new BoxBackupLog(this.#marker.connection);
    }
    return { marker: this.#marker, notes: this.#notes };
  }

  async #run(now: number): Promise<BackupOutcome> {
    const client = this.#client;
    if (!client || !this.#deps.settings().enabled) return 'disabled';
    if (now < this.#notBefore) return 'deferred';
    const { marker, notes } = this.#open();
    if (!marker.changedSince()) return 'unchanged';
    // Read before the copy starts: a commit during the copy or the upload calls for the next one.
    const version = marker.current();
    const work = join(this.#deps.dataDir, BACKUP_WORK_DIR);
    const packed = join(work, `${now}.sqlite.gz`);
    try {
      mkdirSync(work, { recursive: true });
      const snapshot = await takePackedSnapshot(
        join(this.#deps.dataDir, DATABASE_FILE),
        join(work, `${now}.sqlite`),
        packed,
      );
      const ack = await client.upload({
        storeId: this.#deps.storeId,
        file: snapshot.file,
        packedBytes: snapshot.packedBytes,
        sha256: snapshot.sha256,
        seq: snapshot.seq,
        takenAt: now,
      });
      notes.record({
        takenAt: now,
        seq: snapshot.seq,
        sha256: snapshot.sha256,
        bytes: snapshot.bytes,
        packedBytes: snapshot.packedBytes,
        snapshotMs: snapshot.snapshotMs,
        uploadedAt: this.#deps.clock.now(),
      });
      marker.mark(version);
      this.#failures = 0;
      this.#notBefore = 0;
      this.#log.info(
        {
          seq: snapshot.seq,
          bytes: snapshot.bytes,
          packed: snapshot.packedBytes,
          snapshotMs: snapshot.snapshotMs,
          stored: ack.stored,
        },
        'store database backed up at central',
      );
      return 'uploaded';
    } catch (err) {
      this.#failures++;
      this.#failuresTotal++;
      const interval = this.#deps.settings().intervalMinutes * 60_000;
      const policy = this.#deps.backoff ?? { baseMs: 30_000, maxMs: interval };
      const delay = backoffDelay(this.#failures, policy, this.#deps.random ?? Math.random);
      this.#notBefore = now + delay;
      // The retry comes after the back-off, not at the next tick: the loss window is the interval.
      if (this.#started) {
        if (this.#retry) this.#deps.clock.clearTimeout(this.#retry);
        this.#retry = this.#deps.clock.setTimeout(() => {
          this.#retry = undefined;
          this.#job.runOnce().catch((e: unknown) => this.#log.error({ err: e }, 'backup retry failed'));
        }, delay);
      }
      this.#log.warn(
        { err, failures: this.#failures, retryInMs: delay },
        'store database not backed up at central; trying again later',
      );
      return 'deferred';
    } finally {
      rmSync(packed, { force: true });
    }
  }
}
