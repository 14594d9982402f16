import { CENTRAL_ROUTES } from '../../../../shared/central/api';
import {
  CentralPurchaseRequestList,
  CentralPurchasesQuery,
  CentralWorkOrderList,
  CentralWorkOrdersQuery,
  MaintenanceOverview,
  MaintenanceOverviewQuery,
} from '../../../../shared/central/maintenance-api';
import { notFound } from '../../../../shared/server/http/errors';
import { type StoreScope, scopeOf } from '../../auth/caller';
import type { CentralContext } from '../../central-context';
import { maintenanceOverview, openWorkOrders, purchaseRequests } from '../../maintenance/maintenance-queries';
import { type CentralRoute, centralRoute, userOf } from '../central-route';
import { EVERYONE } from '../roles';

const OUT_OF_SCOPE = 'no such store in your scope';

/** 维保 for regional operations: synced daily metrics, open PM work orders, purchase requests. */
export function maintenanceRoutes(
  ctx: Pick<CentralContext, 'database' | 'clock' | 'directory' | 'logger'>,
): CentralRoute[] {
  const { db } = ctx.database;
  const log = ctx.logger.child({ ns: 'central.maintenance' });
  const scoped = async (scope: StoreScope, storeId: string | undefined) => {
    if (storeId && !(await ctx.directory.store(storeId, scope))) throw notFound(OUT_OF_SCOPE);
    return scope;
  };
  return [
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.maintenanceMetrics,
      summary: 'Maintenance metrics per store (newest synced day, range roll-up) and per region',
      description:
        'PM on-time rate and backlog, MTTR, MTBF, first response, repeat repairs, technician SLA and parts, from the `metrics.daily` the edges sync.',
      tags: ['maintenance'],
      access: EVERYONE,
      querystring: MaintenanceOverviewQuery,
      response: MaintenanceOverview,
      errors: [404],
      handler: async ({ auth: caller, query }) => {
        const scope = await scoped(scopeOf(userOf(caller)), query.storeId);
        return maintenanceOverview(db, scope, ctx.clock.now(), query, log);
      },
    }),
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.maintenanceWorkOrders,
      summary: 'Preventive work orders not yet done across my stores, overdue first',
      tags: ['maintenance'],
      access: EVERYONE,
      querystring: CentralWorkOrdersQuery,
      response: CentralWorkOrderList,
      errors: [404],
      handler: async ({ auth: caller, query }) => {
        const scope = await scoped(scopeOf(userOf(caller)), query.storeId);
        return openWorkOrders(db, scope, ctx.clock.now(), query, log);
      },
    }),
    centralRoute({
      method: 'GET',
      url: CENTRAL_ROUTES.maintenancePurchases,
      summary: 'Purchase requests across my stores; by default those waiting for approval',
      tags: ['maintenance'],
      access: EVERYONE,
      querystring: CentralPurchasesQuery,
      response: CentralPurchaseRequestList,
      errors: [404],
      handler: async ({ auth: caller, query }) => {
        const scope = await scoped(scopeOf(userOf(caller)), query.storeId);
        return purchaseRequests(db, scope, ctx.clock.now(), query, log);
      },
    }),
  ];
}
