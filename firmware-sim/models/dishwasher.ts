import type { FaultName } from '../faults';
import { type Circuit, EquipmentModel, type ModelOptions, type Readings, round } from './equipment-model';

const WASH_SETPOINT_C = 66;
const RINSE_SETPOINT_C = 86;
const WASH_S = 60;
const RINSE_S = 15;

type Phase = 'idle' | 'wash' | 'rinse';

/**
 * Door-type dishwasher: a wash tank (≥ 60 °C) and a rinse booster (final rinse
 * ≥ 82 °C), each on its own thermostat; racks come in at random.
 */
export class Dishwasher extends EquipmentModel {
  readonly type = 'dishwasher';
  readonly circuit: Circuit = 'hot';
  protected readonly mainSensor = 'rinse_temp_c';
  protected readonly physicalFaults: readonly FaultName[] = ['heating_element_failure', 'low_rinse_temp'];
  protected override defaultMakerCode = 'E07';

  private washC: number;
  private rinseC: number;
  private washHeater = false;
  private boosterHeater = false;
  private phase: Phase = 'idle';
  private phaseEndsAtS = 0;
  private nextRackAtS: number;
  private cycles: number;
  /** Lowest booster temperature during the last final rinse. */
  private lastRinseMinC = RINSE_SETPOINT_C;

  constructor(options: ModelOptions) {
    super(options);
    this.washC = WASH_SETPOINT_C + this.rng.range(-1, 1);
    this.rinseC = RINSE_SETPOINT_C + this.rng.range(-1, 1);
    this.cycles = Math.floor(this.rng.range(1000, 20000));
    this.nextRackAtS = this.rng.range(30, 240);
  }

  get cycleCount(): number {
    return this.cycles;
  }

  get lastRinseMinimumC(): number {
    return this.lastRinseMinC;
  }

  get rinseTemperatureC(): number {
    return this.rinseC;
  }

  powerW(): number {
    const heating = !this.hasFault('heating_element_failure');
    return (
      (heating && this.washHeater ? 6000 : 0) +
      (heating && this.boosterHeater ? 9000 : 0) +
      (this.phase === 'idle' ? 20 : 1100)
    );
  }

  protected advance(dtS: number): void {
    this.runCycle();
    const lowRinse = this.faultParams('low_rinse_temp');
    const boosterSetpoint = lowRinse ? lowRinse.rinseTempC : RINSE_SETPOINT_C;
    this.washHeater = thermostat(this.washHeater, this.washC, WASH_SETPOINT_C, 2);
    this.boosterHeater = thermostat(this.boosterHeater, this.rinseC, boosterSetpoint, 2);
    const heats = !this.hasFault('heating_element_failure');

    let dWash = ((this.ambientC - this.washC) / 7200) * dtS;
    if (heats && this.washHeater) dWash += 0.05 * dtS;
    if (this.phase === 'wash') dWash -= 0.04 * dtS; // cold racks soak up heat
    this.washC += dWash;

    let dRinse = ((this.ambientC - this.rinseC) / 3600) * dtS;
    if (heats && this.boosterHeater) dRinse += 0.2 * dtS;
    if (this.phase === 'rinse') {
      dRinse -= 0.3 * dtS; // cold mains water refills the booster
      this.lastRinseMinC = Math.min(this.lastRinseMinC, this.rinseC + dRinse);
    }
    this.rinseC += dRinse;
  }

  private runCycle(): void {
    if (this.phase !== 'idle' && this.ageS < this.phaseEndsAtS) return;
    if (this.phase === 'wash') {
      this.phase = 'rinse';
      this.phaseEndsAtS = this.ageS + RINSE_S;
      this.lastRinseMinC = this.rinseC;
    } else if (this.phase === 'rinse') {
      this.phase = 'idle';
      this.cycles += 1;
      this.nextRackAtS = this.ageS + this.rng.range(60, 360);
    } else if (this.ageS >= this.nextRackAtS) {
      this.phase = 'wash';
      this.phaseEndsAtS = this.ageS + WASH_S;
    }
  }

  protected rawReadings(): Readings {
    return {
      wash_temp_c: round(this.washC),
      rinse_temp_c: round(this.rinseC),
      running: this.phase !== 'idle',
      cycle_count: this.cycles,
    };
  }
}

/** Heater on below setpoint − ½·band, off above setpoint + ½·band, unchanged in between. */
function thermostat(on: boolean, value: number, setpoint: number, band: number): boolean {
  if (value <= setpoint - band / 2) return true;
  if (value >= setpoint + band / 2) return false;
  return on;
}
