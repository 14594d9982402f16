import type { Rng } from '../random';

/** Rated power is quoted at 24 °C ambient; the condensing pressure follows the air around the condenser. */
const RATED_AIR_C = 24;
/** Share of power per kelvin of warmer air at the condenser (compressor maps: 1–2 %/K). */
const AIR_SHARE_PER_K = 0.015;
/**
 * A fouled condenser loses its capacity through a higher head pressure, which the
 * compressor pays for in power: +0.5 × the share of cooling lost to the fouling.
 */
const FOULING_POWER_PER_LOSS = 0.5;
/**
 * A short charge starves the evaporator: lower suction pressure and mass flow, so the
 * compressor draws less: −0.4 × the share of the charge lost.
 */
const CHARGE_POWER_PER_LOSS = 0.4;
/** Frost on the coil also lowers the suction pressure: −0.2 × the share of capacity the frost costs. */
const FROST_POWER_PER_LOSS = 0.2;
/** A clamp meter's reading noise (1 sd, share of the reading). */
const METER_NOISE = 0.01;

export interface CompressorConditions {
  airC: number;
  /** Share of the cooling capacity the fouled condenser costs at this air (0–1). */
  foulingLoss: number;
  /** Share of the refrigerant charge lost (0–1). */
  chargeLost: number;
  /** Share of the coil's capacity lost to frost right now (0–1). */
  frostShare: number;
}

/**
 * Electrical power a running refrigeration compressor draws, as a sub-meter on its
 * supply reads it. The nameplate says the rated power; a real unit draws a few percent
 * either side of it, more in a hot kitchen, more with a fouled condenser (head pressure
 * up), less with a short charge or a frosted coil (suction pressure down).
 */
export class CompressorPowerModel {
  private readonly unitW: number;

  constructor(
    ratedW: number,
    private readonly rng: Rng,
  ) {
    if (!(ratedW > 0 && ratedW <= 30_000))
      throw new RangeError(`rated power ${ratedW} W is outside 0–30 000 W`);
    this.unitW = ratedW * this.rng.range(0.95, 1.05);
  }

  /** Watts drawn at one report while the compressor runs. */
  runningW(c: CompressorConditions): number {
    const share =
      (1 + AIR_SHARE_PER_K * (c.airC - RATED_AIR_C)) *
      (1 + FOULING_POWER_PER_LOSS * c.foulingLoss) *
      (1 - CHARGE_POWER_PER_LOSS * c.chargeLost) *
      (1 - FROST_POWER_PER_LOSS * c.frostShare) *
      (1 + METER_NOISE * this.rng.normal());
    return Math.max(0, Math.round(this.unitW * share));
  }
}
