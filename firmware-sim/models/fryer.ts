import type { ModelOptions, Readings } from './equipment-model';
import { round } from './equipment-model';
import { HeatedVessel } from './heated-vessel';

/** Oil temperature lost when a basket of frozen product goes in, spread over the first seconds. */
const BASKET_DROP_C = 20;
const BASKET_SPREAD_S = 30;
const OIL_LIFE_PER_BASKET_PCT = 0.05;
const OIL_LIFE_PER_HOT_HOUR_PCT = 0.6;

/** Open fryer at 177 °C (band 170–185): baskets chill the oil, the element recovers it, the oil wears. */
export class Fryer extends HeatedVessel {
  readonly type = 'fryer';
  protected readonly mainSensor = 'oil_temp_c';
  protected override defaultMakerCode = 'E05';
  private oilLifePct: number;
  private basketLoadC = 0;
  private readonly basketsPerHour: number;

  constructor(options: ModelOptions & { basketsPerHour?: number }) {
    super(options, {
      setpointC: 177,
      differentialC: 4,
      heatingCPerS: 0.25,
      lossTauS: 3600,
      highLimitC: 232,
      heaterW: 14000,
    });
    this.oilLifePct = this.rng.range(60, 100);
    this.basketsPerHour = options.basketsPerHour ?? 12;
  }

  get oilLife(): number {
    return this.oilLifePct;
  }

  /** Drops a basket now (the model also drops them at random during service). */
  dropBasket(): void {
    this.basketLoadC += BASKET_DROP_C;
    this.oilLifePct = Math.max(0, this.oilLifePct - OIL_LIFE_PER_BASKET_PCT);
  }

  protected override makerMessage(code: string): string {
    return code === 'E05' ? 'high-limit tripped' : super.makerMessage(code);
  }

  protected loadCoolingCPerS(dtS: number): number {
    if (this.rng.chance((this.basketsPerHour * dtS) / 3600)) this.dropBasket();
    if (this.tempC > 150)
      this.oilLifePct = Math.max(0, this.oilLifePct - (OIL_LIFE_PER_HOT_HOUR_PCT * dtS) / 3600);
    if (this.basketLoadC <= 0) return 0;
    const rate = Math.min(this.basketLoadC / dtS, BASKET_DROP_C / BASKET_SPREAD_S);
    this.basketLoadC -= rate * dtS;
    return rate;
  }

  protected rawReadings(): Readings {
    return {
      oil_temp_c: round(this.tempC),
      heating_on: this.heatingOn,
      oil_life_pct: round(this.oilLifePct),
    };
  }
}
