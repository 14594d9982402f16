import type { DeviceStatusCause } from '../../shared/device-messages';
import { syncPriorityOf } from '../../shared/sync/sync-protocol';
import type { Database } from '../store/database';

/**
 * Every event the edge sends central, in one union so each writer appends through the
 * same typed outbox and a misspelt type does not compile. The lane follows the kind
 * (shared/sync/sync-protocol.ts): rollups and metrics low, everything else high.
 */
export type OutboxEventType =
  | `alarm.${'raised' | 'reraised' | 'cleared' | 'acked' | 'notified' | 'escalated' | 'worsened'}`
  | `ticket.${'opened' | 'alarm_attached' | 'transition' | 'note'}`
  | 'device.status'
  | 'rollup.minute'
  | `pm.${'opened' | 'transition' | 'step_signed' | 'escalated' | 'meter_reset' | 'suggestion'}`
  | `part.${'used' | 'adjusted' | 'received' | 'seeded'}`
  | `purchase.${'requested' | 'approved' | 'rejected' | 'received'}`
  | 'metrics.daily'
  | `store.${'equipment' | 'catalog'}`
  | 'order.applied'
  | 'menu.availability'
  | 'downtime.cost'
  | 'predictive.finding'
  | 'predictive.asset_outlook'
  | `kds.${'bumped' | 'recalled'}`
  | `stock.${'level' | 'variance' | 'low' | 'purchase'}`
  | `purchasing.${'order' | 'receipt' | 'invoice' | 'payment' | 'approval'}`
  | `commissioning.${'handover' | 'progress'}`
  | `food_safety.${'chain_head' | 'excursion' | 'corrective_action' | 'day' | 'cooling' | 'check' | 'time_batch' | 'checkpoint'}`;

export interface OutboxEvent {
  type: OutboxEventType;
  entityId: number | string;
  ts: number;
  payload: unknown;
}

/** Outbox lanes as stored: high rows are sent first and never dropped. */
export const OUTBOX_LANE = { high: 0, low: 1 } as const;

export const laneOf = (type: string): number => OUTBOX_LANE[syncPriorityOf(type)];

/**
 * Writers that do not know the store id (the status and rollup hooks run where only the
 * database is at hand) take it from `sync_state`, which the edge sets at start.
 */
const STORE_ID = `coalesce((SELECT store_id FROM sync_state WHERE id = 1), '')`;

/**
 * Listeners told when a high-lane row is appended, per database, so the pusher sends an
 * alarm at once instead of on its next poll. They run synchronously inside the writer's
 * transaction and must only schedule work (the row is visible once the transaction commits;
 * if it rolls back, the pass finds nothing new and costs one empty query).
 */
const highLaneListeners = new WeakMap<Database, Set<() => void>>();

export function onHighPriorityAppend(db: Database, listener: () => void): () => void {
  let listeners = highLaneListeners.get(db);
  if (!listeners) {
    listeners = new Set();
    highLaneListeners.set(db, listeners);
  }
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** Writers that insert outbox rows with their own SQL call this after a high-lane insert. */
export function signalHighPriorityAppend(db: Database): void {
  const listeners = highLaneListeners.get(db);
  if (listeners) for (const listener of listeners) listener();
}

/**
 * Appends changes for the central sync. Callers append inside the transaction that
 * makes the change, so a change and its event commit or vanish together.
 */
export class OutboxWriter {
  readonly #insert;
  readonly #db: Database;

  constructor(
    db: Database,
    readonly storeId: string,
  ) {
    this.#db = db;
    this.#insert = db.prepare(
      'INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  append(event: OutboxEvent): number {
    const lane = laneOf(event.type);
    const result = this.#insert.run(
      this.storeId,
      event.ts,
      event.type,
      event.entityId,
      JSON.stringify(event.payload),
      lane,
    );
    if (lane === OUTBOX_LANE.high) signalHighPriorityAppend(this.#db);
    return Number(result.lastInsertRowid);
  }
}

/** Records the store id for the SQL hooks below; idempotent, called at edge start. */
export function setOutboxStoreId(db: Database, storeId: string): void {
  db.prepare('UPDATE sync_state SET store_id = ? WHERE id = 1').run(storeId);
}

/** `device.status` {equipmentId, online, cause, at}; run inside the status change's transaction. */
export function prepareDeviceStatusOutbox(db: Database) {
  const insert = db.prepare<[number, string, string]>(
    `INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority)
     VALUES (${STORE_ID}, ?, 'device.status', ?, ?, ${OUTBOX_LANE.high})`,
  );
  return (equipmentId: string, online: boolean, at: number, cause: DeviceStatusCause | null): void => {
    insert.run(at, equipmentId, JSON.stringify({ equipmentId, online, cause, at }));
    signalHighPriorityAppend(db);
  };
}

// One event per equipment-minute with every metric in it: a 3-metric device sends a third
// of the events (and a third of the per-event overhead at both ends) it would one per metric.
const ROLLUP_EVENTS = `
  INSERT INTO outbox (store_id, ts, type, entity_id, payload, priority)
  SELECT ${STORE_ID}, bucket_ts + 60000, 'rollup.minute', equipment_id,
    json_object('equipmentId', equipment_id, 'minuteTs', bucket_ts,
      'metrics', json_group_object(metric,
        json_object('min', min, 'max', max, 'avg', sum / count, 'count', count))),
    ${OUTBOX_LANE.low}
  FROM rollups_1m
  WHERE %FILTER%
  GROUP BY equipment_id, bucket_ts
  ORDER BY bucket_ts, equipment_id`;

/**
 * `rollup.minute` {equipmentId, minuteTs, metrics: {name: {min, max, avg, count}}}, one per
 * rolled-up equipment-minute, copied from `rollups_1m` inside the rollup transaction. A
 * minute recomputed for late data is sent again whole, with its new values (central keeps
 * the latest). Rows written before this shape carried one metric each ({metric, min, ...})
 * and are still sent as they are: central stores rollup payloads as history, unparsed.
 */
export function prepareRollupOutbox(db: Database) {
  const range = db.prepare<[number, number]>(
    ROLLUP_EVENTS.replace('%FILTER%', 'bucket_ts >= ? AND bucket_ts < ?'),
  );
  const minute = db.prepare<[string, number]>(
    ROLLUP_EVENTS.replace('%FILTER%', 'equipment_id = ? AND bucket_ts = ?'),
  );
  return {
    minutes: (from: number, to: number): void => {
      range.run(from, to);
    },
    /** one equipment-minute, all its metrics */
    minute: (equipmentId: string, bucketTs: number): void => {
      minute.run(equipmentId, bucketTs);
    },
  };
}
