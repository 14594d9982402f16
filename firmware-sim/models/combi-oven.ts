import type { FaultName } from '../faults';
import {
  approach,
  type Circuit,
  EquipmentModel,
  type ModelOptions,
  type Readings,
  round,
} from './equipment-model';

export const COMBI_MODES = {
  steam: { cavityC: 100, humidityPct: 95 },
  combi: { cavityC: 160, humidityPct: 60 },
  convection: { cavityC: 200, humidityPct: 10 },
} as const;
export type CombiMode = keyof typeof COMBI_MODES;
const MODES = Object.keys(COMBI_MODES) as CombiMode[];

/** Texts of the maker's codes, as in the demo store's fault-code table. */
const MAKER_MESSAGES: Record<string, string> = {
  E34: 'steam generator overheated',
  E5: 'door switch fault',
};

/** Combi oven running cooking programmes one after another: steam, combi or convection. */
export class CombiOven extends EquipmentModel {
  readonly type = 'combi_oven';
  readonly circuit: Circuit = 'hot';
  protected readonly mainSensor = 'cavity_temp_c';
  protected readonly physicalFaults: readonly FaultName[] = [
    'heating_element_failure',
    'thermostat_runaway',
    'door_ajar',
  ];
  protected override defaultMakerCode = 'E34';

  private modeNow: CombiMode;
  private programEndsAtS: number;
  private cavityC: number;
  private humidityPct: number;
  private heatingOn = false;
  private doorOpen = false;
  private doorClosesAtS = 0;

  constructor(options: ModelOptions) {
    super(options);
    this.modeNow = this.pickMode();
    this.programEndsAtS = this.rng.range(300, 1200);
    this.cavityC = COMBI_MODES[this.modeNow].cavityC;
    this.humidityPct = COMBI_MODES[this.modeNow].humidityPct;
  }

  get mode(): CombiMode {
    return this.modeNow;
  }

  powerW(): number {
    return (this.heatingOn && !this.hasFault('heating_element_failure') ? 10000 : 0) + 150;
  }

  protected override makerMessage(code: string): string {
    return MAKER_MESSAGES[code] ?? super.makerMessage(code);
  }

  protected override onFaultChange(fault: FaultName, active: boolean): void {
    if (fault === 'door_ajar') this.doorOpen = active;
  }

  protected advance(dtS: number): void {
    this.runProgramme();
    const target = COMBI_MODES[this.modeNow];
    if (this.cavityC < target.cavityC - 3) this.heatingOn = true;
    else if (this.cavityC > target.cavityC + 2) this.heatingOn = false;
    if (this.hasFault('thermostat_runaway')) this.heatingOn = true;
    if (this.cavityC >= 320) this.heatingOn = false; // safety thermostat

    const heats = this.heatingOn && !this.hasFault('heating_element_failure');
    let dT = ((this.ambientC - this.cavityC) / 1500) * dtS;
    if (heats) dT += 0.4 * dtS;
    if (this.doorOpen) dT += ((this.ambientC - this.cavityC) / 90) * dtS;
    this.cavityC += dT;
    const humidityTarget = this.doorOpen || !heats ? Math.min(target.humidityPct, 40) : target.humidityPct;
    this.humidityPct = approach(this.humidityPct, humidityTarget, 60, dtS);
  }

  /** Between programmes the door opens for loading, then the next programme starts. */
  private runProgramme(): void {
    if (this.hasFault('door_ajar')) return;
    if (this.doorOpen && this.ageS >= this.doorClosesAtS) this.doorOpen = false;
    if (this.ageS < this.programEndsAtS) return;
    this.doorOpen = true;
    this.doorClosesAtS = this.ageS + this.rng.range(10, 30);
    this.modeNow = this.pickMode();
    this.programEndsAtS = this.ageS + this.rng.range(600, 1500);
  }

  private pickMode(): CombiMode {
    return MODES[Math.floor(this.rng.next() * MODES.length)] ?? 'combi';
  }

  protected rawReadings(): Readings {
    return {
      cavity_temp_c: round(this.cavityC),
      humidity_pct: round(Math.min(100, Math.max(0, this.humidityPct))),
      heating_on: this.heatingOn,
      door_open: this.doorOpen,
    };
  }
}
