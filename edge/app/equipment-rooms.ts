import { SerialAdapters } from '../adapters/serial-adapters';
import { SerialTelemetryPublisher } from '../adapters/serial-telemetry-publisher';
import { AlarmService } from '../domains/alarms/alarm-service';
import { AvailabilityService } from '../domains/availability/availability-service';
import { DowntimeService } from '../domains/availability/downtime-service';
import { FoodSafetyService } from '../domains/food-safety/food-safety-service';
import { MaintenanceService } from '../domains/maintenance/maintenance-service';
import { MaintenanceMetricsService } from '../domains/maintenance-metrics/maintenance-metrics-service';
import { PartsService } from '../domains/parts/parts-service';
import { PredictiveService } from '../domains/predictive/predictive-service';
import type { ApprovalGate } from '../domains/purchasing/approval-gate';
import { RuleEngine } from '../domains/rules/rule-engine';
import type { StockService } from '../domains/stock/stock-service';
import { TechnicianService } from '../domains/technicians/technician-service';
import { TicketService } from '../domains/tickets/ticket-service';
import type { IngestPipeline } from '../ingest/ingest-pipeline';
import type { Announce } from './edge-announcer';
import type { EdgeWiring } from './edge-wiring';

/**
 * The rooms that follow the equipment: its alarms and the rules that raise them, repairs,
 * upkeep and parts, the menu it makes possible, food safety, drift, and the serial lines
 * that read it.
 */
export interface EquipmentRooms {
  alarms: AlarmService;
  tickets: TicketService;
  maintenance: MaintenanceService;
  downtime: DowntimeService;
  availability: AvailabilityService;
  parts: PartsService;
  technicians: TechnicianService;
  maintenanceMetrics: MaintenanceMetricsService;
  foodSafety: FoodSafetyService;
  predictive: PredictiveService;
  rules: RuleEngine;
  serial: SerialAdapters;
  serialTelemetry: SerialTelemetryPublisher;
}

export function buildEquipmentRooms(
  w: EdgeWiring,
  deps: { announce: Announce; ingest: IngestPipeline; stock: StockService; approvals: ApprovalGate },
): EquipmentRooms {
  const { db, clock, logger, bus, config, current } = w;
  const { announce, stock, approvals } = deps;
  const storeId = config.store.id;
  const publishAlarm = announce('alarm');
  const alarms = new AlarmService({
    db,
    clock,
    logger,
    storeId,
    settings: config.alarms,
    publish: (topic, payload, { retain }) => publishAlarm(topic, payload, { retain, qos: 1 }),
  });
  const tickets = new TicketService({
    db,
    clock,
    logger,
    storeId,
    alarms,
    config,
    publish: announce('ticket change'),
  });
  const maintenance = new MaintenanceService({ db, clock, logger, storeId, bus, config, tickets });
  const downtime = new DowntimeService({
    db,
    clock,
    logger,
    storeId,
    settings: () => ({
      menu: current().kitchen.menu,
      equipment: current().equipment,
      currency: current().stock.currency,
      timeZone: current().store.timezone,
    }),
  });
  const availability = new AvailabilityService({
    onItemsChanged: (changes, at) => downtime.itemsChanged(changes, at),
    db,
    clock,
    logger,
    storeId,
    settings: () => ({
      kitchen: current().kitchen,
      equipment: current().equipment,
      webhooks: current().posConnectors.availabilityWebhooks,
    }),
    alarms,
    stockPortions: (item) => stock.portionsAvailable(item),
    publish: announce('menu availability'),
  });
  const parts = new PartsService({ db, clock, logger, storeId, config, tickets, approvals });
  const technicians = new TechnicianService({ db, clock, config, tickets });
  const maintenanceMetrics = new MaintenanceMetricsService({ db, clock, logger, storeId, config });
  const foodSafety = new FoodSafetyService({
    db,
    clock,
    logger,
    bus,
    storeId,
    config,
    // The unit's food alarm (else any active one) and the ticket it is on, so the action links to the repair.
    incidentOf: (equipmentId) => {
      const active = alarms.active().filter((a) => a.equipmentId === equipmentId);
      const alarm = active.find((a) => a.hazard === 'food') ?? active[0];
      const open = tickets.list({ status: 'open', equipmentId, limit: 50 });
      const ticket = (alarm && open.find((t) => t.alarmIds.includes(alarm.id))) ?? open[0];
      return { alarmId: alarm?.id ?? null, ticketId: ticket?.id ?? null };
    },
  });
  // Drift in a unit's own cycles opens a predictive repair ticket before it fails.
  const predictive = new PredictiveService({ db, clock, logger, bus, storeId, config, tickets });
  const rules = new RuleEngine(
    {
      bus,
      clock,
      logger,
      sink: alarms.handleTransition,
      activeAlarms: () => alarms.activeKeys(),
    },
    config,
  );
  const serial = new SerialAdapters({ config, pipeline: deps.ingest, clock, logger });
  const serialTelemetry = new SerialTelemetryPublisher({
    config,
    bus,
    logger,
    publish: announce('serial reading'),
  });
  return {
    alarms,
    tickets,
    maintenance,
    downtime,
    availability,
    parts,
    technicians,
    maintenanceMetrics,
    foodSafety,
    predictive,
    rules,
    serial,
    serialTelemetry,
  };
}
