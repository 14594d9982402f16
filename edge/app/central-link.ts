import type { BoxHealth } from '../../shared/central/edge-releases';
import type { StoreConfig } from '../../shared/config/store-config';
import type { AlarmService } from '../domains/alarms/alarm-service';
import { StoreClosingRunner } from '../domains/closing/closing-runner';
import type { FoodSafetyService } from '../domains/food-safety/food-safety-service';
import { serviceReportSource } from '../domains/food-safety/report/service-report-source';
import type { PartsService } from '../domains/parts/parts-service';
import { approvalCommandApplier } from '../domains/purchasing/approval-commands';
import type { ApprovalGate } from '../domains/purchasing/approval-gate';
import type { StockService } from '../domains/stock/stock-service';
import type { TicketService } from '../domains/tickets/ticket-service';
import { edgeVersion } from '../runtime/edge-version';
import { EdgeUpdater } from '../runtime/updates/edge-updater';
import { processSupervisorLink } from '../runtime/updates/supervisor-link';
import type { Random } from '../sync/backoff';
import type { CentralEndpoint } from '../sync/central-client';
import { SyncService } from '../sync/sync-service';
import type { EdgeWiring } from './edge-wiring';

/** The box's link to central: the sync, software updates, and the closing central may order. */
export interface CentralLink {
  sync: SyncService;
  updater: EdgeUpdater;
}

export function buildCentralLink(
  w: EdgeWiring,
  deps: {
    dataDir: string;
    central: CentralEndpoint | undefined;
    random: Random | undefined;
    /** the config file as last loaded, under central's overlay */
    baseConfig: () => StoreConfig;
    applyConfig: (next: StoreConfig) => void;
    /** whether the broker is up, for the health reported with updates */
    brokerUp: () => boolean;
    /** what central's commands act on */
    rooms: {
      alarms: AlarmService;
      tickets: TicketService;
      approvals: ApprovalGate;
      stock: StockService;
      parts: PartsService;
      foodSafety: FoodSafetyService;
    };
  },
): CentralLink {
  const { db, clock, logger, config, current } = w;
  const { dataDir, central } = deps;
  const { alarms, tickets, approvals, stock, parts, foodSafety } = deps.rooms;
  // Software updates from central (edge/runtime/updates/README.md): reports and `edge.update` commands.
  const updater: EdgeUpdater = new EdgeUpdater({
    dataDir,
    clock,
    logger,
    central,
    version: edgeVersion(),
    health: (): BoxHealth => {
      const checks: Record<string, boolean> = {
        database: db.open,
        broker: deps.brokerUp(),
        sync: sync.health().consecutiveFailures === 0,
      };
      return { ok: Object.values(checks).every(Boolean), checks };
    },
    link: processSupervisorLink(),
    reportEveryMs: config.sync.commandPollS * 1000,
    timeoutMs: config.sync.requestTimeoutS * 1000,
  });
  // Central's `store.close` command runs the box's closing here (edge/domains/closing/README.md).
  const storeClosing = new StoreClosingRunner({
    closing: () => ({
      db,
      config: current(),
      dataDir,
      central,
      clock,
      logger,
      foodSafety: serviceReportSource(foodSafety, current),
    }),
    clock,
    logger,
  });
  const sync = new SyncService({
    db,
    clock,
    logger,
    bus: w.bus,
    metrics: w.metrics,
    storeId: config.store.id,
    settings: config.sync,
    central,
    ...(deps.random ? { random: deps.random } : {}),
    baseConfig: deps.baseConfig,
    applyConfig: deps.applyConfig,
    commandTargets: {
      acknowledgeAlarm: (alarmId, by) => alarms.acknowledge(alarmId, by),
      transitionTicket: (ticketId, request, actor) => tickets.transition(ticketId, request, actor),
      noteTicket: (ticketId, note, by) => tickets.note(ticketId, note, { id: by, role: 'manager' }),
      decideApproval: approvalCommandApplier({ db, gate: approvals, rooms: { stock, parts }, clock }),
      updateEdge: (action) => updater.accept(action),
      closeStore: () => storeClosing.accept(),
    },
  });
  return { sync, updater };
}
