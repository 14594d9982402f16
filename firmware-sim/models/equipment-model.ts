import { COMMON_FAULTS, FaultError, type FaultName, type FaultParams, type FaultRequest } from '../faults';
import type { Rng } from '../random';
import { SensorFaults } from './sensor-faults';

export type Readings = Record<string, number | boolean>;

/** Which energy meter sees this equipment's load. */
export type Circuit = 'cold' | 'hot' | 'other';

/** A fault the equipment reports itself (the `event` topic). */
export interface ModelEvent {
  code: string;
  message?: string;
}

export interface ModelOptions {
  rng: Rng;
  /** Kitchen air temperature around the equipment. */
  ambientC?: number;
}

/** Longest physics step; larger `step()` calls are split so results do not depend on the tick size much. */
const MAX_SUBSTEP_S = 1;

/**
 * Base of every simulated piece of equipment: fault bookkeeping, sensor faults
 * and sub-stepping. Subclasses hold the physics (`advance`) and the metric names
 * of their type in config/demo-store.yaml (`rawReadings`).
 */
export abstract class EquipmentModel {
  abstract readonly type: string;
  abstract readonly circuit: Circuit;
  /** The sensor sensor faults act on unless the request names another. */
  protected abstract readonly mainSensor: string;
  /** Physical faults this model reacts to, beyond the common ones. */
  protected abstract readonly physicalFaults: readonly FaultName[];
  /** Maker code reported for `maker_fault` without an explicit code. */
  protected defaultMakerCode = 'E01';

  protected readonly rng: Rng;
  protected readonly ambientC: number;
  private readonly active = new Map<FaultName, FaultRequest>();
  private readonly sensors: SensorFaults;
  private pendingEvents: ModelEvent[] = [];
  private elapsedS = 0;

  constructor(options: ModelOptions) {
    this.rng = options.rng;
    this.ambientC = options.ambientC ?? 25;
    this.sensors = new SensorFaults(this.rng.fork('sensor'));
  }

  /** Advances the physics by `dtMs` of simulated time. */
  step(dtMs: number): void {
    let remaining = dtMs / 1000;
    while (remaining > 1e-9) {
      const dt = Math.min(MAX_SUBSTEP_S, remaining);
      this.advance(dt);
      this.sensors.advance(dt);
      this.elapsedS += dt;
      remaining -= dt;
    }
  }

  /** Sim seconds since the model was created. */
  get ageS(): number {
    return this.elapsedS;
  }

  /** What the equipment's firmware would report now, after any sensor fault. */
  readings(): Readings {
    return this.sensors.apply(this.rawReadings());
  }

  /** Electrical load right now, for the energy meters. */
  abstract powerW(): number;

  supports(fault: FaultName): boolean {
    return (COMMON_FAULTS as readonly FaultName[]).includes(fault) || this.physicalFaults.includes(fault);
  }

  inject(request: FaultRequest): void {
    if (!this.supports(request.fault)) {
      throw new FaultError('FAULT_UNSUPPORTED', `${this.type} does not simulate ${request.fault}`);
    }
    this.active.set(request.fault, request);
    switch (request.fault) {
      case 'sensor_stuck':
      case 'sensor_drift':
      case 'sensor_noisy':
      case 'sensor_disconnected':
        this.sensors.inject(request, this.mainSensor, this.rawReadings());
        break;
      case 'maker_fault':
        this.emit({
          code: request.params.code ?? this.defaultMakerCode,
          message: request.params.message ?? this.makerMessage(request.params.code ?? this.defaultMakerCode),
        });
        break;
      default:
        this.onFaultChange(request.fault, true);
    }
  }

  /** Clears one fault, or all of them. */
  clear(fault?: FaultName): void {
    const names = fault ? [fault] : [...this.active.keys()];
    for (const name of names) {
      if (!this.active.delete(name)) continue;
      this.sensors.clear(name);
      this.onFaultChange(name, false);
    }
  }

  faults(): FaultRequest[] {
    return [...this.active.values()];
  }

  hasFault(fault: FaultName): boolean {
    return this.active.has(fault);
  }

  protected faultParams<F extends FaultName>(fault: F): FaultParams<F> | undefined {
    const request = this.active.get(fault);
    return request?.params as FaultParams<F> | undefined;
  }

  /** Events raised since the last call, oldest first. */
  takeEvents(): ModelEvent[] {
    const events = this.pendingEvents;
    this.pendingEvents = [];
    return events;
  }

  protected emit(event: ModelEvent): void {
    this.pendingEvents.push(event);
  }

  protected makerMessage(code: string): string {
    return `fault ${code}`;
  }

  /** Hook for faults that change state at the moment they start or end (e.g. a door left open). */
  protected onFaultChange(_fault: FaultName, _active: boolean): void {}

  protected abstract advance(dtS: number): void;
  protected abstract rawReadings(): Readings;
}

/** Moves `value` toward `target` with time constant `tauS` over `dtS` (exact first-order step). */
export function approach(value: number, target: number, tauS: number, dtS: number): number {
  return target + (value - target) * Math.exp(-dtS / tauS);
}

export function round(value: number, decimals = 1): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
