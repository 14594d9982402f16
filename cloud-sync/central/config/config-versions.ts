import type { ConfigVersionInfo } from '../../../shared/central/api';
import type { Clock } from '../../../shared/server/runtime/clock';
import {
  type ConfigApplyReport,
  ConfigApplyReport as ConfigApplyReportSchema,
  type ConfigOverlay,
  type PushedConfig,
} from '../../../shared/sync/sync-protocol';
import { CentralError } from '../central-error';
import type { CentralDb } from '../db/central-db';
import type { CentralTables } from '../db/schema';
import { learnPushedEquipment } from './pushed-equipment';

/**
 * Configuration pushed down to stores: each push is a new version, numbered 1, 2, 3 …
 * per store; the edge fetches the newest and reports whether it applied it.
 */
export class ConfigVersions {
  constructor(private readonly deps: { db: CentralDb; clock: Clock }) {}

  async push(storeId: string, overlay: ConfigOverlay, by: string): Promise<ConfigVersionInfo> {
    const createdAt = this.deps.clock.now();
    const version = await this.deps.db.transaction().execute(async (trx) => {
      const store = await trx.selectFrom('stores').select('id').where('id', '=', storeId).executeTakeFirst();
      if (!store) throw new CentralError('NOT_FOUND', `no store "${storeId}"`);
      const latest = await trx
        .selectFrom('config_versions')
        .select((eb) => eb.fn.max('version').as('v'))
        .where('store_id', '=', storeId)
        .executeTakeFirst();
      const next = (latest?.v ?? 0) + 1;
      // The primary key (store_id, version) refuses a concurrent push that picked the same number.
      await trx
        .insertInto('config_versions')
        .values({
          store_id: storeId,
          version: next,
          created_at: createdAt,
          created_by: by,
          overlay: JSON.stringify(overlay),
        })
        .execute();
      await learnPushedEquipment(trx, storeId, overlay);
      return next;
    });
    return { storeId, version, createdAt, createdBy: by, overlay, report: null };
  }

  /** The newest version if it is newer than `after`, else undefined (the edge is up to date). */
  async newerThan(storeId: string, after: number): Promise<PushedConfig | undefined> {
    const row = await this.deps.db
      .selectFrom('config_versions')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row || row.version <= after) return undefined;
    return { storeId, version: row.version, createdAt: row.created_at, overlay: JSON.parse(row.overlay) };
  }

  async report(storeId: string, report: ConfigApplyReport): Promise<void> {
    await this.deps.db.transaction().execute(async (trx) => {
      const result = await trx
        .updateTable('config_versions')
        .set({
          report_outcome: report.outcome,
          report_errors: JSON.stringify(report.errors),
          report_at: report.at,
        })
        .where('store_id', '=', storeId)
        .where('version', '=', report.version)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 0) {
        throw new CentralError('NOT_FOUND', `store "${storeId}" has no config version ${report.version}`);
      }
      await trx
        .updateTable('stores')
        .set((eb) => ({
          config_last_report: JSON.stringify(report),
          config_applied_version:
            report.outcome === 'applied'
              ? eb
                  .case()
                  .when('config_applied_version', 'is', null)
                  .then(report.version)
                  .when('config_applied_version', '<', report.version)
                  .then(report.version)
                  .else(eb.ref('config_applied_version'))
                  .end()
              : eb.ref('config_applied_version'),
        }))
        .where('id', '=', storeId)
        .execute();
    });
  }

  async list(storeId: string, limit = 20): Promise<ConfigVersionInfo[]> {
    const rows = await this.deps.db
      .selectFrom('config_versions')
      .selectAll()
      .where('store_id', '=', storeId)
      .orderBy('version', 'desc')
      .limit(limit)
      .execute();
    return rows.map(versionOf);
  }
}

function versionOf(row: CentralTables['config_versions']): ConfigVersionInfo {
  const report =
    row.report_outcome && row.report_at !== null
      ? ConfigApplyReportSchema.parse({
          version: row.version,
          outcome: row.report_outcome,
          errors: JSON.parse(row.report_errors ?? '[]'),
          at: row.report_at,
        })
      : null;
  return {
    storeId: row.store_id,
    version: row.version,
    createdAt: row.created_at,
    createdBy: row.created_by,
    overlay: JSON.parse(row.overlay),
    report,
  };
}
