import { m001Core } from './001-core';
import { m002AlarmsTickets } from './002-alarms-tickets';
import { m003ReadingsByKey } from './003-readings-by-key';
import { m004Sync } from './004-sync';
import { m005Maintenance } from './005-maintenance';
import { m006TechniciansParts } from './006-technicians-parts';
import { m007ReadingsBySeries } from './007-readings-by-series';
import { m008PartQuantitiesExact } from './008-part-quantities-exact';
import { m009Displays } from './009-displays';
import { m010SyncSetAside } from './010-sync-set-aside';
import { m011OpenWorkIndexes } from './011-open-work-indexes';
import { m012AlarmEpisodes } from './012-alarm-episodes';
import { m014StatusCauseSessionRoles } from './014-status-cause-session-roles';
import { m015OrdersKds } from './015-orders-kds';
import { m016Stock } from './016-stock';
import { m017MenuAvailability } from './017-menu-availability';
import { m018DowntimeCost } from './018-downtime-cost';
import { m019StockBatches } from './019-stock-batches';
import { m020FoodSafety } from './020-food-safety';
import { m021FoodSafetyCooling } from './021-food-safety-cooling';
import { m022FoodSafetyChecks } from './022-food-safety-checks';
import { m023FoodSafetyTimeBatches } from './023-food-safety-time-batches';
import { m024AccessAudit } from './024-access-audit';
import { m025DeviceClaims } from './025-device-claims';
import { m026FoodSafetyCheckpoints } from './026-food-safety-checkpoints';
import { m027FoodSafetyReportUploads } from './027-food-safety-report-uploads';
import { m028Predictive } from './028-predictive';
import { m029Purchasing } from './029-purchasing';
import { m030SupplierInvoices } from './030-supplier-invoices';
import { m031PurchaseApprovals } from './031-purchase-approvals';
import { m032TicketQuotesOutlooks } from './032-ticket-quotes-outlooks';
import { m033ReceiptProbes } from './033-receipt-probes';
import { m034HandoverSignatures } from './034-handover-signatures';
import { m035BoxBackups } from './035-box-backups';
import { m036StoreClosing } from './036-store-closing';
import { m037ImportedAssetHistory } from './037-imported-asset-history';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Applied in order; a released migration is never edited, only followed by a new one. */
export const migrations: Migration[] = [
  m001Core,
  m002AlarmsTickets,
  m003ReadingsByKey,
  m004Sync,
  m005Maintenance,
  m006TechniciansParts,
  m007ReadingsBySeries,
  m008PartQuantitiesExact,
  m009Displays,
  m010SyncSetAside,
  m011OpenWorkIndexes,
  m012AlarmEpisodes,
  m014StatusCauseSessionRoles,
  m015OrdersKds,
  m016Stock,
  m017MenuAvailability,
  m018DowntimeCost,
  m019StockBatches,
  m020FoodSafety,
  m021FoodSafetyCooling,
  m022FoodSafetyChecks,
  m023FoodSafetyTimeBatches,
  m024AccessAudit,
  m025DeviceClaims,
  m026FoodSafetyCheckpoints,
  m027FoodSafetyReportUploads,
  m028Predictive,
  m029Purchasing,
  m030SupplierInvoices,
  m031PurchaseApprovals,
  m032TicketQuotesOutlooks,
  m033ReceiptProbes,
  m034HandoverSignatures,
  m035BoxBackups,
  m036StoreClosing,
  m037ImportedAssetHistory,
];
