import type { SquareWebhookConnector } from '../domains/orders/connectors/square-webhook';
import { OrdersRoom } from '../domains/orders/orders-room';
import { ApprovalGate } from '../domains/purchasing/approval-gate';
import { InvoiceService } from '../domains/purchasing/invoice-service';
import { PurchasingService } from '../domains/purchasing/purchasing-service';
import { StockService } from '../domains/stock/stock-service';
import type { Announce } from './edge-announcer';
import type { EdgeWiring } from './edge-wiring';
import { squareConnectorOf } from './pos-connectors';

/** What the kitchen buys and sells: stock, purchasing with its approvals and invoices, orders from the POS. */
export interface SupplyAndSalesRooms {
  /** approval routing of purchase requests, shared by the stock and parts rooms */
  approvals: ApprovalGate;
  stock: StockService;
  purchasing: PurchasingService;
  invoices: InvoiceService;
  orders: OrdersRoom;
  /** the Square webhook, when the store config has one and its signature key is set */
  square: SquareWebhookConnector | undefined;
}

export function buildSupplyAndSalesRooms(w: EdgeWiring, announce: Announce): SupplyAndSalesRooms {
  const { db, clock, logger, config, current, metrics } = w;
  // Approval routing of purchase requests, shared by the stock and parts rooms.
  const approvals = new ApprovalGate({ db, storeId: config.store.id, config: current });
  const stock = new StockService({ db, clock, logger, storeId: config.store.id, config, approvals });
  const purchasing = new PurchasingService({
    db,
    clock,
    storeId: config.store.id,
    config: current,
    ingredients: stock,
    metrics,
  });
  const invoices = new InvoiceService({
    db,
    clock,
    storeId: config.store.id,
    config: current,
    metrics,
  });
  // The orders room announces through the broker made after it; it publishes only once running.
  const orders = new OrdersRoom({
    stock,
    db,
    clock,
    logger,
    storeId: config.store.id,
    settings: () => ({ kitchen: current().kitchen, timezone: current().store.timezone }),
    publish: (topic, payload, options) => announce('kitchen ticket change')(topic, payload, options),
    metrics,
  });
  const square = squareConnectorOf(config, {
    intake: orders.intake,
    logger: logger.child({ ns: 'orders.square' }),
    metrics,
  });
  return { approvals, stock, purchasing, invoices, orders, square };
}
