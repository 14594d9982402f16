import type { FaultName } from '../faults';
import { type Circuit, EquipmentModel, type ModelOptions } from './equipment-model';

export interface HeatingParams {
  setpointC: number;
  /** The heater switches on at setpoint − ½·differential and off at setpoint + ½·differential. */
  differentialC: number;
  /** Heating rate of a healthy element at full power, °C/s. */
  heatingCPerS: number;
  /** Time constant of cooling toward the kitchen with the heater off. */
  lossTauS: number;
  /** Safety high-limit: the heater is cut above it whatever the thermostat says. */
  highLimitC: number;
  heaterW: number;
}

/**
 * Something held hot by a thermostat-switched element (fryer vat, grill platen,
 * holding cabinet). Subclasses add their loads: baskets, patties, doors.
 */
export abstract class HeatedVessel extends EquipmentModel {
  readonly circuit: Circuit = 'hot';
  protected readonly physicalFaults: readonly FaultName[] = ['heating_element_failure', 'thermostat_runaway'];

  protected tempC: number;
  protected heatingOn = false;

  constructor(
    options: ModelOptions,
    protected readonly heating: HeatingParams,
  ) {
    super(options);
    const half = heating.differentialC / 2;
    this.tempC = heating.setpointC + this.rng.range(-half, half);
  }

  get temperatureC(): number {
    return this.tempC;
  }

  powerW(): number {
    return this.heatingOn && !this.hasFault('heating_element_failure') ? this.heating.heaterW : 30;
  }

  /** Extra cooling from the load (food, open doors), °C/s. */
  protected abstract loadCoolingCPerS(dtS: number): number;

  protected advance(dtS: number): void {
    const h = this.heating;
    if (this.tempC <= h.setpointC - h.differentialC / 2) this.heatingOn = true;
    else if (this.tempC >= h.setpointC + h.differentialC / 2) this.heatingOn = false;
    // A welded thermostat contact keeps calling for heat; only the high-limit stops it.
    if (this.hasFault('thermostat_runaway')) this.heatingOn = true;
    if (this.tempC >= h.highLimitC) this.heatingOn = false;

    // With a burnt element the controller still calls for heat: that is what gives it away.
    const heats = this.heatingOn && !this.hasFault('heating_element_failure');
    let dT = ((this.ambientC - this.tempC) / h.lossTauS) * dtS - this.loadCoolingCPerS(dtS) * dtS;
    if (heats) dT += h.heatingCPerS * dtS;
    this.tempC += dT;
  }
}
