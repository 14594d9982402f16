import type { FaultName } from '../faults';
import { type Circuit, EquipmentModel, type ModelOptions } from './equipment-model';

export interface RefrigerationParams {
  setpointC: number;
  /** Thermostat band: the compressor starts at setpoint + ½·differential and stops at setpoint − ½·differential. */
  differentialC: number;
  /** Time constant of the box warming toward the kitchen through the walls (thermal mass / insulation). */
  wallTauS: number;
  /** Time constant of air exchange while someone walks through the door. */
  doorTauS: number;
  /** Air exchange with the door propped wide open (`door_ajar`). */
  doorAjarTauS: number;
  /** Cooling rate of a healthy compressor, °C/s. */
  coolingCPerS: number;
  compressorW: number;
  doorOpeningsPerHour: number;
  doorOpenS: readonly [number, number];
  /** 0 = no defrost cycles. */
  defrostEveryS: number;
  defrostDurationS: number;
}

/**
 * A refrigerated box: one thermal mass warming toward the kitchen, a compressor
 * switched by a thermostat with hysteresis, doors that let warm air in, and timed
 * off-cycle defrost. The walk-in and reach-in models are parameter sets of this.
 */
export abstract class RefrigeratedBox extends EquipmentModel {
  readonly circuit: Circuit = 'cold';
  protected readonly mainSensor = 'temp_c';
  protected readonly physicalFaults: readonly FaultName[] = [
    'compressor_failure',
    'door_ajar',
    'refrigerant_leak',
  ];

  protected tempC: number;
  protected setpointC: number;
  protected compressorOn: boolean;
  protected doorOpen = false;
  protected defrostOn = false;
  private doorClosesAtS = 0;
  private nextDefrostAtS: number;
  private defrostEndsAtS = 0;
  /** Fraction of cooling capacity left; a refrigerant leak wears it down. */
  private capacity = 1;

  constructor(
    options: ModelOptions,
    protected readonly params: RefrigerationParams,
  ) {
    super(options);
    this.setpointC = params.setpointC;
    const half = params.differentialC / 2;
    this.tempC = params.setpointC + this.rng.range(-half, half);
    this.compressorOn = this.rng.chance(0.3);
    this.nextDefrostAtS =
      params.defrostEveryS > 0 ? this.rng.range(0.25, 1) * params.defrostEveryS : Infinity;
  }

  get temperatureC(): number {
    return this.tempC;
  }

  get setpoint(): number {
    return this.setpointC;
  }

  /** A new setpoint from the controller's keypad or its serial interface. */
  setSetpoint(celsius: number): void {
    this.setpointC = celsius;
  }

  /**
   * What a compressor sub-meter reads: the rated draw while running, less as refrigerant is
   * lost (lower suction pressure, less mass flow to compress), nothing while stopped.
   */
  protected compressorPowerW(): number {
    if (!this.compressorOn) return 0;
    return Math.round(this.params.compressorW * (1 - 0.4 * (1 - this.capacity)));
  }

  powerW(): number {
    return (this.compressorOn ? this.params.compressorW : 0) + 40; // evaporator fans and controller
  }

  protected override onFaultChange(fault: FaultName, active: boolean): void {
    if (fault === 'door_ajar') {
      this.doorOpen = false;
      this.doorClosesAtS = this.ageS;
    }
    if (fault === 'refrigerant_leak' && !active) this.capacity = 1; // recharged by the technician
  }

  protected advance(dtS: number): void {
    const p = this.params;
    this.moveDoor(dtS);
    this.runDefrost();

    const cutIn = this.setpointC + p.differentialC / 2;
    const cutOut = this.setpointC - p.differentialC / 2;
    if (this.defrostOn) this.compressorOn = false;
    else if (this.tempC >= cutIn) this.compressorOn = true;
    else if (this.tempC <= cutOut) this.compressorOn = false;
    // A failed compressor trips its overload: the contactor drops out, nothing cools.
    if (this.hasFault('compressor_failure')) this.compressorOn = false;

    const leak = this.faultParams('refrigerant_leak');
    if (leak) this.capacity = Math.max(0, this.capacity - (leak.capacityLossPerHour * dtS) / 3600);

    const ajar = this.faultParams('door_ajar');
    let dT = ((this.ambientC - this.tempC) / p.wallTauS) * dtS;
    if (ajar) dT += ((this.ambientC - this.tempC) * ajar.opening * dtS) / p.doorAjarTauS;
    else if (this.doorOpen) dT += ((this.ambientC - this.tempC) / p.doorTauS) * dtS;
    if (this.compressorOn) dT -= p.coolingCPerS * this.capacity * dtS;
    this.tempC += dT;
  }

  /** What the door switch reads: a door left ajar may not press it. */
  protected get doorSwitchOpen(): boolean {
    const ajar = this.faultParams('door_ajar');
    return ajar ? ajar.switchDetects : this.doorOpen;
  }

  private moveDoor(dtS: number): void {
    if (this.hasFault('door_ajar')) return;
    const p = this.params;
    if (this.doorOpen) {
      if (this.ageS >= this.doorClosesAtS) this.doorOpen = false;
      return;
    }
    if (this.rng.chance((p.doorOpeningsPerHour * dtS) / 3600)) {
      this.doorOpen = true;
      this.doorClosesAtS = this.ageS + this.rng.range(p.doorOpenS[0], p.doorOpenS[1]);
    }
  }

  /** Starts at the first compressor cut-out after the timer is due, as controllers with demand-aligned defrost do. */
  private runDefrost(): void {
    if (this.defrostOn) {
      if (this.ageS >= this.defrostEndsAtS) {
        this.defrostOn = false;
        this.nextDefrostAtS = this.ageS + this.params.defrostEveryS;
      }
      return;
    }
    const justCutOut = this.tempC <= this.setpointC - this.params.differentialC / 2 + 0.2;
    if (this.ageS >= this.nextDefrostAtS && !this.compressorOn && justCutOut) {
      this.defrostOn = true;
      this.defrostEndsAtS = this.ageS + this.params.defrostDurationS;
    }
  }
}
