import type { ModelOptions, Readings } from './equipment-model';
import { round } from './equipment-model';
import { RefrigeratedBox } from './refrigerated-box';

/** Reach-in prep cooler: small thermal mass, opened often during service. */
export class ReachInCooler extends RefrigeratedBox {
  readonly type = 'reach_in_cooler';

  constructor(options: ModelOptions) {
    super(options, {
      setpointC: 2.5,
      differentialC: 2,
      wallTauS: 3600,
      doorTauS: 300,
      doorAjarTauS: 150,
      coolingCPerS: 0.02,
      compressorW: 350,
      doorOpeningsPerHour: 20,
      doorOpenS: [3, 10],
      defrostEveryS: 0,
      defrostDurationS: 0,
    });
  }

  protected rawReadings(): Readings {
    return {
      temp_c: round(this.tempC),
      door_open: this.doorSwitchOpen,
      compressor_on: this.compressorOn,
      compressor_power_w: this.compressorPowerW(),
    };
  }
}
