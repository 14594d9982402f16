import type { TelemetrySnapshot } from '../../../shared/api/tickets';
import type { Database } from '../../store/database';

const HOUR_MS = 3_600_000;

interface RollupRow {
  metric: string;
  bucket_ts: number;
  min: number;
  max: number;
  sum: number;
  count: number;
}

/** Reads the hour of 1-minute rollups before a fault for the metrics its rule involves. */
export class TelemetrySnapshotReader {
  readonly #rollups;

  constructor(db: Database) {
    this.#rollups = db.prepare<[string, string, number, number], RollupRow>(
      `SELECT metric, bucket_ts, min, max, sum, count FROM rollups_1m
       WHERE equipment_id = ? AND metric = ? AND bucket_ts >= ? AND bucket_ts <= ? ORDER BY bucket_ts`,
    );
  }

  read(args: {
    equipmentId: string;
    metrics: readonly string[];
    at: number;
    raisedAt: number;
    value: TelemetrySnapshot['value'];
    rule: Record<string, unknown>;
  }): TelemetrySnapshot {
    const from = Math.min(args.at, args.raisedAt) - HOUR_MS;
    const series: TelemetrySnapshot['series'] = {};
    for (const metric of new Set(args.metrics)) {
      series[metric] = this.#rollups.all(args.equipmentId, metric, from, args.at).map((r) => ({
        ts: r.bucket_ts,
        min: r.min,
        max: r.max,
        avg: r.count ? r.sum / r.count : r.min,
        count: r.count,
      }));
    }
    return { from, to: args.at, raisedAt: args.raisedAt, value: args.value, rule: args.rule, series };
  }
}
