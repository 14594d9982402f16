import type { ReadingValue } from '../../../shared/device-messages';
import type { PredictiveFinding } from '../../../shared/predictive/predictive-finding';
import {
  DEFAULT_PREDICTIVE_SETTINGS,
  type PredictiveSettings,
} from '../../../shared/predictive/predictive-settings';
import type { TelemetryRow } from '../../../shared/predictive/telemetry-row';
import { assetMetricsOfType } from './asset-kind';
import { PredictiveAssetMonitor } from './asset-monitor';

export interface WatchedEquipment {
  id: string;
  type: string;
}

/**
 * One monitor per watched piece of equipment, fed the way the edge holds telemetry: a
 * committed message (`readingsCommitted`: equipment, ts, readings) or stored rows read
 * back from `series_readings` in time order (after a restart, to catch up). Equipment of
 * a type with no predictive metrics, and unknown equipment, are skipped and counted.
 */
export class PredictiveFleet {
  readonly skipped = { unknownEquipment: 0 };
  private readonly monitors = new Map<string, PredictiveAssetMonitor>();

  constructor(
    equipment: readonly WatchedEquipment[],
    localHourOf: (epochMs: number) => number,
    settings: PredictiveSettings = DEFAULT_PREDICTIVE_SETTINGS,
  ) {
    for (const e of equipment) {
      const metrics = assetMetricsOfType(e.type);
      if (metrics)
        this.monitors.set(
          e.id,
          new PredictiveAssetMonitor({ equipmentId: e.id, metrics, localHourOf, settings }),
        );
    }
  }

  get watched(): string[] {
    return [...this.monitors.keys()];
  }

  monitor(equipmentId: string): PredictiveAssetMonitor | undefined {
    return this.monitors.get(equipmentId);
  }

  /** One committed telemetry message; returns the findings it completed. */
  pushMessage(
    equipmentId: string,
    ts: number,
    readings: Readonly<Record<string, ReadingValue>>,
  ): PredictiveFinding[] {
    const monitor = this.monitors.get(equipmentId);
    if (!monitor) {
      this.skipped.unknownEquipment++;
      return [];
    }
    const found: PredictiveFinding[] = [];
    for (const [metric, value] of Object.entries(readings)) {
      const finding = monitor.push({ ts, metric, value });
      if (finding) found.push(finding);
    }
    return found;
  }

  /** Stored rows of one piece of equipment, in time order. */
  pushRows(equipmentId: string, rows: Iterable<TelemetryRow>): PredictiveFinding[] {
    const monitor = this.monitors.get(equipmentId);
    if (!monitor) {
      this.skipped.unknownEquipment++;
      return [];
    }
    const found: PredictiveFinding[] = [];
    for (const row of rows) {
      const finding = monitor.push(row);
      if (finding) found.push(finding);
    }
    return found;
  }
}
