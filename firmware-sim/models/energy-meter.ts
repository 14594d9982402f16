import type { FaultName } from '../faults';
import { type Circuit, EquipmentModel, type ModelOptions, type Readings, round } from './equipment-model';

const NOMINAL_V = 220;

export interface EnergyMeterOptions extends ModelOptions {
  /** Load on the metered circuit right now, W (the sum of the equipment on it). */
  loadW: () => number;
  /** Lighting, sockets and other loads the simulator does not model one by one. */
  baseLoadW?: number;
}

/** Circuit energy meter: power follows the simulated equipment on its circuit, energy integrates it. */
export class EnergyMeter extends EquipmentModel {
  readonly type = 'energy_meter';
  readonly circuit: Circuit = 'other';
  protected readonly mainSensor = 'power_w';
  protected readonly physicalFaults: readonly FaultName[] = [];
  private readonly loadW: () => number;
  private readonly baseLoadW: number;
  private energyKwh: number;
  private lastPowerW = 0;

  constructor(options: EnergyMeterOptions) {
    super(options);
    this.loadW = options.loadW;
    this.baseLoadW = options.baseLoadW ?? 0;
    this.energyKwh = this.rng.range(10_000, 50_000);
  }

  /** A meter is not a load of its own. */
  powerW(): number {
    return 0;
  }

  protected advance(dtS: number): void {
    this.lastPowerW = Math.max(0, this.baseLoadW + this.loadW());
    this.energyKwh += (this.lastPowerW * dtS) / 3_600_000;
  }

  protected rawReadings(): Readings {
    return {
      power_w: Math.round(this.lastPowerW),
      energy_kwh: round(this.energyKwh, 3),
      voltage_v: round(NOMINAL_V + this.rng.normal() * 2),
    };
  }
}
