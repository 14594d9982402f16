import type { PosOrderSubmission } from '../../shared/api/orders';
import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import { createRng, type Rng } from '../random';
import { type DeliveryFaults, REALISTIC_FAULTS, withDeliveryFaults } from './delivery-faults';
import { PosOrderGenerator } from './order-generator';
import { DEFAULT_LIFECYCLE_RATES, type LifecycleRates, OrderLifecycle } from './order-lifecycle';
import { hourOfDayIn, QUICK_SERVICE_DAY, type RushProfile } from './rush-curve';
import type { SquareOrderBook } from './square-orders';
import type { OrderTransport } from './transport';

export interface PosSimulatorOptions {
  clock: Clock;
  seed: number;
  logger: Logger;
  /** where the events go; every transport gets every delivery */
  transports: readonly OrderTransport[];
  /** unique per run, so a restarted simulator's events are not the previous run's duplicates */
  runId?: string;
  source?: string;
  /** the store's zone: the rush curve follows its wall clock */
  timeZone?: string;
  profile?: RushProfile;
  rates?: LifecycleRates;
  faults?: DeliveryFaults;
  /**
   * The simulated Square, when one is served: every change is recorded there as it
   * happens, before any delivery, so a receiver that retrieves an order sees the
   * POS's latest version even while older notifications are still on their way.
   */
  squareBook?: SquareOrderBook;
}

export interface PosSimulatorStats {
  minutes: number;
  events: number;
  deliveries: number;
  orders: number;
}

const MINUTE_MS = 60_000;

/**
 * A restaurant's POS for the demo and the tests: every minute of the clock it runs
 * a minute of orders (arrivals on the rush curve, edits, splits, merges, voids,
 * refunds), passes the events through realistic delivery faults and hands them to
 * its transports. The constructor does nothing; `start` starts the minute timer.
 */
export class PosSimulator {
  readonly generator: PosOrderGenerator;
  private readonly lifecycle: OrderLifecycle;
  private readonly faultRng: Rng;
  private timer: TimerHandle | null = null;
  private readonly counts = { minutes: 0, events: 0, deliveries: 0 };

  constructor(private readonly options: PosSimulatorOptions) {
    const rng = createRng(options.seed);
    this.generator = new PosOrderGenerator({
      rng: rng.fork('orders'),
      runId: options.runId ?? `s${options.seed}`,
      source: options.source ?? 'sim-pos',
    });
    this.lifecycle = new OrderLifecycle(
      this.generator,
      rng.fork('lifecycle'),
      hourOfDayIn(options.timeZone ?? 'Asia/Shanghai'),
      options.profile ?? QUICK_SERVICE_DAY,
      options.rates ?? DEFAULT_LIFECYCLE_RATES,
    );
    this.faultRng = rng.fork('faults');
  }

  async start(): Promise<void> {
    if (this.timer) return;
    for (const transport of this.options.transports) await transport.start();
    this.timer = this.options.clock.setInterval(() => this.minute(), MINUTE_MS);
    this.options.logger.info(
      { transports: this.options.transports.map((t) => t.name), seed: this.options.seed },
      'POS simulator started',
    );
  }

  async stop(): Promise<void> {
    if (this.timer) this.options.clock.clearInterval(this.timer);
    this.timer = null;
    for (const transport of this.options.transports) await transport.stop();
  }

  /** One simulated minute, ending now; what the timer calls, callable directly. */
  minute(): PosOrderSubmission[] {
    this.counts.minutes++;
    const events = this.lifecycle.minute(this.options.clock.now());
    this.publish(events);
    return events;
  }

  /** Hands a fixed sequence (a scenario) to the transports exactly as given: its faults are in it. */
  deliver(deliveries: readonly PosOrderSubmission[]): void {
    this.record(deliveries);
    for (const delivery of deliveries) this.handOver(delivery);
  }

  stats(): PosSimulatorStats {
    return { ...this.counts, orders: this.generator.all().length };
  }

  /** Resolves once every transport has nothing waiting. */
  async idle(): Promise<void> {
    await Promise.all(this.options.transports.map((t) => t.idle()));
  }

  private publish(events: readonly PosOrderSubmission[]): void {
    this.counts.events += events.length;
    this.record(events);
    for (const delivery of withDeliveryFaults(
      events,
      this.options.faults ?? REALISTIC_FAULTS,
      this.faultRng,
    )) {
      this.handOver(delivery);
    }
  }

  private record(events: readonly PosOrderSubmission[]): void {
    const book = this.options.squareBook;
    if (book) for (const event of events) book.record(event, this.options.clock.now());
  }

  private handOver(delivery: PosOrderSubmission): void {
    this.counts.deliveries++;
    for (const transport of this.options.transports) {
      try {
        transport.send(delivery);
      } catch (err) {
        this.options.logger.warn(
          { transport: transport.name, eventId: delivery.eventId, err },
          'POS event not handed over',
        );
      }
    }
  }
}
