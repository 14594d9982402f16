import type { ModelOptions, Readings } from './equipment-model';
import { round } from './equipment-model';
import { HeatedVessel } from './heated-vessel';

const PATTY_LOAD_C = 15;
const PATTY_SPREAD_S = 20;

/** Clamshell grill platen at ~204 °C; each load of patties pulls the surface down. */
export class Grill extends HeatedVessel {
  readonly type = 'grill';
  protected readonly mainSensor = 'surface_temp_c';
  protected override defaultMakerCode = 'E12';
  private loadC = 0;

  constructor(options: ModelOptions) {
    super(options, {
      setpointC: 204,
      differentialC: 6,
      heatingCPerS: 0.5,
      lossTauS: 1800,
      highLimitC: 290,
      heaterW: 8000,
    });
  }

  protected loadCoolingCPerS(dtS: number): number {
    if (this.rng.chance((20 * dtS) / 3600)) this.loadC += PATTY_LOAD_C;
    if (this.loadC <= 0) return 0;
    const rate = Math.min(this.loadC / dtS, PATTY_LOAD_C / PATTY_SPREAD_S);
    this.loadC -= rate * dtS;
    return rate;
  }

  protected rawReadings(): Readings {
    return { surface_temp_c: round(this.tempC), heating_on: this.heatingOn };
  }
}
