import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { PinGate } from '../api/pin-gate';
import { accessAuditRoutes } from '../api/routes/access-audit';
import { storeRoutes } from '../api/routes/store';
import { syncRoutes } from '../api/routes/sync';
import { createApiServer } from '../api/server';
import { IntegrationLogins } from '../broker/integration-logins';
import { assetHistoryRoutes } from '../domains/commissioning/asset-history/asset-history-routes';
import { commissioningRoutes } from '../domains/commissioning/checklist/checklist-routes';
import { deviceClaimRoutes } from '../domains/commissioning/claim/device-claim-routes';
import { handoverRoutesFor } from '../domains/commissioning/handover/handover-wiring';
import { predictiveEvidenceRoutes } from '../domains/predictive/predictive-evidence-routes';
import { ApprovalDelegations } from '../domains/purchasing/approval-delegation';
import { rulesForEquipment } from '../domains/rules/resolve-rules';
import { backupRoutes } from '../sync/backup/backup-routes';
import { tlsRoutes } from '../tls/tls-routes';
import { domainRoutes } from './domain-routes';
import { integrationClientOf } from './edge-access';
import type { Running } from './edge-lifecycle';
import type { EdgeWiring } from './edge-wiring';
import { worstActiveSeverity } from './equipment-state';

/**
 * The HTTP API of a started edge: one PIN gate for logins and sign-offs, and every route
 * (store, domain rooms, sync, backups, audit, commissioning, TLS), not yet listening.
 */
export function createEdgeApi(
  running: Running,
  w: EdgeWiring,
  deps: { displayDir: string },
): FastifyInstance {
  const { db, clock, logger, metrics, config, current } = w;
  const { access, alarms, readings, sync, predictive, tls } = running;
  const { displayDir } = deps;
  // One PIN gate for logins and sign-offs, so their failures count together.
  const pinGate = new PinGate({
    findUser: (id) => current().users.find((u) => u.id === id),
    clock,
    metrics,
    logger,
  });
  return createApiServer({
    pinGate,
    config,
    sessions: access.sessions,
    displays: access.displays,
    readings,
    deviceStatus: running.deviceStatus,
    rejections: running.ingest.rejections,
    metrics,
    clock,
    logger,
    health: () => ({ database: db.open, broker: running.broker !== undefined }),
    stateOf: (equipmentId) => worstActiveSeverity(alarms.active(), equipmentId),
    audit: access.accessAudit,
    integrations: {
      find: integrationClientOf(access, current),
      logins: new IntegrationLogins(clock),
    },
    routes: [
      ...storeRoutes({
        currentConfig: current,
        rulesOf: (equipmentId) => {
          const equipment = current().equipment.find((e) => e.id === equipmentId);
          return equipment && rulesForEquipment(current(), equipment);
        },
      }),
      ...domainRoutes({
        approvals: running.approvals,
        approvalDelegations: new ApprovalDelegations(db, () => current().users),
        predictive,
        purchasing: running.purchasing,
        invoices: running.invoices,
        alarms,
        tickets: running.tickets,
        maintenance: running.maintenance,
        maintenanceMetrics: running.maintenanceMetrics,
        parts: running.parts,
        technicians: running.technicians,
        rules: running.rules,
        displays: access.displays,
        orders: running.orders,
        availability: running.availability,
        downtime: running.downtime,
        stock: running.stock,
        config: current,
        foodSafety: running.foodSafety,
        square: running.square,
        pinGate,
        clock,
        logger,
        metrics,
      }),
      ...predictiveEvidenceRoutes({ predictive, db, clock, timezone: () => current().store.timezone }),
      ...syncRoutes({ health: () => sync.health(), retrySetAside: (by) => sync.retrySetAside(by) }),
      ...backupRoutes({ backups: running.backups }),
      ...accessAuditRoutes({ audit: access.accessAudit }),
      ...deviceClaimRoutes({ claims: access.claims }),
      ...assetHistoryRoutes({ db, config: current }),
      ...commissioningRoutes({ checklist: running.commissioning.checklist }),
      ...handoverRoutesFor({
        config: current,
        now: () => clock.now(),
        readings,
        alarms,
        displays: access.displays,
        sync: () => sync.health(),
        db,
        storeId: config.store.id,
        pinGate,
      }),
      ...tlsRoutes({
        tls: () => tls && { root: tls.root, server: tls.server },
        ports: () => ({
          ...(running.mqttsPort === undefined ? {} : { mqttsPort: running.mqttsPort }),
          ...(running.https ? { httpsPort: running.httpsPort } : {}),
        }),
      }),
    ],
    ...(existsSync(displayDir) ? { displayDir } : {}),
  });
}
