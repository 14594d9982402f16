import type { Equipment } from '../shared/config/equipment';
import type { Logger } from '../shared/server/runtime/logger';
import { FaultError, type FaultName, type FaultRequest } from './faults';
import { createModel } from './models/create-model';
import type { Circuit, EquipmentModel } from './models/equipment-model';
import { createRng } from './random';
import { type Scenario, ScenarioTimeline } from './scenario';
import { SimClock } from './sim-clock';

export interface SimulatedUnit {
  equipment: Equipment;
  model: EquipmentModel;
}

export interface SimulatedStoreOptions {
  equipment: readonly Equipment[];
  seed: number;
  /** Sim epoch at start; defaults to now. */
  startEpochMs?: number;
  logger: Logger;
}

/** Lighting, sockets and extraction the main meter sees beyond the modelled equipment. */
const MAIN_BASE_LOAD_W = 2500;

/**
 * The whole simulated kitchen without any networking: models, simulated time,
 * live faults and scenario timelines. Deterministic for a seed and a sequence of
 * `advance` calls.
 */
export class SimulatedStore {
  readonly clock: SimClock;
  private readonly units = new Map<string, SimulatedUnit>();
  private readonly timelines: ScenarioTimeline[] = [];
  private readonly log: Logger;

  constructor(options: SimulatedStoreOptions) {
    this.clock = new SimClock(options.startEpochMs ?? Date.now());
    this.log = options.logger.child({ ns: 'sim-store' });
    const rng = createRng(options.seed);
    const meters: Equipment[] = [];
    for (const equipment of options.equipment) {
      if (equipment.type === 'energy_meter') {
        meters.push(equipment);
        continue;
      }
      this.units.set(equipment.id, {
        equipment,
        model: createModel(equipment.type, { rng: rng.fork(equipment.id) }),
      });
    }
    // Meters last: each follows the equipment already built.
    for (const equipment of meters) {
      const circuit = meterCircuit(equipment.id);
      const model = createModel('energy_meter', {
        rng: rng.fork(equipment.id),
        loadW: () => this.circuitLoadW(circuit),
        baseLoadW: circuit === 'main' ? MAIN_BASE_LOAD_W : 0,
      });
      this.units.set(equipment.id, { equipment, model });
    }
  }

  list(): SimulatedUnit[] {
    return [...this.units.values()];
  }

  unit(equipmentId: string): SimulatedUnit {
    const unit = this.units.get(equipmentId);
    if (!unit) throw new FaultError('EQUIPMENT_UNKNOWN', `no simulated equipment "${equipmentId}"`);
    return unit;
  }

  /** Runs physics and scenarios forward by `simMs`, in steps no longer than `maxStepMs`. */
  advance(simMs: number, maxStepMs = 10_000): void {
    let remaining = simMs;
    while (remaining > 0) {
      const dt = Math.min(maxStepMs, remaining);
      // Scenario steps apply at their own sim time, not at the end of a coarse wall tick.
      this.applyDueSteps(this.clock.elapsedMs);
      for (const { model } of this.units.values()) model.step(dt);
      this.clock.advance(dt);
      remaining -= dt;
    }
    this.applyDueSteps(this.clock.elapsedMs);
  }

  inject(equipmentId: string, request: FaultRequest): FaultRequest[] {
    const unit = this.unit(equipmentId);
    unit.model.inject(request);
    this.log.info({ equipmentId, fault: request.fault, params: request.params }, 'fault injected');
    return unit.model.faults();
  }

  clear(equipmentId: string, fault?: FaultName): FaultRequest[] {
    const unit = this.unit(equipmentId);
    unit.model.clear(fault);
    this.log.info({ equipmentId, fault: fault ?? 'all' }, 'fault cleared');
    return unit.model.faults();
  }

  /** Starts a scenario now; its step times count from this moment of sim time. */
  runScenario(scenario: Scenario): void {
    for (const step of scenario.steps) this.unit(step.equipmentId); // unknown equipment fails now, not mid-run
    this.timelines.push(new ScenarioTimeline(scenario, this.clock.elapsedMs));
    this.log.info({ scenario: scenario.name, steps: scenario.steps.length }, 'scenario started');
  }

  private applyDueSteps(elapsedMs: number): void {
    for (const timeline of this.timelines) {
      for (const step of timeline.due(elapsedMs)) {
        try {
          if (step.action === 'inject') this.inject(step.equipmentId, step.request);
          else this.clear(step.equipmentId, step.fault === 'all' ? undefined : step.fault);
        } catch (err) {
          // One bad step (a fault the equipment cannot have) must not stop the rest of the scenario.
          this.log.warn(
            { err: (err as Error).message, scenario: timeline.scenario.name },
            'scenario step skipped',
          );
        }
      }
    }
  }

  private circuitLoadW(circuit: Circuit | 'main'): number {
    let total = 0;
    for (const { model } of this.units.values()) {
      if (circuit === 'main' || model.circuit === circuit) total += model.powerW();
    }
    return total;
  }
}

/**
 * Which circuit a meter measures, from its id: `meter-cold` the refrigeration
 * circuit, `meter-hot` the cooking circuit, anything else the main incomer.
 */
export function meterCircuit(equipmentId: string): Circuit | 'main' {
  if (/(^|[-_])cold($|[-_])/.test(equipmentId)) return 'cold';
  if (/(^|[-_])hot($|[-_])/.test(equipmentId)) return 'hot';
  return 'main';
}
