import type { Equipment } from '../../shared/config/equipment';
import type { EquipmentTypeProfile } from '../../shared/config/equipment-profile';
import type { StoreConfig } from '../../shared/config/store-config';
import type { DeviceStatusCause, ReadingValue } from '../../shared/device-messages';
import type { RejectionReason } from '../../shared/rejection-reasons';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import { DEVICE_MESSAGE_KINDS, type DeviceMessageKind, parseDeviceTopic, topics } from '../../shared/topics';
import type { EdgeEvents, EventBus } from '../runtime/event-bus';
import type { Database } from '../store/database';
import type { RollupBacklog } from '../store/rollup-backlog';
import { BatchWriter } from './batch-writer';
import { type BatchCommit, type GroupCommitStats, GroupCommitter } from './group-committer';
import { type FlapStats, PresenceDebounce, type PresenceReport } from './presence-debounce';
import { IngestRejectedError, type Rejection, reject } from './rejection';
import { RejectionStats } from './rejection-stats';
import {
  validateEvent,
  validateStatus,
  validateTelemetry,
  validateTelemetryObject,
} from './validate-device-message';
import type { WriteOp, WriteOutcome } from './write-ops';
import type { WriterHeap } from './writer-protocol';
import { WriterThreadClient } from './writer-thread-client';

export interface IngestPipelineDeps {
  config: StoreConfig;
  db: Database;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** shared with the RollupJob so late data reaches the right rollup buckets */
  rollupBacklog?: RollupBacklog;
  /**
   * Where group commits run: inline on this thread's connection (default), or on a
   * writer thread with its own connection to the same file. The thread moves SQLite
   * work to another core; on the shared 2-core test machine it measured no faster
   * (other processes hold that core), so it is opt-in for hardware where it pays.
   */
  writer?: 'thread' | 'inline';
}

/**
 * Synchronous verdict on a publish: `commit` stores it and settles once it is stored
 * (durably when `awaited`); `store` stores it with nobody waiting (QoS 0), false when
 * ingest is stopped.
 */
export type IngestCheck =
  | { ok: true; commit: (awaited?: boolean) => Promise<void>; store: () => boolean }
  | Rejection;

interface KnownEquipment {
  equipment: Equipment;
  profile: EquipmentTypeProfile;
}

/**
 * The one way device data enters the edge: validates against the store config and
 * the equipment's profile, counts what it refuses, and stores what it accepts with
 * group commit. The broker calls `check` from its authorize hook and `commit` once
 * the publish is accepted; serial adapters call `submitReadings`.
 */
export class IngestPipeline {
  readonly rejections: RejectionStats;
  readonly #deps: IngestPipelineDeps;
  readonly #log: Logger;
  readonly #equipment: Map<string, KnownEquipment>;
  /** Every valid device topic of this store, so the common case skips parsing the topic. */
  readonly #deviceTopics = new Map<
    string,
    { equipmentId: string; kind: DeviceMessageKind; known: KnownEquipment }
  >();
  readonly #committer: GroupCommitter;
  readonly #thread: WriterThreadClient | undefined;

  /** The writer thread's V8 heap as it last reported it (undefined when writing inline). */
  get writerHeap(): WriterHeap | undefined {
    return this.#thread?.heap;
  }
  readonly #presence: PresenceDebounce;
  #started = false;

