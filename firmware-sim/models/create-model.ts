import { FaultError } from '../faults';
import { CombiOven } from './combi-oven';
import { Dishwasher } from './dishwasher';
import { EnergyMeter } from './energy-meter';
import type { EquipmentModel, ModelOptions } from './equipment-model';
import { Fryer } from './fryer';
import { Grill } from './grill';
import { Hood } from './hood';
import { HotHolding } from './hot-holding';
import { Hvac } from './hvac';
import { IceMachine } from './ice-machine';
import { ReachInCooler } from './reach-in-cooler';
import { ReachInFreezer } from './reach-in-freezer';
import { WalkInCooler } from './walk-in-cooler';
import { WalkInFreezer } from './walk-in-freezer';

export interface CreateModelOptions extends ModelOptions {
  /** For energy meters: the load of the circuit they measure. */
  loadW?: () => number;
  baseLoadW?: number;
}

const FACTORIES: Record<string, (options: CreateModelOptions) => EquipmentModel> = {
  walk_in_cooler: (o) => new WalkInCooler(o),
  walk_in_freezer: (o) => new WalkInFreezer(o),
  reach_in_cooler: (o) => new ReachInCooler(o),
  reach_in_freezer: (o) => new ReachInFreezer(o),
  fryer: (o) => new Fryer(o),
  grill: (o) => new Grill(o),
  combi_oven: (o) => new CombiOven(o),
  hot_holding: (o) => new HotHolding(o),
  dishwasher: (o) => new Dishwasher(o),
  ice_machine: (o) => new IceMachine(o),
  hood: (o) => new Hood(o),
  hvac: (o) => new Hvac(o),
  energy_meter: (o) => new EnergyMeter({ ...o, loadW: o.loadW ?? (() => 0) }),
};

export const SIMULATED_TYPES = Object.keys(FACTORIES);

/** The model for an equipment type id of the store config. */
export function createModel(type: string, options: CreateModelOptions): EquipmentModel {
  const factory = FACTORIES[type];
  if (!factory) {
    throw new FaultError(
      'EQUIPMENT_UNKNOWN',
      `no simulated model for type "${type}"; known: ${SIMULATED_TYPES.join(', ')}`,
    );
  }
  return factory(options);
}
