import { sql, type Transaction } from 'kysely';
import {
  ChainHeadEvent,
  CoolingBatchView,
  CorrectiveActionView,
  ExcursionView,
} from '../../../shared/api/food-safety';
import { CheckRecordView } from '../../../shared/api/food-safety-checks';
import {
  FOOD_SAFETY_CHECK_EVENT,
  FOOD_SAFETY_COOLING_EVENT,
  FOOD_SAFETY_DAY_EVENT,
  FoodSafetyDayPayload,
} from '../../../shared/central/food-safety-api';
import type { SyncEvent } from '../../../shared/sync/sync-protocol';
import { inPieces } from '../db/rows-per-statement';
import type { CentralTables } from '../db/schema';
import { keepLatest, type Versioned } from '../ingest/latest-by-seq';
import { invalid, type ProjectionOutcome } from '../ingest/projection-outcome';
import { type NewHead, recordChainHeads } from './chain-heads';

type Trx = Transaction<CentralTables>;

export const FOOD_SAFETY_EVENTS = {
  chainHead: 'food_safety.chain_head',
  excursion: 'food_safety.excursion',
  correctiveAction: 'food_safety.corrective_action',
  day: FOOD_SAFETY_DAY_EVENT,
  cooling: FOOD_SAFETY_COOLING_EVENT,
  check: FOOD_SAFETY_CHECK_EVENT,
} as const;

const PROJECTED = new Set<string>(Object.values(FOOD_SAFETY_EVENTS));

/**
 * Food safety's part of a ProjectionPlan. Excursions and corrective actions are re-sent
 * whole as they change, and a control point's day may be re-sent when recomputed: each
 * row keeps the newest by seq, so a resend or a late older version changes nothing.
 * Chain heads are different: every one is kept, because a head the store sent earlier is
 * the evidence against a chain that later went back (chain-heads.ts).
 */
export class FoodSafetyProjection {
  readonly #excursions = new Map<string, Versioned<ExcursionView>>();
  readonly #actions = new Map<string, Versioned<CorrectiveActionView>>();
  readonly #days = new Map<string, Versioned<FoodSafetyDayPayload>>();
  readonly #heads = new Map<string, Map<number, NewHead>>();
  readonly #cooling = new Map<string, Versioned<CoolingBatchView>>();
  readonly #checks = new Map<string, Versioned<CheckRecordView>>();

  static projects(type: string): boolean {
    return PROJECTED.has(type);
  }

