import type { KitchenSettings } from '../../../shared/config/kitchen';
import type { Clock } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { MetricsRegistry } from '../../../shared/server/runtime/metrics';
import type { EdgeRoute } from '../../api/edge-route';
import type { Database } from '../../store/database';
import { OutboxWriter } from '../../sync/outbox-writer';
import { KdsAnnouncements, type KdsPublishFn } from './kds-announcements';
import { kdsRoutes } from './kds-routes';
import { KdsService } from './kds-service';
import { KdsStore } from './kds-store';
import { KitchenRouting } from './kitchen-routing';
import { KitchenTickets } from './kitchen-tickets';
import type { StockDepletion } from './order-intake';
import { OrderIntake } from './order-intake';
import { OrderStore } from './order-store';
import { posRoutes } from './pos-routes';
import { posTopicIntake } from './pos-topic-intake';
import { SpeedOfService } from './speed-of-service';

export interface OrdersRoomDeps {
  db: Database;
  clock: Clock;
  logger: Logger;
  storeId: string;
  /** read on every use, so a config pushed from central takes effect without a restart */
  settings: () => { kitchen: KitchenSettings; timezone: string };
  publish?: KdsPublishFn | undefined;
  metrics?: MetricsRegistry | undefined;
  /** depletes ingredients as orders arrive, in the order's own transaction */
  stock?: StockDepletion | undefined;
}

/** The orders room: POS intake, kitchen tickets, station screens' actions, speed of service. */
export class OrdersRoom {
  readonly orders: OrderStore;
  readonly kdsStore: KdsStore;
  readonly intake: OrderIntake;
  readonly kds: KdsService;
  readonly speed: SpeedOfService;
  readonly announcements: KdsAnnouncements;
  /** for the broker: orders a POS terminal publishes on the store LAN */
  readonly topicIntake: ReturnType<typeof posTopicIntake>;
  #routing:
    | { kitchen: KitchenSettings; routing: KitchenRouting; expoStations: ReadonlySet<string> }
    | undefined;

  constructor(deps: OrdersRoomDeps) {
    const log = deps.logger.child({ ns: 'orders' });
    this.orders = new OrderStore(deps.db);
    this.kdsStore = new KdsStore(deps.db);
    const outbox = new OutboxWriter(deps.db, deps.storeId);
    this.announcements = new KdsAnnouncements(deps.storeId, deps.publish);
    const kitchen = new KitchenTickets(this.kdsStore, this.orders, () =>
      this.#routingFor(deps.settings().kitchen),
    );
    this.intake = new OrderIntake({
      db: deps.db,
      clock: deps.clock,
      logger: log,
      orders: this.orders,
      kitchen,
      outbox,
      announcements: this.announcements,
      stock: deps.stock,
      store: () => {
        const s = deps.settings();
        return { timezone: s.timezone, closeoutHour: s.kitchen.closeoutHour };
      },
    });
    this.kds = new KdsService({
      store: this.kdsStore,
      orders: this.orders,
      kitchen,
      clock: deps.clock,
      outbox,
      announcements: this.announcements,
      settings: deps.settings,
    });
    this.speed = new SpeedOfService(this.kdsStore, deps.clock, () => deps.settings().timezone);
    this.topicIntake = posTopicIntake(this.intake);
    deps.metrics?.counter(
      'galley_pos_events_total',
      'POS order events by what became of them (received counts every one; superseded also counts versions replaced)',
      ['client', 'source', 'outcome'],
      {
        collect: () =>
          this.orders.stats().bySource.flatMap(({ client, source, ...counts }) =>
            Object.entries(counts).map(([outcome, value]) => ({
              labels: { client, source, outcome },
              value,
            })),
          ),
      },
    );
  }

  routes(): EdgeRoute[] {
    return [
      ...posRoutes({ intake: this.intake, orders: this.orders }),
      ...kdsRoutes({ kds: this.kds, speed: this.speed }),
    ];
  }

  /** The routing is rebuilt only when the kitchen config object changes. */
  #routingFor(kitchen: KitchenSettings) {
    if (this.#routing?.kitchen !== kitchen) {
      this.#routing = {
        kitchen,
        routing: new KitchenRouting(kitchen),
        expoStations: new Set(kitchen.stations.filter((s) => s.kind === 'expo').map((s) => s.id)),
      };
    }
    return this.#routing;
  }
}
