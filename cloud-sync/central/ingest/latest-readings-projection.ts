import { sql, type Transaction } from 'kysely';
import { MinuteRollup } from '../../../shared/central/insight-api';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import type { Versioned } from './latest-by-seq';
import type { ProjectionOutcome } from './projection-outcome';

type Trx = Transaction<CentralTables>;

interface Candidate {
  storeId: string;
  seq: number;
  minuteTs: number;
  payload: unknown;
}

/**
 * Each unit's newest minute of readings (equipment.latest_readings), from `rollup.minute`
 * events: the bulk of what stores send. Only the newest rollup of each unit in a group is
 * written, so only that one needs its full check: rollups are ordered by their minute and
 * seq as sent, and checked newest first until one fits. A rollup that does not fit stays
 * history, as before the per-minute shape ({metric, min, …}) existed.
 */
export class LatestReadingsProjection {
  readonly #candidates = new Map<string, Candidate[]>();

  static projects(type: string): boolean {
    return type === 'rollup.minute';
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    const { equipmentId, minuteTs } = event.payload;
    if (typeof equipmentId !== 'string' || !Number.isSafeInteger(minuteTs)) return { kind: 'history' };
    const key = `${storeId}\u0000${equipmentId}`;
    const candidate = { storeId, seq: event.seq, minuteTs: minuteTs as number, payload: event.payload };
    const held = this.#candidates.get(key);
    if (held) held.push(candidate);
    else this.#candidates.set(key, [candidate]);
    return { kind: 'projected' };
  }

  async apply(trx: Trx): Promise<void> {
    const newest: Versioned<MinuteRollup>[] = [];
    for (const candidates of this.#candidates.values()) {
      // A later minute wins; the same minute sent again (recomputed for late data) wins by seq.
      candidates.sort((a, b) => b.minuteTs - a.minuteTs || b.seq - a.seq);
      for (const { storeId, seq, payload } of candidates) {
        const parsed = MinuteRollup.safeParse(payload);
        if (!parsed.success) continue;
        newest.push({ storeId, seq, value: parsed.data });
        break;
      }
    }
    await inPieces(newest, (rows) => upsertLatestReadings(trx, rows));
  }
}

async function upsertLatestReadings(trx: Trx, rows: Versioned<MinuteRollup>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value }) =>
      sql`(${storeId}, ${value.equipmentId}, ${value.minuteTs}, ${JSON.stringify(value.metrics)}, ${seq})`,
  );
  await sql`
    insert into equipment (store_id, equipment_id, latest_minute_ts, latest_readings, latest_seq)
    values ${sql.join(values)}
    on conflict (store_id, equipment_id) do update set
      latest_minute_ts = excluded.latest_minute_ts, latest_readings = excluded.latest_readings,
      latest_seq = excluded.latest_seq
    where equipment.latest_minute_ts is null
      or equipment.latest_minute_ts < excluded.latest_minute_ts
      or (equipment.latest_minute_ts = excluded.latest_minute_ts and equipment.latest_seq < excluded.latest_seq)`.execute(
    trx,
  );
}