  add(storeId: string, event: SyncEvent): ProjectionOutcome {
    switch (event.type) {
      case FOOD_SAFETY_EVENTS.chainHead: {
        const parsed = ChainHeadEvent.safeParse(event.payload);
        if (!parsed.success) return invalid(parsed.error);
        const heads = this.#heads.get(storeId) ?? new Map<number, NewHead>();
        this.#heads.set(storeId, heads);
        heads.set(event.seq, { eventSeq: event.seq, ...parsed.data });
        return { kind: 'projected' };
      }
      case FOOD_SAFETY_EVENTS.excursion: {
        const parsed = ExcursionView.safeParse(event.payload);
        if (!parsed.success) return invalid(parsed.error);
        keepLatest(this.#excursions, `${storeId}\u0000${parsed.data.id}`, {
          storeId,
          seq: event.seq,
          value: parsed.data,
        });
        return { kind: 'projected' };
      }
      case FOOD_SAFETY_EVENTS.correctiveAction: {
        const parsed = CorrectiveActionView.safeParse(event.payload);
        if (!parsed.success) return invalid(parsed.error);
        keepLatest(this.#actions, `${storeId}\u0000${parsed.data.id}`, {
          storeId,
          seq: event.seq,
          value: parsed.data,
        });
        return { kind: 'projected' };
      }
      case FOOD_SAFETY_EVENTS.day: {
        const parsed = FoodSafetyDayPayload.safeParse(event.payload);
        if (!parsed.success) return invalid(parsed.error);
        keepLatest(this.#days, `${storeId}\u0000${parsed.data.controlPointId}\u0000${parsed.data.day}`, {
          storeId,
          seq: event.seq,
          value: parsed.data,
        });
        return { kind: 'projected' };
      }
      case FOOD_SAFETY_EVENTS.cooling: {
        const parsed = CoolingBatchView.safeParse(event.payload);
        if (!parsed.success) return invalid(parsed.error);
        keepLatest(this.#cooling, `${storeId}\u0000${parsed.data.id}`, {
          storeId,
          seq: event.seq,
          value: parsed.data,
        });
        return { kind: 'projected' };
      }
      case FOOD_SAFETY_EVENTS.check: {
        const parsed = CheckRecordView.safeParse(event.payload);
        if (!parsed.success) return invalid(parsed.error);
        keepLatest(this.#checks, `${storeId}\u0000${parsed.data.id}`, {
          storeId,
          seq: event.seq,
          value: parsed.data,
        });
        return { kind: 'projected' };
      }
    }
    return { kind: 'history' };
  }

  async apply(trx: Trx): Promise<void> {
    await inPieces([...this.#excursions.values()], (rows) => upsertExcursions(trx, rows));
    await inPieces([...this.#actions.values()], (rows) => upsertActions(trx, rows));
    await inPieces([...this.#days.values()], (rows) => upsertDays(trx, rows));
    await inPieces([...this.#cooling.values()], (rows) => upsertCooling(trx, rows));
    await inPieces([...this.#checks.values()], (rows) => upsertChecks(trx, rows));
    for (const [storeId, heads] of this.#heads) await recordChainHeads(trx, storeId, [...heads.values()]);
  }
}

async function upsertExcursions(trx: Trx, rows: Versioned<ExcursionView>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: e }) =>
      sql`(${storeId}, ${e.id}, ${e.controlPointId}, ${e.equipmentId}, ${e.startedAt}, ${e.endedAt},
        ${JSON.stringify(e)}, ${seq})`,
  );
  await sql`
    insert into food_safety_excursions
      (store_id, excursion_id, control_point_id, equipment_id, started_at, ended_at, view, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, excursion_id) do update set
      control_point_id = excluded.control_point_id, equipment_id = excluded.equipment_id,
      started_at = excluded.started_at, ended_at = excluded.ended_at, view = excluded.view,
      last_seq = excluded.last_seq
    where food_safety_excursions.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertActions(trx: Trx, rows: Versioned<CorrectiveActionView>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: a }) =>
      sql`(${storeId}, ${a.id}, ${a.excursionId}, ${a.controlPointId}, ${a.state === 'open' ? 1 : 0},
        ${a.escalation}, ${a.openedAt}, ${a.dueAt}, ${JSON.stringify(a)}, ${seq})`,
  );
  await sql`
    insert into food_safety_actions
      (store_id, action_id, excursion_id, control_point_id, open, escalation, opened_at, due_at, view, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, action_id) do update set
      excursion_id = excluded.excursion_id, control_point_id = excluded.control_point_id,
      open = excluded.open, escalation = excluded.escalation, opened_at = excluded.opened_at,
      due_at = excluded.due_at, view = excluded.view, last_seq = excluded.last_seq
    where food_safety_actions.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertDays(trx: Trx, rows: Versioned<FoodSafetyDayPayload>[]): Promise<void> {
  const values = rows.map(
    ({ storeId, seq, value: d }) =>
      sql`(${storeId}, ${d.controlPointId}, ${d.day}, ${d.from}, ${d.minutesInDay}, ${d.inLimitMin},
        ${d.excusedMin}, ${d.outOfLimitMin}, ${d.noDataMin}, ${d.pass ? 1 : 0}, ${d.excursions},
        ${d.missedChecks}, ${JSON.stringify(d)}, ${seq})`,
  );
  await sql`
    insert into food_safety_days
      (store_id, control_point_id, day, day_start, minutes_in_day, in_limit_min, excused_min,
       out_of_limit_min, no_data_min, pass, excursions, missed_checks, view, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, control_point_id, day) do update set
      day_start = excluded.day_start, minutes_in_day = excluded.minutes_in_day,
      in_limit_min = excluded.in_limit_min, excused_min = excluded.excused_min,
      out_of_limit_min = excluded.out_of_limit_min, no_data_min = excluded.no_data_min,
      pass = excluded.pass, excursions = excluded.excursions, missed_checks = excluded.missed_checks,
      view = excluded.view, last_seq = excluded.last_seq
    where food_safety_days.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertCooling(trx: Trx, rows: Versioned<CoolingBatchView>[]): Promise<void> {
  const values = rows.map(({ storeId, seq, value: b }) => {
    const failed = b.stages.some((s) => s.result === 'failed') ? 1 : 0;
    return sql`(${storeId}, ${b.id}, ${b.equipmentId}, ${b.product}, ${b.state}, ${failed}, ${b.startedAt},
        ${JSON.stringify(b)}, ${seq})`;
  });
  await sql`
    insert into food_safety_cooling
      (store_id, batch_id, equipment_id, product, state, failed, started_at, view, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, batch_id) do update set
      equipment_id = excluded.equipment_id, product = excluded.product, state = excluded.state,
      failed = excluded.failed, started_at = excluded.started_at, view = excluded.view,
      last_seq = excluded.last_seq
    where food_safety_cooling.last_seq < excluded.last_seq`.execute(trx);
}

async function upsertChecks(trx: Trx, rows: Versioned<CheckRecordView>[]): Promise<void> {
  const values = rows.map(({ storeId, seq, value: c }) => {
    const missed = c.status === 'missed' ? 1 : 0;
    const out = c.inLimit === false ? 1 : 0;
    return sql`(${storeId}, ${c.id}, ${c.checkId}, ${c.slotAt}, ${missed}, ${out}, ${JSON.stringify(c)}, ${seq})`;
  });
  await sql`
    insert into food_safety_checks
      (store_id, record_id, check_id, slot_at, missed, out_of_limit, view, last_seq)
    values ${sql.join(values)}
    on conflict (store_id, record_id) do update set
      check_id = excluded.check_id, slot_at = excluded.slot_at, missed = excluded.missed,
      out_of_limit = excluded.out_of_limit, view = excluded.view, last_seq = excluded.last_seq
    where food_safety_checks.last_seq < excluded.last_seq`.execute(trx);
}
