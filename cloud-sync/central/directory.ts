import type { CreateStoreRequest, Region } from '../../shared/central/api';
import { INITIAL_STORE_STATE } from '../../shared/central/store-lifecycle';
import type { Clock } from '../../shared/server/runtime/clock';
import type { StoreScope } from './auth/caller';
import { CentralError } from './central-error';
import type { CentralDb } from './db/central-db';
import { inScope } from './db/scope-filter';

export interface StoreRecord {
  id: string;
  name: string;
  regionId: string;
}

/** Regions and the stores in them. */
export class StoreDirectory {
  constructor(private readonly deps: { db: CentralDb; clock: Clock }) {}

  async addRegion(id: string, name: string): Promise<Region> {
    const result = await this.deps.db
      .insertInto('regions')
      .values({ id, name, created_at: this.deps.clock.now() })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 0) {
      throw new CentralError('CONFLICT', `region "${id}" already exists`);
    }
    return { id, name };
  }

  /** Adds a store; its region is created (named by its id) if it does not exist yet. */
  async addStore(request: CreateStoreRequest): Promise<StoreRecord> {
    const now = this.deps.clock.now();
    const name = request.name ?? request.id;
    const inserted = await this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('regions')
        .values({ id: request.regionId, name: request.regionId, created_at: now })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
      const result = await trx
        .insertInto('stores')
        .values({
          id: request.id,
          name,
          region_id: request.regionId,
          created_at: now,
          state: request.state ?? INITIAL_STORE_STATE,
          state_since: now,
        })
        .onConflict((oc) => oc.column('id').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0);
    });
    if (inserted === 0) throw new CentralError('CONFLICT', `store "${request.id}" already exists`);
    return { id: request.id, name, regionId: request.regionId };
  }

  async regions(scope: StoreScope): Promise<Region[]> {
    if (scope === null) {
      return this.deps.db.selectFrom('regions').select(['id', 'name']).orderBy('id').execute();
    }
    return this.deps.db
      .selectFrom('regions')
      .innerJoin('stores', 'stores.region_id', 'regions.id')
      .where((eb) => inScope(eb, scope))
      .select(['regions.id', 'regions.name'])
      .distinct()
      .orderBy('regions.id')
      .execute();
  }

  /** The store if it exists and is within the scope; out of scope looks exactly like missing. */
  async store(id: string, scope: StoreScope): Promise<StoreRecord | undefined> {
    const row = await this.deps.db
      .selectFrom('stores')
      .select(['id', 'name', 'region_id'])
      .where('id', '=', id)
      .where((eb) => inScope(eb, scope))
      .executeTakeFirst();
    return row && { id: row.id, name: row.name, regionId: row.region_id };
  }
}
