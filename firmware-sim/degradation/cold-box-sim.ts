import type { TelemetryRow } from '../../shared/predictive/telemetry-row';
import { createRng, type Rng } from '../random';
import { CompressorPowerModel } from './compressor-power';
import { Degradation, type DegradationParsed, degradationActive, levelOf } from './degradation-spec';
import { type DayVariation, doorOpeningsPerHour, kitchenAirC, nextDay } from './kitchen-day';

const HOUR_S = 3600;
/** Controller: cut in at 3 °C, cut out at 1 °C. */
const SETPOINT_C = 2;
const DIFFERENTIAL_C = 2;
/** Walls and product mass: the box drifts toward the kitchen air with this time constant. */
const WALL_TAU_S = 3 * HOUR_S;
/** Air exchange through an open door (strip curtain, product mass holds most of the cold). */
const DOOR_TAU_S = 2400;
/**
 * Four defrosts a day on the controller's real-time clock, kept out of the two rushes as
 * kitchens set them, each within ±20 min of its slot, ended on a clear coil or after 30 min.
 */
const DEFROST_SLOTS_H = [3, 9.5, 15.5, 22] as const;
const DEFROST_JITTER_S = 20 * 60;
const DEFROST_MAX_S = 30 * 60;
const DRIP_S = 2 * 60;
/** The heater warms the box air this fast while it melts the frost. */
const HEATER_C_PER_S = 0.0012;
/** Frost, in seconds of heater time needed to clear it: grows with running and with door openings. */
const FROST_PER_RUN_S = 0.05;
const FROST_PER_DOOR_S = 0.1;
/** Frost on the coil costs capacity: at this much frost the coil has lost half. */
const FROST_HALF_CAPACITY_S = 6000;
const DOOR_OPEN_S: readonly [number, number] = [5, 60];

export interface ColdBoxOptions {
  seed: number;
  /** Epoch ms the simulation starts at. */
  startMs: number;
  /** Local time = UTC + this (the kitchen's rhythm is local). */
  utcOffsetH?: number;
  degradations?: readonly unknown[];
  reportIntervalS?: number;
  /**
   * The compressor's rated electrical power (the asset register's `ratedPowerKw` × 1000).
   * Given, the unit has a sub-meter on its compressor and also reports `compressor_power_w`;
   * left out, it reports what a box without one does.
   */
  ratedPowerW?: number;
}

/**
 * A walk-in cooler as a pure stepping model on a simulated clock: thermostat with
 * hysteresis, four defrosts a day with jitter and frost-terminated duration, ~200 door
 * openings a day of 5–60 s, daily deliveries, kitchen air that follows service, and the
 * slow degradations of `degradation-spec.ts`. It reports what the walk-in publishes
 * (`temp_c`, `door_open`, `compressor_on`, `defrost_on`, every 10 s, and
 * `compressor_power_w` when it has a sub-meter) and nothing else: frost, capacity and the
 * true temperature stay inside, as they do in a real box.
 */
export class ColdBoxSim {
  readonly reportIntervalS: number;
  private readonly rng: Rng;
  private readonly degradations: DegradationParsed[];
  private readonly utcOffsetH: number;
  private readonly startMs: number;
  private readonly coolingCPerS: number;
  private readonly power: CompressorPowerModel | undefined;
  private ageS = 0;
  private tempC: number;
  private compressorOn = false;
  private doorOpen = false;
  private doorClosesAtS = 0;
  private defrostOn = false;
  private defrostEndsAtS = 0;
  private dripEndsAtS = 0;
  private nextDefrostAtS: number;
  private frostS = 400;
  private day: DayVariation;
  private dayIndex = -1;
  private nextReportAtS = 0;
  /** What changes slowly, worked out once a simulated minute (the step runs every second). */
  private minute = {
    airC: 21,
    doorChance: 0,
    seal: 0,
    capacity: 1,
    fouling: 0,
    chargeLost: 0,
    heaterDead: false,
    deliveryCPerS: 0,
  };

