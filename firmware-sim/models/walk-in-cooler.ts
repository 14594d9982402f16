import type { ModelOptions, Readings } from './equipment-model';
import { round } from './equipment-model';
import { RefrigeratedBox } from './refrigerated-box';

/** Walk-in cooler held at 0–4 °C; strip curtains keep walk-through openings mild. */
export class WalkInCooler extends RefrigeratedBox {
  readonly type = 'walk_in_cooler';

  constructor(options: ModelOptions) {
    super(options, {
      setpointC: 2,
      differentialC: 2,
      wallTauS: 4 * 3600,
      doorTauS: 450,
      doorAjarTauS: 240,
      coolingCPerS: 0.006,
      compressorW: 1500,
      doorOpeningsPerHour: 4,
      doorOpenS: [5, 15],
      defrostEveryS: 6 * 3600,
      defrostDurationS: 15 * 60,
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
