import type { TelemetryRow } from '../../shared/predictive/telemetry-row';
import { createRng, type Rng } from '../random';
import { Degradation, type DegradationParsed, levelOf } from './degradation-spec';
import { basketsPerHour, type DayVariation, kitchenAirC, nextDay } from './kitchen-day';

const HOUR_S = 3600;
/** Thermostat: heat below 175 °C, stop at 179 °C. */
const SETPOINT_C = 177;
const DIFFERENTIAL_C = 4;
const LOSS_TAU_S = 3600;
const BASKET_DROP_C = 20;
const BASKET_SPREAD_S = 30;
/** Switched on at 06:00, off at 23:00 (local), each within a few minutes. */
const ON_AT_H = 6;
const OFF_AT_H = 23;

export interface FryerOptions {
  seed: number;
  startMs: number;
  utcOffsetH?: number;
  degradations?: readonly unknown[];
  reportIntervalS?: number;
}

/**
 * An open fryer as a pure stepping model: switched on each morning (time to temperature),
 * baskets of frozen product at the rushes (recovery after a load), off overnight. An
 * element that weakens heats slower. Reports `oil_temp_c`, `heating_on`, `oil_life_pct`.
 */
export class FryerSim {
  readonly reportIntervalS: number;
  private readonly rng: Rng;
  private readonly degradations: DegradationParsed[];
  private readonly utcOffsetH: number;
  private readonly startMs: number;
  private readonly heatingCPerS: number;
  private ageS = 0;
  private oilC: number;
  private heatingOn = false;
  private basketLoadC = 0;
  private oilLifePct = 100;
  private day: DayVariation;
  private dayIndex = -1;
  private switchOnH = ON_AT_H;
  private nextReportAtS = 0;
  /** What changes slowly, worked out once a simulated minute. */
  private minute = { on: false, airC: 21, basketChance: 0, element: 1 };

  constructor(options: FryerOptions) {
    this.rng = createRng(options.seed).fork('fryer');
    this.degradations = (options.degradations ?? []).map((d) => Degradation.parse(d));
    this.utcOffsetH = options.utcOffsetH ?? 0;
    this.startMs = options.startMs;
    this.reportIntervalS = options.reportIntervalS ?? 5;
    this.heatingCPerS = 0.25 * this.rng.range(0.9, 1.1);
    this.oilC = 30;
    this.day = nextDay(this.rng);
  }

  get nowMs(): number {
    return this.startMs + this.ageS * 1000;
  }

  get temperatureC(): number {
    return this.oilC;
  }

  /** In service: switched on and past its morning warm-up allowance (30 min). */
  inService(): boolean {
    return this.minute.basketChance > 0 || (this.minute.on && this.localHour() >= this.switchOnH + 0.5);
  }

  runUntil(untilMs: number, onRow: (row: TelemetryRow) => void): void {
    const endS = (untilMs - this.startMs) / 1000;
    while (this.ageS < endS) {
      if (this.ageS >= this.nextReportAtS) {
        const ts = Math.round(this.nowMs);
        onRow({ ts, metric: 'oil_temp_c', value: Math.round(this.oilC * 10) / 10 });
        onRow({ ts, metric: 'heating_on', value: this.heatingOn });
        onRow({ ts, metric: 'oil_life_pct', value: Math.round(this.oilLifePct * 10) / 10 });
        this.nextReportAtS += this.reportIntervalS;
      }
      this.step();
    }
  }

  private localHours(): number {
    return this.nowMs / 3_600_000 + this.utcOffsetH;
  }

  private localHour(): number {
    return ((this.localHours() % 24) + 24) % 24;
  }

  private step(): void {
    if (this.ageS % 60 === 0) this.refreshMinute();
    const m = this.minute;
    if (!m.on) this.heatingOn = false;
    else if (this.oilC <= SETPOINT_C - DIFFERENTIAL_C / 2) this.heatingOn = true;
    else if (this.oilC >= SETPOINT_C + DIFFERENTIAL_C / 2) this.heatingOn = false;

    if (m.basketChance > 0 && this.rng.chance(m.basketChance)) {
      this.basketLoadC += BASKET_DROP_C * this.rng.range(0.7, 1.3);
      this.oilLifePct = Math.max(0, this.oilLifePct - 0.05);
    }
    let dT = (m.airC - this.oilC) / LOSS_TAU_S;
    if (this.basketLoadC > 0) {
      const rate = Math.min(this.basketLoadC, BASKET_DROP_C / BASKET_SPREAD_S);
      this.basketLoadC -= rate;
      dT -= rate;
    }
    if (this.heatingOn) dT += this.heatingCPerS * m.element;
    if (this.oilC > 150) this.oilLifePct = Math.max(0, this.oilLifePct - 0.6 / HOUR_S);
    this.oilC += dT;
    this.ageS += 1;
  }

  private refreshMinute(): void {
    const localH = this.localHour();
    const dayIndex = Math.floor(this.localHours() / 24);
    if (dayIndex !== this.dayIndex) {
      this.dayIndex = dayIndex;
      this.day = nextDay(this.rng);
      this.switchOnH = ON_AT_H + this.rng.range(-0.1, 0.2);
      // Oil changed weekly.
      if (dayIndex % 7 === 0) this.oilLifePct = 100;
    }
    const on = localH >= this.switchOnH && localH < OFF_AT_H;
    const serving = on && localH >= this.switchOnH + 0.5;
    this.minute = {
      on,
      airC: kitchenAirC(localH) + this.day.airOffsetC,
      basketChance: serving ? (basketsPerHour(localH) * this.day.trade) / HOUR_S : 0,
      element: 1 - levelOf(this.degradations, 'fryer_element_weak', this.ageS / HOUR_S),
    };
  }
}
