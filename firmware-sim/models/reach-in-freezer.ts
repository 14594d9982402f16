import type { ModelOptions, Readings } from './equipment-model';
import { round } from './equipment-model';
import { RefrigeratedBox } from './refrigerated-box';

/** Degrees above setpoint at which the controller raises its own high-temperature alarm. */
const HIGH_ALARM_OFFSET_C = 8;

/** Reach-in freezer with an older controller that reports its setpoint and alarm bits (the Modbus unit). */
export class ReachInFreezer extends RefrigeratedBox {
  readonly type = 'reach_in_freezer';

  constructor(options: ModelOptions) {
    super(options, {
      setpointC: -20,
      differentialC: 2,
      wallTauS: 2 * 3600,
      doorTauS: 400,
      doorAjarTauS: 200,
      coolingCPerS: 0.025,
      compressorW: 450,
      doorOpeningsPerHour: 10,
      doorOpenS: [3, 8],
      defrostEveryS: 0,
      defrostDurationS: 0,
    });
  }

  protected rawReadings(): Readings {
    return {
      temp_c: round(this.tempC),
      setpoint_c: this.setpointC,
      compressor_on: this.compressorOn,
      compressor_power_w: this.compressorPowerW(),
      alarm_high_temp: this.tempC > this.setpointC + HIGH_ALARM_OFFSET_C,
      alarm_sensor_fault: this.hasFault('sensor_disconnected'),
    };
  }
}
