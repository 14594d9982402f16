import type { FaultName } from '../faults';
import { type Circuit, EquipmentModel, type ModelOptions, type Readings, round } from './equipment-model';

const DESIGN_AIRFLOW_M3H = 6000;
/** Grease loading of the filters, Pa per hour of operation. */
const FILTER_LOADING_PA_PER_H = 1.5;

/** Exhaust hood over the fry line: airflow falls slowly as the grease filters load up. */
export class Hood extends EquipmentModel {
  readonly type = 'hood';
  readonly circuit: Circuit = 'other';
  protected readonly mainSensor = 'airflow_m3h';
  protected readonly physicalFaults: readonly FaultName[] = ['fan_failure'];
  protected override defaultMakerCode = 'F1';
  private filterDpPa: number;

  constructor(options: ModelOptions) {
    super(options);
    this.filterDpPa = this.rng.range(110, 180);
  }

  powerW(): number {
    return this.hasFault('fan_failure') ? 20 : 1100;
  }

  protected advance(dtS: number): void {
    this.filterDpPa += (FILTER_LOADING_PA_PER_H * dtS) / 3600;
  }

  protected rawReadings(): Readings {
    // A broken belt: the motor is commanded on but moves no air, and the filters see no pressure drop.
    if (this.hasFault('fan_failure')) return { fan_on: true, airflow_m3h: 0, filter_dp_pa: 0 };
    const clog = Math.min(0.8, Math.max(0, (this.filterDpPa - 150) / 500));
    const airflow = DESIGN_AIRFLOW_M3H * (1 - clog) + this.rng.normal() * 40;
    return {
      fan_on: true,
      airflow_m3h: Math.round(Math.max(0, airflow)),
      filter_dp_pa: round(this.filterDpPa),
    };
  }
}