  constructor(deps: IngestPipelineDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'ingest' });
    this.#equipment = new Map();
    for (const equipment of deps.config.equipment) {
      const profile = deps.config.equipmentTypes[equipment.type];
      if (!profile) continue;
      const known = { equipment, profile };
      this.#equipment.set(equipment.id, known);
      for (const kind of DEVICE_MESSAGE_KINDS) {
        const topic = topics[kind](deps.config.store.id, equipment.id);
        this.#deviceTopics.set(topic, { equipmentId: equipment.id, kind, known });
      }
    }
    this.rejections = new RejectionStats(deps);
    this.#presence = new PresenceDebounce({
      clock: deps.clock,
      logger: deps.logger,
      settings: deps.config.alarms.connectionFlap,
      onSettled: (report) => {
        // Nobody waits on a settled return; a failed commit is logged by the committer.
        this.#committer.enqueue(statusOp(report));
      },
    });
    const backlog = deps.rollupBacklog;
    const threaded = deps.writer === 'thread' && !deps.db.memory;
    let commit: BatchCommit;
    if (threaded) {
      const thread = new WriterThreadClient(deps.db, deps.logger);
      this.#thread = thread;
      commit = (ops, durable) => thread.commit(ops, durable, backlog?.frontier());
    } else {
      const writer = new BatchWriter(
        deps.db,
        backlog ? (equipmentId, metric, ts) => backlog.noteWritten(equipmentId, metric, ts) : undefined,
      );
      commit = (ops, durable) => writer.commit(ops, durable);
    }
    this.#committer = new GroupCommitter({
      clock: deps.clock,
      logger: deps.logger,
      commit,
      maxDelayMs: deps.config.storage.groupCommitMaxDelayMs,
      maxBatch: deps.config.storage.groupCommitMaxBatch,
      onCommitted: (ops, outcomes) => {
        // The thread wrote the crash mark itself; this side learns which buckets to redo.
        if (threaded && backlog) noteInserted(backlog, ops, outcomes);
        this.#announce(ops, outcomes);
      },
    });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#committer.open();
    this.#thread?.start();
    this.rejections.start();
    this.#log.info({ equipment: this.#equipment.size }, 'ingest started');
  }

  /**
   * Commits everything still waiting, then refuses further writes. What waits is
   * handed to the database before this returns; the promise settles once it is committed.
   */
  async stop(): Promise<void> {
    if (!this.#started) return;
    this.#started = false;
    this.#presence.stop();
    const closing = this.#committer.close();
    this.rejections.stop();
    await closing;
    await this.#thread?.stop();
    this.#log.info(this.#committer.stats, 'ingest stopped');
  }

  /**
   * Validates a publish synchronously. A refusal is recorded here (counted, logged,
   * announced); the caller only has to refuse the publish.
   */
  check(clientId: string, topic: string, payload: Buffer): IngestCheck {
    const verdict = this.#check(topic, payload);
    if (!verdict.ok) this.rejections.record(clientId, verdict.reason, verdict.detail, topic);
    return verdict;
  }

  /** For serial adapters: the same checks and storage as MQTT telemetry. */
  async submitReadings(
    sourceId: string,
    equipmentId: string,
    message: { ts: number; readings: Record<string, ReadingValue> },
  ): Promise<void> {
    const topic = topics.telemetry(this.#deps.config.store.id, equipmentId);
    const known = this.#equipment.get(equipmentId);
    const verdict = known
      ? validateTelemetryObject(message, {
          profile: known.profile,
          limits: this.#deps.config.limits,
          now: this.#deps.clock.now(),
        })
      : unknownEquipment(equipmentId);
    if (!verdict.ok) {
      this.rejections.record(sourceId, verdict.reason, verdict.detail, topic);
      throw new IngestRejectedError(verdict.reason, verdict.detail);
    }
    // Validation checks readings in place; the caller's object must not change under the queue.
    await this.#committer.submit(this.#readingsOp(equipmentId, verdict.ts, { ...verdict.readings }));
  }

  /**
   * Connect, disconnect and Last Will come from the broker (and serial links); status
   * messages from `check`. Both pass the flap debounce: a return of a device that
   * keeps dropping is recorded once it has settled, and drops meanwhile not at all.
   */
  async recordDeviceStatus(equipmentId: string, online: boolean, cause: DeviceStatusCause): Promise<void> {
    const report = this.#presence.note(equipmentId, online, cause, this.#deps.clock.now());
    if (report) await this.#committer.submit(statusOp(report));
  }

  /** Flapping episodes per equipment and the drops they absorbed, for `/metrics`. */
  flapStats(): FlapStats {
    return this.#presence.stats();
  }

  /** Numbers for `/metrics`. */
  stats(): GroupCommitStats & {
    waiting: number;
    rejectedByReason: Partial<Record<RejectionReason, number>>;
  } {
    return {
      ...this.#committer.stats,
      waiting: this.#committer.waiting,
      rejectedByReason: this.rejections.totalsByReason(),
    };
  }

  #check(topic: string, payload: Buffer): IngestCheck {
    const device = this.#deviceTopics.get(topic);
    if (device) return this.#checkPayload(device.equipmentId, device.kind, device.known, payload);
    const parsed = parseDeviceTopic(topic);
    if (!parsed.ok) {
      return parsed.reason === 'unknown_message_kind'
        ? reject('unknown_message_kind', `"${topic}" does not end in telemetry, event or status`)
        : reject(
            'topic_not_allowed',
            `"${topic}" is not galley/{storeId}/{equipmentId}/{telemetry|event|status}`,
          );
    }
    const { storeId, equipmentId, kind } = parsed.topic;
    const config = this.#deps.config;
    if (storeId !== config.store.id) {
      return reject(
        'wrong_store',
        `"${topic}" names store "${storeId}"; this edge serves "${config.store.id}"`,
      );
    }
    const known = this.#equipment.get(equipmentId);
    if (!known) return unknownEquipment(equipmentId);
    return this.#checkPayload(equipmentId, kind, known, payload);
  }

  #checkPayload(
    equipmentId: string,
    kind: DeviceMessageKind,
    known: KnownEquipment,
    payload: Buffer,
  ): IngestCheck {
    const config = this.#deps.config;
    const now = this.#deps.clock.now();
    if (kind === 'telemetry') {
      const v = validateTelemetry(payload, { profile: known.profile, limits: config.limits, now });
      return v.ok ? new AcceptedWrite(this.#committer, this.#readingsOp(equipmentId, v.ts, v.readings)) : v;
    }
    if (kind === 'event') {
      const v = validateEvent(payload, { limits: config.limits, now });
      if (!v.ok) return v;
      const { ts, code, message } = v;
      return new AcceptedWrite(this.#committer, {
        kind: 'event',
        equipmentId,
        ts,
        receivedAt: now,
        code,
        message,
      });
    }
    const v = validateStatus(payload, { limits: config.limits });
    if (!v.ok) return v;
    // A planned stop is recorded under its own cause: the offline rule does not take it for a fault.
    const cause = v.reason === 'shutdown' ? 'shutdown' : 'status';
    return new AcceptedStatus(
      this.#committer,
      this.#presence,
      equipmentId,
      v.online,
      cause,
      this.#deps.clock,
    );
  }

  #readingsOp(equipmentId: string, ts: number, readings: Record<string, ReadingValue>): WriteOp {
    return { kind: 'readings', equipmentId, ts, readings, receivedAt: this.#deps.clock.now() };
  }

  #announce(ops: WriteOp[], outcomes: WriteOutcome[]): void {
    const readings: EdgeEvents['readingsCommitted'] = [];
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      const outcome = outcomes[i];
      if (op?.kind !== 'readings' || outcome?.kind !== 'readings' || outcome.inserted.length === 0) continue;
      readings.push({
        equipmentId: op.equipmentId,
        ts: op.ts,
        readings: insertedOnly(op.readings, outcome.inserted),
      });
    }
    if (readings.length) this.#deps.bus.emit('readingsCommitted', readings);
    for (let i = 0; i < ops.length; i++) {
      const op = ops[i];
      const outcome = outcomes[i];
      if (op?.kind === 'event' && outcome?.kind === 'event' && outcome.stored) {
        const { equipmentId, ts, code, message } = op;
        this.#deps.bus.emit('deviceEvent', { equipmentId, ts, code, message });
      } else if (op?.kind === 'status' && outcome?.kind === 'status' && outcome.changed) {
        const { equipmentId, online, at, cause } = op;
        this.#deps.bus.emit('deviceStatus', { equipmentId, online, ts: at, cause });
      }
    }
  }
}

