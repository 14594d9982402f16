import type { FaultName } from '../faults';
import {
  approach,
  type Circuit,
  EquipmentModel,
  type ModelOptions,
  type Readings,
  round,
} from './equipment-model';

const SETPOINT_C = 24;
/** Where the kitchen settles with no cooling: cooking heat pushes it well above outdoors. */
const UNCOOLED_ROOM_C = 34;

/** Kitchen air conditioning: a room that warms from the cooking line and a compressor that cools it. */
export class Hvac extends EquipmentModel {
  readonly type = 'hvac';
  readonly circuit: Circuit = 'other';
  protected readonly mainSensor = 'room_temp_c';
  protected readonly physicalFaults: readonly FaultName[] = ['compressor_failure', 'refrigerant_leak'];
  protected override defaultMakerCode = 'P4';
  private roomC: number;
  private supplyC: number;
  private humidityPct: number;
  private compressorOn = false;
  private capacity = 1;

  constructor(options: ModelOptions) {
    super(options);
    this.roomC = SETPOINT_C + this.rng.range(-0.5, 0.5);
    this.supplyC = this.roomC;
    this.humidityPct = this.rng.range(50, 60);
  }

  powerW(): number {
    return (this.compressorOn ? 5000 : 0) + 300;
  }

  protected override onFaultChange(fault: FaultName, active: boolean): void {
    if (fault === 'refrigerant_leak' && !active) this.capacity = 1;
  }

  protected advance(dtS: number): void {
    if (this.roomC >= SETPOINT_C + 0.5) this.compressorOn = true;
    else if (this.roomC <= SETPOINT_C - 0.5) this.compressorOn = false;
    if (this.hasFault('compressor_failure')) this.compressorOn = false;
    const leak = this.faultParams('refrigerant_leak');
    if (leak) this.capacity = Math.max(0, this.capacity - (leak.capacityLossPerHour * dtS) / 3600);

    const cooling = this.compressorOn ? 0.004 * this.capacity : 0;
    this.roomC += ((UNCOOLED_ROOM_C - this.roomC) / 1800 - cooling) * dtS;
    const supplyTarget = this.compressorOn ? 13 + (1 - this.capacity) * (this.roomC - 13) : this.roomC;
    this.supplyC = approach(this.supplyC, supplyTarget, 60, dtS);
    this.humidityPct = approach(this.humidityPct, this.compressorOn ? 45 : 65, 1800, dtS);
  }

  protected rawReadings(): Readings {
    return {
      room_temp_c: round(this.roomC),
      humidity_pct: round(this.humidityPct),
      supply_temp_c: round(this.supplyC),
      compressor_on: this.compressorOn,
    };
  }
}
