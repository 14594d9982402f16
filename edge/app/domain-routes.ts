import type { StoreConfig } from '../../shared/config/store-config';
import type { Clock } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import type { MetricsRegistry } from '../../shared/server/runtime/metrics';
import type { EdgeRoute } from '../api/edge-route';
import type { PinGate } from '../api/pin-gate';
import { alarmsRoutes } from '../domains/alarms/alarm-routes';
import type { AlarmService } from '../domains/alarms/alarm-service';
import { availabilityRoutes } from '../domains/availability/availability-routes';
import type { AvailabilityService } from '../domains/availability/availability-service';
import { downtimeRoutes } from '../domains/availability/downtime-routes';
import type { DowntimeService } from '../domains/availability/downtime-service';
import type { DisplayCredentials } from '../domains/displays/display-credentials';
import { DisplayPairing } from '../domains/displays/display-pairing';
import { displaysRoutes } from '../domains/displays/display-routes';
import { checkRoutes } from '../domains/food-safety/check-routes';
import { foodSafetyRoutes } from '../domains/food-safety/food-safety-routes';
import type { FoodSafetyService } from '../domains/food-safety/food-safety-service';
import { foodSafetyReportRoutes } from '../domains/food-safety/report/report-routes';
import { serviceReportSource } from '../domains/food-safety/report/service-report-source';
import { timeBatchRoutes } from '../domains/food-safety/time-batch-routes';
import { maintenanceRoutes } from '../domains/maintenance/maintenance-routes';
import type { MaintenanceService } from '../domains/maintenance/maintenance-service';
import { maintenanceMetricsRoutes } from '../domains/maintenance-metrics/maintenance-metrics-routes';
import type { MaintenanceMetricsService } from '../domains/maintenance-metrics/maintenance-metrics-service';
import type { SquareWebhookConnector } from '../domains/orders/connectors/square-webhook';
import { squareWebhookRoutes } from '../domains/orders/connectors/square-webhook-routes';
import type { OrdersRoom } from '../domains/orders/orders-room';
import { partsRoutes } from '../domains/parts/parts-routes';
import type { PartsService } from '../domains/parts/parts-service';
import { predictiveRoutes } from '../domains/predictive/predictive-routes';
import type { PredictiveService } from '../domains/predictive/predictive-service';
import { ticketQuoteRoutes } from '../domains/predictive/ticket-quote-routes';
import type { ApprovalDelegations } from '../domains/purchasing/approval-delegation';
import type { ApprovalGate } from '../domains/purchasing/approval-gate';
import { approvalRoutes } from '../domains/purchasing/approval-routes';
import { invoiceRoutes } from '../domains/purchasing/invoice-routes';
import type { InvoiceService } from '../domains/purchasing/invoice-service';
import { purchasingRoutes } from '../domains/purchasing/purchasing-routes';
import type { PurchasingService } from '../domains/purchasing/purchasing-service';
import type { RuleEngine } from '../domains/rules/rule-engine';
import { stockRoutes } from '../domains/stock/stock-routes';
import type { StockService } from '../domains/stock/stock-service';
import { technicianOnSiteRoutes } from '../domains/technicians/technician-on-site-routes';
import { techniciansRoutes } from '../domains/technicians/technician-routes';
import type { TechnicianService } from '../domains/technicians/technician-service';
import { ticketsRoutes } from '../domains/tickets/ticket-routes';
import type { TicketService } from '../domains/tickets/ticket-service';

export interface DomainServices {
  alarms: AlarmService;
  tickets: TicketService;
  maintenance: MaintenanceService;
  maintenanceMetrics: MaintenanceMetricsService;
  parts: PartsService;
  technicians: TechnicianService;
  rules: RuleEngine;
  displays: DisplayCredentials;
  orders: OrdersRoom;
  availability: AvailabilityService;
  downtime: DowntimeService;
  stock: StockService;
  /** the stock settings in force (they reload with the config): purchase requests are priced by them */
  /** the store config in force (a reload swaps it) */
  config: () => StoreConfig;
  foodSafety: FoodSafetyService;
  predictive: PredictiveService;
  purchasing: PurchasingService;
  /** supplier invoices, their match and payments */
  invoices: InvoiceService;
  /** approval routing of purchase requests and delegations of a level */
  approvals?: ApprovalGate | undefined;
  approvalDelegations?: ApprovalDelegations | undefined;
  /** the Square webhook, when the store config has one and its signature key is set */
  square?: SquareWebhookConnector | undefined;
  pinGate: PinGate;
  clock: Clock;
  logger: Logger;
  metrics: MetricsRegistry;
}

/** The routes of every domain room under edge/domains/: a new domain adds its line here. */
export function domainRoutes(d: DomainServices): EdgeRoute[] {
  return [
    ...technicianOnSiteRoutes({ rules: d.rules, now: () => d.clock.now() }),
    ...alarmsRoutes({ alarms: d.alarms }),
    ...ticketsRoutes({ tickets: d.tickets, maintenance: d.maintenance, extras: d.predictive.outlooks }),
    ...maintenanceRoutes({ maintenance: d.maintenance, pinGate: d.pinGate }),
    ...displaysRoutes({
      displays: d.displays,
      pairing: new DisplayPairing({ clock: d.clock }),
      pinGate: d.pinGate,
      logger: d.logger,
      metrics: d.metrics,
    }),
    ...partsRoutes({ parts: d.parts }),
    ...techniciansRoutes({ technicians: d.technicians }),
    ...maintenanceMetricsRoutes({ metrics: d.maintenanceMetrics }),
    ...d.orders.routes(),
    ...availabilityRoutes({ availability: d.availability }),
    ...downtimeRoutes({ downtime: d.downtime }),
    ...stockRoutes({ stock: d.stock, settings: () => d.config().stock }),
    ...foodSafetyRoutes({ foodSafety: d.foodSafety, pinGate: d.pinGate }),
    ...checkRoutes({ foodSafety: d.foodSafety, pinGate: d.pinGate }),
    ...timeBatchRoutes({ foodSafety: d.foodSafety }),
    ...predictiveRoutes({ predictive: d.predictive }),
    ...ticketQuoteRoutes({ outlooks: d.predictive.outlooks }),
    ...purchasingRoutes({
      purchasing: d.purchasing,
      pinGate: d.pinGate,
      suppliers: () => d.config().purchasing.suppliers,
    }),
    ...invoiceRoutes({ invoices: d.invoices }),
    ...(d.approvals && d.approvalDelegations
      ? approvalRoutes({ gate: d.approvals, delegations: d.approvalDelegations, clock: d.clock })
      : []),
    ...foodSafetyReportRoutes({ source: serviceReportSource(d.foodSafety, d.config), clock: d.clock }),
    ...(d.square ? squareWebhookRoutes({ square: d.square }) : []),
  ];
}
