import type { ModelOptions, Readings } from './equipment-model';
import { round } from './equipment-model';
import { RefrigeratedBox } from './refrigerated-box';

/** Walk-in freezer held at −23 to −18 °C. */
export class WalkInFreezer extends RefrigeratedBox {
  readonly type = 'walk_in_freezer';
  protected override defaultMakerCode = 'HP';

  constructor(options: ModelOptions) {
    super(options, {
      setpointC: -20.5,
      differentialC: 2,
      wallTauS: 5 * 3600,
      doorTauS: 900,
      doorAjarTauS: 400,
      coolingCPerS: 0.01,
      compressorW: 2500,
      doorOpeningsPerHour: 3,
      doorOpenS: [5, 12],
      defrostEveryS: 8 * 3600,
      defrostDurationS: 12 * 60,
    });
  }

  protected rawReadings(): Readings {
    return {
      temp_c: round(this.tempC),
      door_open: this.doorSwitchOpen,
      compressor_on: this.compressorOn,
      compressor_power_w: this.compressorPowerW(),
      defrost_on: this.defrostOn,
    };
  }
}
