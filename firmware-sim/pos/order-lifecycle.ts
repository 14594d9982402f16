import type { PosOrderSubmission } from '../../shared/api/orders';
import type { Rng } from '../random';
import type { PosOrderGenerator, SimOrder } from './order-generator';
import { ordersPerMinute, poisson, QUICK_SERVICE_DAY, type RushProfile } from './rush-curve';

const MINUTE_MS = 60_000;

/** Per-minute chances of what happens to an open order; a busy dining room in numbers. */
export interface LifecycleRates {
  addLine: number;
  removeLine: number;
  reduceLine: number;
  splitBill: number;
  transferTable: number;
  merge: number;
  void: number;
  /** of a closed order, once, within the hour after it closed */
  refund: number;
}

export const DEFAULT_LIFECYCLE_RATES: LifecycleRates = {
  addLine: 0.03,
  removeLine: 0.006,
  reduceLine: 0.006,
  splitBill: 0.004,
  transferTable: 0.003,
  merge: 0.002,
  void: 0.002,
  refund: 0.0005,
};

/** How long an order stays open before it is paid and closed, by channel (minutes). */
const OPEN_MINUTES = { dine_in: [35, 75], takeaway: [6, 14], delivery: [10, 20] } as const;

/**
 * Moves the simulated POS forward one minute at a time: new orders arrive at the
 * rush curve's rate, open ones change, get split, merged or voided, and are closed
 * when their guests pay. Everything that happened is returned as events, in order.
 */
export class OrderLifecycle {
  private readonly closesAt = new Map<string, number>();
  private readonly refundable = new Map<string, number>();

  constructor(
    private readonly generator: PosOrderGenerator,
    private readonly rng: Rng,
    private readonly hourOf: (epochMs: number) => number,
    private readonly profile: RushProfile = QUICK_SERVICE_DAY,
    private readonly rates: LifecycleRates = DEFAULT_LIFECYCLE_RATES,
  ) {}

  /** The events of the minute that ends at `now`. */
  minute(now: number): PosOrderSubmission[] {
    const events: PosOrderSubmission[] = [];
    for (const order of this.generator.openOrders()) events.push(...this.change(order, now));
    for (const [id, until] of this.refundable) {
      const order = this.generator.get(id);
      if (!order || now > until) this.refundable.delete(id);
      else if (order.status === 'closed' && this.rng.chance(this.rates.refund)) {
        this.refundable.delete(id);
        events.push(this.generator.refund(order));
      }
    }
    const arrivals = poisson(ordersPerMinute(this.hourOf(now), this.profile), this.rng);
    for (let i = 0; i < arrivals; i++) {
      // Spread within the minute: a burst of orders does not all carry the same second.
      const created = this.generator.create(now - Math.floor(this.rng.next() * MINUTE_MS));
      this.schedule(created.order.externalId, created.order.channel, created.order.placedAt);
      events.push(created);
    }
    return events;
  }

  private change(order: SimOrder, now: number): PosOrderSubmission[] {
    const r = this.rates;
    if (now >= (this.closesAt.get(order.externalId) ?? Number.POSITIVE_INFINITY)) {
      this.closesAt.delete(order.externalId);
      this.refundable.set(order.externalId, now + 60 * MINUTE_MS);
      return [this.generator.close(order)];
    }
    if (this.rng.chance(r.void)) {
      this.closesAt.delete(order.externalId);
      return [this.generator.void(order)];
    }
    const dineIn = order.channel === 'dine_in';
    if (dineIn && this.rng.chance(r.splitBill)) {
      const events = this.generator.splitBill(order, now);
      const split = events[0]?.order;
      if (split) this.schedule(split.externalId, split.channel, now);
      return events;
    }
    if (dineIn && this.rng.chance(r.merge)) {
      const other = this.generator.openOrders().find((o) => o !== order && o.channel === 'dine_in');
      if (other) {
        this.closesAt.delete(order.externalId);
        return this.generator.merge(order, other);
      }
    }
    if (dineIn && this.rng.chance(r.transferTable)) return [this.generator.transferTable(order)];
    if (this.rng.chance(r.addLine * (dineIn ? 1 : 0.3))) return [this.generator.addLine(order)];
    if (this.rng.chance(r.removeLine)) return optional(this.generator.removeLine(order));
    if (this.rng.chance(r.reduceLine)) return optional(this.generator.reduceLine(order));
    return [];
  }

  private schedule(externalId: string, channel: SimOrder['channel'], from: number): void {
    const [min, max] = OPEN_MINUTES[channel];
    this.closesAt.set(externalId, from + Math.round(this.rng.range(min, max)) * MINUTE_MS);
  }
}

function optional(event: PosOrderSubmission | undefined): PosOrderSubmission[] {
  return event ? [event] : [];
}
