import type { Kysely } from 'kysely';
import { type BoxReport, type BoxStatusView, BoxUpdateReport } from '../../../shared/central/edge-releases';
import type { CentralDb, CentralDialect } from '../db/central-db';
import type { CentralTables } from '../db/schema';
import type { ReleaseTables } from './release-tables';

/**
 * What each box last told central about itself: the version it runs, its health and the
 * outcome of its newest update. One row per store, replaced by each report.
 */
export class BoxStatusStore {
  readonly #db: Kysely<CentralTables & ReleaseTables>;

  constructor(deps: { db: CentralDb; dialect?: CentralDialect }) {
    this.#db = deps.db.withTables<ReleaseTables>();
  }

  async record(storeId: string, report: BoxReport, receivedAt: number): Promise<void> {
    const values = {
      version: report.version,
      healthy: report.health.ok ? 1 : 0,
      checks: JSON.stringify(report.health.checks),
      supervised: report.supervised ? 1 : 0,
      reported_at: receivedAt,
      last_update: report.lastUpdate ? JSON.stringify(report.lastUpdate) : null,
    };
    await this.#db
      .insertInto('edge_box_status')
      .values({ store_id: storeId, ...values })
      .onConflict((oc) => oc.column('store_id').doUpdateSet(values))
      .execute();
  }

  /** Every store that is not closed, with its box's report (nulls when it never reported), by id. */
  async list(filter: { storeIds?: readonly string[]; regionId?: string } = {}): Promise<BoxStatusView[]> {
    let query = this.#db
      .selectFrom('stores')
      .leftJoin('edge_box_status', 'edge_box_status.store_id', 'stores.id')
      .select([
        'stores.id as store_id',
        'stores.region_id',
        'edge_box_status.version',
        'edge_box_status.healthy',
        'edge_box_status.checks',
        'edge_box_status.supervised',
        'edge_box_status.reported_at',
        'edge_box_status.last_update',
      ])
      .where('stores.state', '!=', 'closed')
      .orderBy('stores.id');
    if (filter.storeIds) {
      if (filter.storeIds.length === 0) return [];
      query = query.where('stores.id', 'in', [...filter.storeIds]);
    }
    if (filter.regionId !== undefined) query = query.where('stores.region_id', '=', filter.regionId);
    const rows = await query.execute();
    return rows.map((r) => ({
      storeId: r.store_id,
      regionId: r.region_id,
      version: r.version ?? null,
      healthy: r.healthy === null || r.healthy === undefined ? null : Number(r.healthy) === 1,
      checks: r.checks ? (JSON.parse(r.checks) as Record<string, boolean>) : {},
      supervised: r.supervised === null || r.supervised === undefined ? null : Number(r.supervised) === 1,
      reportedAt: r.reported_at === null || r.reported_at === undefined ? null : Number(r.reported_at),
      lastUpdate: r.last_update ? BoxUpdateReport.parse(JSON.parse(r.last_update)) : null,
    }));
  }
}
