import Decimal from 'decimal.js';
import { sql, type Transaction } from 'kysely';
import { ASSET_OUTLOOK_EVENT, AssetOutlook } from '../../../shared/predictive/asset-outlook';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import { keepLatest, type Versioned } from '../ingest/latest-by-seq';
import { invalid, type ProjectionOutcome } from '../ingest/projection-outcome';

type Trx = Transaction<CentralTables>;

/** ¥ text with at most 2 decimals → whole fen, exactly. */
export const toFen = (money: string): number => new Decimal(money).times(100).toNumber();

/**
 * Each asset's newest outlook (`predictive.asset_outlook`), one row per store and
 * equipment. The newest seq wins, so a delivery repeated or arriving late never rolls a
 * row back; central ranks what the stores computed and computes nothing itself.
 */
export class AssetOutlookProjection {
  readonly #outlooks = new Map<string, Versioned<AssetOutlook>>();

  static projects(type: string): boolean {
    return type === ASSET_OUTLOOK_EVENT;
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    const parsed = AssetOutlook.safeParse(event.payload);
    if (!parsed.success) return invalid(parsed.error);
    keepLatest(this.#outlooks, `${storeId}\u0000${parsed.data.equipmentId}`, {
      storeId,
      seq: event.seq,
      value: parsed.data,
    });
    return { kind: 'projected' };
  }

  async apply(trx: Trx): Promise<void> {
    await inPieces([...this.#outlooks.values()], (rows) => upsertOutlooks(trx, rows));
  }
}

async function upsertOutlooks(trx: Trx, rows: Versioned<AssetOutlook>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: o }) =>
      sql`(${storeId}, ${o.equipmentId}, ${o.state}, ${Math.round(o.riskScore)}, ${toFen(o.moneyAtStake)},
        ${o.at}, ${JSON.stringify(o)}, ${seq})`,
  );
  await sql`
    insert into predictive_outlooks
      (store_id, equipment_id, state, risk_score, money_fen, at, view, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, equipment_id) do update set
      state = excluded.state, risk_score = excluded.risk_score, money_fen = excluded.money_fen,
      at = excluded.at, view = excluded.view, last_seq = excluded.last_seq
    where predictive_outlooks.last_seq < excluded.last_seq`.execute(trx);
}
