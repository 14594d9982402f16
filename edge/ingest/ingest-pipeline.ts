import type { Equipment } from '../../shared/config/equipment';
import type { EquipmentTypeProfile } from '../../shared/config/equipment-profile';
import type { StoreConfig } from '../../shared/config/store-config';
import type { ReadingValue } from '../../shared/device-messages';
import type { RejectionReason } from '../../shared/rejection-reasons';
import { parseDeviceTopic, topics } from '../../shared/topics';
import type { Clock } from '../runtime/clock';
import type { EdgeEvents, EventBus } from '../runtime/event-bus';
import type { Logger } from '../runtime/logger';
import type { Database } from '../store/database';
import { DeviceEventsStore } from '../store/device-events-store';
import { DeviceStatusStore } from '../store/device-status-store';
import { ReadingsStore } from '../store/readings-store';
import type { RollupBacklog } from '../store/rollup-backlog';
import { type GroupCommitStats, GroupCommitter } from './group-committer';
import { IngestRejectedError, type Rejection, reject } from './rejection';
import { RejectionStats } from './rejection-stats';
import {
  validateEvent,
  validateStatus,
  validateTelemetry,
  validateTelemetryObject,
} from './validate-device-message';

export interface IngestPipelineDeps {
  config: StoreConfig;
  db: Database;
  bus: EventBus;
  clock: Clock;
  logger: Logger;
  /** shared with the RollupJob so late data reaches the right rollup buckets */
  rollupBacklog?: RollupBacklog;
}

export type DeviceStatusCause = EdgeEvents['deviceStatus']['cause'];

/** Synchronous verdict on a publish; `commit` stores it and settles once it is durable. */
export type IngestCheck = { ok: true; commit: () => Promise<void> } | Rejection;

type Committed =
  | { kind: 'readings'; payload: EdgeEvents['readingsCommitted'][number] | undefined }
  | { kind: 'event'; payload: EdgeEvents['deviceEvent'] | undefined }
  | { kind: 'status'; payload: EdgeEvents['deviceStatus'] | undefined };

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
  readonly #equipment: Map<string, { equipment: Equipment; profile: EquipmentTypeProfile }>;
  readonly #committer: GroupCommitter<Committed>;
  readonly #readings: ReadingsStore;
  readonly #status: DeviceStatusStore;
  readonly #events: DeviceEventsStore;
  #started = false;

  constructor(deps: IngestPipelineDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'ingest' });
    this.#equipment = new Map();
    for (const equipment of deps.config.equipment) {
      const profile = deps.config.equipmentTypes[equipment.type];
      if (profile) this.#equipment.set(equipment.id, { equipment, profile });
    }
    this.rejections = new RejectionStats(deps);
    this.#readings = new ReadingsStore(deps.db, deps.config);
    this.#status = new DeviceStatusStore(deps.db);
    this.#events = new DeviceEventsStore(deps.db);
    this.#committer = new GroupCommitter<Committed>({
      db: deps.db,
      clock: deps.clock,
      logger: deps.logger,
      maxDelayMs: deps.config.storage.groupCommitMaxDelayMs,
      maxBatch: deps.config.storage.groupCommitMaxBatch,
      onCommitted: (results) => this.#announce(results),
    });
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.#committer.open();
    this.rejections.start();
    this.#log.info({ equipment: this.#equipment.size }, 'ingest started');
  }

  /** Commits everything still waiting, then refuses further writes. */
  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    this.#committer.close();
    this.rejections.stop();
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
    await this.#commitReadings(equipmentId, verdict.ts, verdict.readings);
  }

  /** Connect, disconnect and Last Will come from the broker; status messages from `check`. */
  async recordDeviceStatus(equipmentId: string, online: boolean, cause: DeviceStatusCause): Promise<void> {
    await this.#committer.submit(() => {
      const ts = this.#deps.clock.now();
      const changed = this.#status.setOnline(equipmentId, online, ts);
      return { kind: 'status', payload: changed ? { equipmentId, online, ts, cause } : undefined };
    });
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
    const now = this.#deps.clock.now();
    if (kind === 'telemetry') {
      const v = validateTelemetry(payload, { profile: known.profile, limits: config.limits, now });
      return v.ok ? { ok: true, commit: () => this.#commitReadings(equipmentId, v.ts, v.readings) } : v;
    }
    if (kind === 'event') {
      const v = validateEvent(payload, { limits: config.limits, now });
      return v.ok ? { ok: true, commit: () => this.#commitEvent(equipmentId, v.ts, v.code, v.message) } : v;
    }
    const v = validateStatus(payload, { limits: config.limits });
    return v.ok ? { ok: true, commit: () => this.recordDeviceStatus(equipmentId, v.online, 'status') } : v;
  }

  async #commitReadings(
    equipmentId: string,
    ts: number,
    readings: Record<string, ReadingValue>,
  ): Promise<void> {
    await this.#committer.submit(() => {
      const inserted = this.#readings.write(equipmentId, ts, readings);
      this.#status.touch(equipmentId, this.#deps.clock.now());
      const metrics = Object.keys(inserted);
      for (const metric of metrics) this.#deps.rollupBacklog?.noteWritten(equipmentId, metric, ts);
      return {
        kind: 'readings',
        payload: metrics.length ? { equipmentId, ts, readings: inserted } : undefined,
      };
    });
  }

  async #commitEvent(
    equipmentId: string,
    ts: number,
    code: string,
    message: string | undefined,
  ): Promise<void> {
    await this.#committer.submit(() => {
      const receivedAt = this.#deps.clock.now();
      const stored = this.#events.insert({ equipmentId, ts, receivedAt, code, message });
      this.#status.touch(equipmentId, receivedAt);
      return { kind: 'event', payload: stored ? { equipmentId, ts, code, message } : undefined };
    });
  }

  #announce(results: Committed[]): void {
    const readings: EdgeEvents['readingsCommitted'] = [];
    for (const r of results) if (r.kind === 'readings' && r.payload) readings.push(r.payload);
    if (readings.length) this.#deps.bus.emit('readingsCommitted', readings);
    for (const r of results) {
      if (r.kind === 'event' && r.payload) this.#deps.bus.emit('deviceEvent', r.payload);
      else if (r.kind === 'status' && r.payload) this.#deps.bus.emit('deviceStatus', r.payload);
    }
  }
}

function unknownEquipment(equipmentId: string): Rejection {
  return reject('unknown_equipment', `equipment "${equipmentId}" is not in this store's configuration`);
}