  constructor(options: ColdBoxOptions) {
    this.rng = createRng(options.seed).fork('cold-box');
    this.degradations = (options.degradations ?? []).map((d) => Degradation.parse(d));
    this.utcOffsetH = options.utcOffsetH ?? 0;
    this.startMs = options.startMs;
    this.reportIntervalS = options.reportIntervalS ?? 10;
    // Units differ: a compressor sized a little over or under the box.
    this.coolingCPerS = 0.0068 * this.rng.range(0.9, 1.1);
    this.tempC = SETPOINT_C + this.rng.range(-1, 1);
    this.day = nextDay(this.rng);
    this.nextDefrostAtS = this.defrostTimeAfter(0);
    // Its own random series: a unit with a meter behaves exactly as the same unit without one.
    this.power =
      options.ratedPowerW === undefined
        ? undefined
        : new CompressorPowerModel(options.ratedPowerW, createRng(options.seed).fork('compressor-power'));
  }

  get nowMs(): number {
    return this.startMs + this.ageS * 1000;
  }

  /** True box temperature (the bench's judge of when the limit is really crossed). */
  get temperatureC(): number {
    return this.tempC;
  }

  /** Runs until `untilMs`, handing each report's rows to `onRow` in time order. */
  runUntil(untilMs: number, onRow: (row: TelemetryRow) => void): void {
    const endS = (untilMs - this.startMs) / 1000;
    while (this.ageS < endS) {
      if (this.ageS >= this.nextReportAtS) {
        this.report(onRow);
        this.nextReportAtS += this.reportIntervalS;
      }
      this.step();
    }
  }

  private report(onRow: (row: TelemetryRow) => void): void {
    const ts = Math.round(this.nowMs);
    onRow({ ts, metric: 'temp_c', value: Math.round(this.tempC * 10) / 10 });
    onRow({ ts, metric: 'door_open', value: this.doorOpen });
    onRow({ ts, metric: 'compressor_on', value: this.compressorOn });
    onRow({ ts, metric: 'defrost_on', value: this.defrostOn });
    if (this.power) {
      const m = this.minute;
      const watts = this.compressorOn
        ? this.power.runningW({
            airC: m.airC,
            foulingLoss: m.fouling,
            chargeLost: m.chargeLost,
            frostShare: this.frostS / (this.frostS + FROST_HALF_CAPACITY_S),
          })
        : 0;
      onRow({ ts, metric: 'compressor_power_w', value: watts });
    }
  }

  /** One second of physics. */
  private step(): void {
    if (this.ageS % 60 === 0) this.refreshMinute();
    const m = this.minute;
    this.moveDoor(m.doorChance);
    this.runDefrostController(m.heaterDead);

    const cutIn = SETPOINT_C + DIFFERENTIAL_C / 2;
    const cutOut = SETPOINT_C - DIFFERENTIAL_C / 2;
    const defrosting = this.defrostOn || this.ageS < this.dripEndsAtS;
    if (defrosting) this.compressorOn = false;
    else if (this.tempC >= cutIn) this.compressorOn = true;
    else if (this.tempC <= cutOut) this.compressorOn = false;

    let dT = ((m.airC - this.tempC) / WALL_TAU_S) * (1 + m.seal) + m.deliveryCPerS;
    if (this.doorOpen) {
      dT += (m.airC - this.tempC) / DOOR_TAU_S;
      this.frostS += FROST_PER_DOOR_S;
    }
    if (this.compressorOn) {
      // Frost on the coil costs capacity as it builds.
      dT -= (this.coolingCPerS * m.capacity) / (1 + this.frostS / FROST_HALF_CAPACITY_S);
      this.frostS += FROST_PER_RUN_S;
    }
    if (this.defrostOn && !m.heaterDead) {
      dT += HEATER_C_PER_S;
      this.frostS = Math.max(0, this.frostS - 1);
    }
    this.tempC += dT;
    this.ageS += 1;
  }

