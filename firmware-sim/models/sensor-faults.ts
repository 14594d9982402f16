import type { FaultName, FaultRequest } from '../faults';
import type { Rng } from '../random';
import type { Readings } from './equipment-model';

type SensorFault =
  | { kind: 'stuck'; metric: string; value: number | boolean }
  | { kind: 'drift'; metric: string; ratePerHour: number; offset: number }
  | { kind: 'noisy'; metric: string; amplitude: number }
  | { kind: 'disconnected'; metric: string };

const KIND_BY_FAULT: Partial<Record<FaultName, SensorFault['kind']>> = {
  sensor_stuck: 'stuck',
  sensor_drift: 'drift',
  sensor_noisy: 'noisy',
  sensor_disconnected: 'disconnected',
};

/**
 * What a failing probe does to the numbers the firmware reports: the physics
 * underneath carries on, only the reported value is wrong or missing.
 */
export class SensorFaults {
  private readonly faults = new Map<SensorFault['kind'], SensorFault>();

  constructor(private readonly rng: Rng) {}

  inject(request: FaultRequest, mainSensor: string, current: Readings): void {
    switch (request.fault) {
      case 'sensor_stuck': {
        const metric = request.params.metric ?? mainSensor;
        const value = request.params.value ?? current[metric] ?? 0;
        this.faults.set('stuck', { kind: 'stuck', metric, value });
        break;
      }
      case 'sensor_drift':
        this.faults.set('drift', {
          kind: 'drift',
          metric: request.params.metric ?? mainSensor,
          ratePerHour: request.params.ratePerHour,
          offset: 0,
        });
        break;
      case 'sensor_noisy':
        this.faults.set('noisy', {
          kind: 'noisy',
          metric: request.params.metric ?? mainSensor,
          amplitude: request.params.amplitude,
        });
        break;
      case 'sensor_disconnected':
        this.faults.set('disconnected', {
          kind: 'disconnected',
          metric: request.params.metric ?? mainSensor,
        });
        break;
      default:
        break;
    }
  }

  clear(fault: FaultName): void {
    const kind = KIND_BY_FAULT[fault];
    if (kind) this.faults.delete(kind);
  }

  advance(dtS: number): void {
    const drift = this.faults.get('drift');
    if (drift?.kind === 'drift') drift.offset += (drift.ratePerHour * dtS) / 3600;
  }

  apply(raw: Readings): Readings {
    if (this.faults.size === 0) return raw;
    const out: Readings = { ...raw };
    for (const fault of this.faults.values()) {
      const value = out[fault.metric];
      if (value === undefined) continue;
      switch (fault.kind) {
        case 'stuck':
          out[fault.metric] = fault.value;
          break;
        case 'drift':
          if (typeof value === 'number') out[fault.metric] = roundTenth(value + fault.offset);
          break;
        case 'noisy':
          if (typeof value === 'number')
            out[fault.metric] = roundTenth(value + fault.amplitude * this.rng.normal());
          break;
        case 'disconnected':
          // An open probe: the firmware has nothing to report for this metric.
          delete out[fault.metric];
          break;
      }
    }
    return out;
  }
}

function roundTenth(v: number): number {
  return Math.round(v * 10) / 10;
}
