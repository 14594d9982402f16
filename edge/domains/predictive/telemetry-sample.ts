import type { TelemetryRow } from '../../../shared/predictive/telemetry-row';
import type { AssetMetrics } from './asset-kind';

/** One report of an asset: the metrics the checks read, at one timestamp. */
export interface Sample {
  ts: number;
  tempC: number;
  actuatorOn: boolean;
  doorOpen: boolean;
  defrostOn: boolean;
  /** The actuator's power at this report, W (only when the asset reports one). */
  powerW?: number;
}

export type RowRejection = 'out_of_order' | 'out_of_bounds' | 'not_boolean';

/**
 * Gathers the rows of one timestamp into a sample. Rows come one metric at a time
 * (as `series_readings` holds them); a sample is complete when a later timestamp
 * arrives. Missing switches keep their last state, as a report without a change does.
 */
export class SampleAssembler {
  readonly rejected: Record<RowRejection, number> = { out_of_order: 0, out_of_bounds: 0, not_boolean: 0 };
  private ts = -1;
  private tempC: number | undefined;
  private actuatorOn = false;
  private doorOpen = false;
  private defrostOn = false;
  private powerW: number | undefined;
  private lastTempC: number | undefined;

  constructor(private readonly metrics: AssetMetrics) {}

  /** Returns the sample that the row completed (the previous timestamp's), if any. */
  push(row: TelemetryRow): Sample | undefined {
    if (row.ts < this.ts) {
      this.rejected.out_of_order++;
      return undefined;
    }
    const done = row.ts > this.ts ? this.flush() : undefined;
    this.ts = row.ts;
    const m = this.metrics;
    if (row.metric === m.temp) {
      const v = row.value;
      if (typeof v !== 'number' || v < m.tempBoundsC[0] || v > m.tempBoundsC[1])
        this.rejected.out_of_bounds++;
      else this.tempC = v;
    } else if (row.metric === m.power) {
      const v = row.value;
      const [low, high] = m.powerBoundsW ?? [0, Number.POSITIVE_INFINITY];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < low || v > high) this.rejected.out_of_bounds++;
      else this.powerW = v;
    } else if (row.metric === m.actuator || row.metric === m.door || row.metric === m.defrost) {
      const on = asSwitch(row.value);
      if (on === undefined) this.rejected.not_boolean++;
      else if (row.metric === m.actuator) this.actuatorOn = on;
      else if (row.metric === m.door) this.doorOpen = on;
      else this.defrostOn = on;
    }
    return done;
  }

  /** The sample in progress, when the caller knows no more rows of its timestamp follow. */
  flush(): Sample | undefined {
    const tempC = this.tempC ?? this.lastTempC;
    // Power is a reading of its own instant, not a switch: it is never carried to a later sample.
    const powerW = this.powerW;
    this.powerW = undefined;
    if (this.ts < 0 || tempC === undefined || this.tempC === undefined) {
      this.tempC = undefined;
      return undefined;
    }
    this.lastTempC = tempC;
    this.tempC = undefined;
    const sample: Sample = {
      ts: this.ts,
      tempC,
      actuatorOn: this.actuatorOn,
      doorOpen: this.doorOpen,
      defrostOn: this.defrostOn,
    };
    if (powerW !== undefined) sample.powerW = powerW;
    return sample;
  }
}

/** SQLite keeps booleans as 0/1; a device may send either. */
function asSwitch(value: number | boolean): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (value === 0 || value === 1) return value === 1;
  return undefined;
}
