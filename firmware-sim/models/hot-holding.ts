import type { ModelOptions, Readings } from './equipment-model';
import { round } from './equipment-model';
import { HeatedVessel } from './heated-vessel';

/** Air exchange while the door is open. */
const DOOR_TAU_S = 120;

/** Hot-holding cabinet at 75 °C: food must stay at or above 63 °C (HACCP). */
export class HotHolding extends HeatedVessel {
  readonly type = 'hot_holding';
  protected readonly mainSensor = 'temp_c';
  private doorOpen = false;
  private doorClosesAtS = 0;

  constructor(options: ModelOptions) {
    super(options, {
      setpointC: 75,
      differentialC: 2,
      heatingCPerS: 0.05,
      lossTauS: 5400,
      highLimitC: 110,
      heaterW: 1500,
    });
  }

  protected loadCoolingCPerS(dtS: number): number {
    if (this.doorOpen && this.ageS >= this.doorClosesAtS) this.doorOpen = false;
    if (!this.doorOpen && this.rng.chance((30 * dtS) / 3600)) {
      this.doorOpen = true;
      this.doorClosesAtS = this.ageS + this.rng.range(3, 8);
    }
    return this.doorOpen ? (this.tempC - this.ambientC) / DOOR_TAU_S : 0;
  }

  protected rawReadings(): Readings {
    return { temp_c: round(this.tempC), door_open: this.doorOpen, heating_on: this.heatingOn };
  }
}