  private refreshMinute(): void {
    const hours = this.ageS / HOUR_S;
    const localHours = this.nowMs / 3_600_000 + this.utcOffsetH;
    const localH = ((localHours % 24) + 24) % 24;
    const dayIndex = Math.floor(localHours / 24);
    if (dayIndex !== this.dayIndex) {
      this.dayIndex = dayIndex;
      this.day = nextDay(this.rng);
    }
    const airC = kitchenAirC(localH) + this.day.airOffsetC;
    const doubled = levelOf(this.degradations, 'door_openings_doubled', hours) > 0 ? 2 : 1;
    const sinceDelivery = localH - this.day.deliveryAtH;
    // A fouled condenser rejects heat worse the warmer the air it breathes.
    const fouling = levelOf(this.degradations, 'condenser_fouling', hours) * Math.max(0, (airC - 12) / 12);
    const chargeLost = levelOf(this.degradations, 'refrigerant_loss', hours);
    this.minute = {
      airC,
      doorChance: (doorOpeningsPerHour(localH) * this.day.trade * doubled) / HOUR_S,
      seal: levelOf(this.degradations, 'door_seal_leak', hours),
      capacity: Math.max(0, 1 - fouling) * Math.max(0, 1 - chargeLost),
      fouling,
      chargeLost,
      heaterDead: this.degradations.some(
        (d) => d.kind === 'defrost_heater_failure' && degradationActive(d, hours),
      ),
      deliveryCPerS: sinceDelivery >= 0 && sinceDelivery < 40 / 60 ? this.day.deliveryLoadC / (40 * 60) : 0,
    };
  }

  private moveDoor(chancePerS: number): void {
    if (this.doorOpen) {
      if (this.ageS >= this.doorClosesAtS) this.doorOpen = false;
      return;
    }
    if (this.rng.chance(chancePerS)) {
      this.doorOpen = true;
      this.doorClosesAtS = this.ageS + this.rng.range(DOOR_OPEN_S[0], DOOR_OPEN_S[1]);
    }
  }

  private runDefrostController(heaterDead: boolean): void {
    if (this.defrostOn) {
      // The termination thermostat opens once the coil is clear; a dead heater never clears it.
      const clear = this.frostS <= 0 && !heaterDead;
      if (clear || this.ageS >= this.defrostEndsAtS) {
        this.defrostOn = false;
        this.dripEndsAtS = this.ageS + DRIP_S;
        this.nextDefrostAtS = this.defrostTimeAfter(this.ageS + HOUR_S);
      }
      return;
    }
    // Demand-aligned: a due defrost waits for the compressor's next cut-out, so it starts from a cold box.
    const atCutOut = !this.compressorOn && this.tempC <= SETPOINT_C - DIFFERENTIAL_C / 2 + 0.2;
    if (this.ageS >= this.nextDefrostAtS && atCutOut) {
      this.defrostOn = true;
      this.compressorOn = false;
      this.defrostEndsAtS = this.ageS + DEFROST_MAX_S;
    }
  }

  /** The next defrost slot after `fromS`, with this cycle's jitter. */
  private defrostTimeAfter(fromS: number): number {
    const offsetS = this.utcOffsetH * HOUR_S + this.startMs / 1000;
    const localS = fromS + offsetS;
    const dayStart = Math.floor(localS / (24 * HOUR_S)) * 24 * HOUR_S;
    for (let d = 0; d < 2; d++) {
      for (const slot of DEFROST_SLOTS_H) {
        const at = dayStart + d * 24 * HOUR_S + slot * HOUR_S - offsetS;
        if (at >= fromS) return Math.max(fromS, at + this.rng.range(-DEFROST_JITTER_S, DEFROST_JITTER_S));
      }
    }
    return fromS + 6 * HOUR_S;
  }
}
