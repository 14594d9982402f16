import type { FaultName } from '../faults';
import {
  approach,
  type Circuit,
  EquipmentModel,
  type ModelOptions,
  type Readings,
  round,
} from './equipment-model';

const INLET_WATER_C = 14;
const FREEZE_S = 12 * 60;
const HARVEST_S = 90;
/** Bin level gained per harvest, %. */
const HARVEST_FILL_PCT = 8;

type Phase = 'freeze' | 'harvest' | 'idle';

/** Cube ice machine: freeze and harvest cycles, stopping while the bin is full. */
export class IceMachine extends EquipmentModel {
  readonly type = 'ice_machine';
  readonly circuit: Circuit = 'cold';
  protected readonly mainSensor = 'water_temp_c';
  protected readonly physicalFaults: readonly FaultName[] = ['compressor_failure', 'refrigerant_leak'];
  protected override defaultMakerCode = 'E2';

  private phase: Phase = 'freeze';
  private phaseElapsedS: number;
  private waterC: number;
  private binPct: number;
  private harvests: number;
  private capacity = 1;

  constructor(options: ModelOptions) {
    super(options);
    this.phaseElapsedS = this.rng.range(0, FREEZE_S);
    this.waterC = this.rng.range(0, 6);
    this.binPct = this.rng.range(40, 80);
    this.harvests = Math.floor(this.rng.range(5000, 50000));
  }

  powerW(): number {
    if (this.phase === 'freeze' && !this.hasFault('compressor_failure')) return 1100;
    return this.phase === 'harvest' ? 250 : 15;
  }

  protected override onFaultChange(fault: FaultName, active: boolean): void {
    if (fault === 'refrigerant_leak' && !active) this.capacity = 1;
  }

  protected advance(dtS: number): void {
    // Staff scoop ice during service.
    this.binPct = Math.max(0, this.binPct - this.rng.range(0, 0.02) * dtS);
    const leak = this.faultParams('refrigerant_leak');
    if (leak) this.capacity = Math.max(0, this.capacity - (leak.capacityLossPerHour * dtS) / 3600);
    const cooling = this.hasFault('compressor_failure') ? 0 : this.capacity;

    this.phaseElapsedS += dtS;
    switch (this.phase) {
      case 'idle':
        this.waterC = approach(this.waterC, this.ambientC - 10, 3600, dtS);
        if (this.binPct < 85) this.startPhase('freeze');
        break;
      case 'freeze': {
        // The water only reaches freezing with enough refrigeration; a weak system stalls above 0 °C.
        const floorC = -0.5 + (1 - cooling) * (this.ambientC - 5);
        this.waterC = approach(this.waterC, floorC, 180, dtS);
        if (this.phaseElapsedS >= FREEZE_S && this.waterC < 0.5) this.startPhase('harvest');
        break;
      }
      case 'harvest':
        this.waterC = approach(this.waterC, INLET_WATER_C, 30, dtS);
        if (this.phaseElapsedS >= HARVEST_S) {
          this.harvests += 1;
          this.binPct = Math.min(100, this.binPct + HARVEST_FILL_PCT);
          this.startPhase(this.binPct >= 100 ? 'idle' : 'freeze');
        }
        break;
    }
  }

  private startPhase(phase: Phase): void {
    this.phase = phase;
    this.phaseElapsedS = 0;
  }

  protected rawReadings(): Readings {
    return { water_temp_c: round(this.waterC), bin_full: this.binPct >= 100, harvest_count: this.harvests };
  }
}