/**
 * An accepted publish waiting for `commit()`. A class rather than a closure per
 * message: this is the hot path.
 */
class AcceptedWrite {
  readonly ok = true;
  readonly #committer: GroupCommitter;
  readonly #op: WriteOp;

  constructor(committer: GroupCommitter, op: WriteOp) {
    this.#committer = committer;
    this.#op = op;
  }

  /** `awaited`: a client holds its acknowledgement until this settles (QoS 1/2). */
  commit(awaited = false): Promise<void> {
    return this.#committer.submit(this.#op, awaited);
  }

  /** Nobody waits (QoS 0): no promise; a failure is logged by the committer. */
  store(): boolean {
    return this.#committer.enqueue(this.#op);
  }
}

/**
 * An accepted status message: it meets the flap debounce when the publish is accepted,
 * not when it is checked, so it is judged in the order the broker let it through.
 */
class AcceptedStatus {
  readonly ok = true;

  constructor(
    private readonly committer: GroupCommitter,
    private readonly presence: PresenceDebounce,
    private readonly equipmentId: string,
    private readonly online: boolean,
    private readonly cause: Extract<DeviceStatusCause, 'status' | 'shutdown'>,
    private readonly clock: Clock,
  ) {}

  commit(awaited = false): Promise<void> {
    const report = this.#note();
    return report ? this.committer.submit(statusOp(report), awaited) : Promise.resolve();
  }

  store(): boolean {
    const report = this.#note();
    return report ? this.committer.enqueue(statusOp(report)) : true;
  }

  #note(): PresenceReport | null {
    return this.presence.note(this.equipmentId, this.online, this.cause, this.clock.now());
  }
}

function statusOp(report: PresenceReport): WriteOp {
  return { kind: 'status', ...report };
}

function noteInserted(backlog: RollupBacklog, ops: WriteOp[], outcomes: WriteOutcome[]): void {
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i];
    const outcome = outcomes[i];
    if (op?.kind !== 'readings' || outcome?.kind !== 'readings') continue;
    for (const metric of outcome.inserted) backlog.noteWritten(op.equipmentId, metric, op.ts);
  }
}

/** The readings a redelivery did not already store (usually all of them). */
function insertedOnly(
  readings: Record<string, ReadingValue>,
  inserted: string[],
): Record<string, ReadingValue> {
  let count = 0;
  for (const _ in readings) count++;
  if (count === inserted.length) return readings;
  const out: Record<string, ReadingValue> = {};
  for (const metric of inserted) out[metric] = readings[metric] as ReadingValue;
  return out;
}

function unknownEquipment(equipmentId: string): Rejection {
  return reject('unknown_equipment', `equipment "${equipmentId}" is not in this store's configuration`);
}
