import type { Database } from '../../store/database';
import type { StatusMinutes } from './compliance';
import { statusOf } from './food-safety-views';
import { type Cell, RecordChain, type RecordRow } from './record-chain';

export interface LimitRow {
  seq: number;
  control_point: string;
  equipment_id: string;
  metric: string;
  pack: string;
  pack_edition: string;
  authority: string;
  limit_id: string;
  clause: string;
  bound: string;
  limit_cc: number;
  alert_delay_min: number;
  interval_min: number;
  excused_while: string;
  at: number;
}

/** A holding-log record as the domain reads it; stored by limit record and whole minute (see migration 020). */
export interface IntervalRow {
  seq: number;
  control_point: string;
  start_ts: number;
  span_min: number;
  status: number;
  worst_cc: number | null;
  min_cc: number | null;
  max_cc: number | null;
  readings: number;
  excused_by: string | null;
  limit_seq: number;
}

export interface ExcursionRow {
  seq: number;
  excursion_id: number;
  amends: number | null;
  control_point: string;
  equipment_id: string;
  started_at: number;
  ended_at: number | null;
  minutes: number;
  worst_cc: number | null;
  limit_seq: number;
  at: number;
}

export interface ActionRow {
  seq: number;
  action_id: number;
  amends: number | null;
  change: string;
  control_point: string;
  equipment_id: string;
  excursion_id: number;
  alarm_id: number | null;
  ticket_id: number | null;
  state: string;
  opened_at: number;
  due_at: number;
  escalation: string;
  what_done: string | null;
  disposition: string | null;
  qty_milli: number | null;
  qty_unit: string | null;
  moved_to: string | null;
  note: string | null;
  by: string | null;
  at: number;
}

type Unsequenced<T> = Omit<T, 'seq'>;

interface StoredInterval {
  seq: number;
  limit_seq: number;
  start_min: number;
  span_min: number;
  status: number;
  worst_cc: number | null;
  min_cc: number | null;
  max_cc: number | null;
  readings: number;
  excused_by: string | null;
}

const MINUTE = 60_000;

// Field by field, not by spreading: a month's report maps hundreds of thousands of these.
function fromStored(controlPoint: string, row: StoredInterval): IntervalRow {
  return {
    seq: row.seq,
    limit_seq: row.limit_seq,
    control_point: controlPoint,
    start_ts: row.start_min * MINUTE,
    span_min: row.span_min,
    status: row.status,
    worst_cc: row.worst_cc,
    min_cc: row.min_cc,
    max_cc: row.max_cc,
    readings: row.readings,
    excused_by: row.excused_by,
  };
}

const INTERVAL_COLUMNS =
  'seq, limit_seq, start_min, span_min, status, worst_cc, min_cc, max_cc, readings, excused_by';

const LATEST_EXCURSION = `SELECT * FROM food_safety_excursions e
  WHERE seq = (SELECT max(seq) FROM food_safety_excursions WHERE excursion_id = e.excursion_id)`;
const LATEST_ACTION = `SELECT * FROM food_safety_actions a
  WHERE seq = (SELECT max(seq) FROM food_safety_actions WHERE action_id = a.action_id)`;

const asRow = <T extends object>(value: T): RecordRow => value as unknown as Record<string, Cell>;

/**
 * The food-safety records over prepared statements. Every write goes through the
 * chain; callers hold the transaction.
 */
export class FoodSafetyStore {
  readonly chain: RecordChain;
  readonly #s;

  constructor(db: Database, storeId: string) {
    this.chain = new RecordChain(db, storeId);
    this.#s = {
      latestLimit: db.prepare<[string], LimitRow>(
        'SELECT * FROM food_safety_limits WHERE control_point = ? ORDER BY seq DESC LIMIT 1',
      ),
      limit: db.prepare<[number], LimitRow>('SELECT * FROM food_safety_limits WHERE seq = ?'),
      limitsOf: db.prepare<[string], { seq: number }>(
        'SELECT seq FROM food_safety_limits WHERE control_point = ? ORDER BY seq DESC',
      ),
      newest: db.prepare<[number, number], StoredInterval>(
        'SELECT * FROM food_safety_intervals WHERE limit_seq = ? ORDER BY start_min DESC LIMIT ?',
      ),
      range: db.prepare<[number, number, number], StoredInterval>(
        `SELECT ${INTERVAL_COLUMNS} FROM food_safety_intervals
         WHERE limit_seq = ? AND start_min >= ? AND start_min < ? ORDER BY start_min`,
      ),
      minutesByStatus: db.prepare<[number, number, number, number], { status: number; minutes: number }>(
        `SELECT status, sum(min(span_min, ? - start_min)) AS minutes FROM food_safety_intervals
         WHERE limit_seq = ? AND start_min >= ? AND start_min < ? GROUP BY status`,
      ),
      openExcursions: db.prepare<[], ExcursionRow>(`${LATEST_EXCURSION} AND ended_at IS NULL ORDER BY seq`),
      excursionsOverlapping: db.prepare<[string, number, number], ExcursionRow>(
        `${LATEST_EXCURSION} AND control_point = ? AND started_at < ? AND (ended_at IS NULL OR ended_at > ?)
         ORDER BY started_at`,
      ),
      excursionsIn: db.prepare<[number, number], ExcursionRow>(
        `${LATEST_EXCURSION} AND started_at < ? AND (ended_at IS NULL OR ended_at > ?) ORDER BY started_at`,
      ),
      excursion: db.prepare<[number], ExcursionRow>(
        'SELECT * FROM food_safety_excursions WHERE excursion_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      action: db.prepare<[number], ActionRow>(
        'SELECT * FROM food_safety_actions WHERE action_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      actionForExcursion: db.prepare<[number], ActionRow>(
        'SELECT * FROM food_safety_actions WHERE excursion_id = ? ORDER BY seq DESC LIMIT 1',
      ),
      openActions: db.prepare<[], ActionRow>(`${LATEST_ACTION} AND state = 'open' ORDER BY action_id`),
      actions: db.prepare<[{ state: string | null; cp: string | null; limit: number }], ActionRow>(
        `${LATEST_ACTION} AND (@state IS NULL OR state = @state) AND (@cp IS NULL OR control_point = @cp)
         ORDER BY action_id DESC LIMIT @limit`,
      ),
    };
  }

  latestLimit(controlPoint: string): LimitRow | undefined {
    return this.#s.latestLimit.get(controlPoint);
  }

  limit(seq: number): LimitRow | undefined {
    return this.#s.limit.get(seq);
  }

  lastInterval(controlPoint: string): IntervalRow | undefined {
    return this.recentIntervals(controlPoint, 1)[0];
  }

  /**
   * Newest first. A newer limit record governs later intervals, so walking the control
   * point's limits newest first meets its records newest first.
   */
  recentIntervals(controlPoint: string, count: number): IntervalRow[] {
    const found: IntervalRow[] = [];
    for (const { seq } of this.#s.limitsOf.all(controlPoint)) {
      if (found.length >= count) break;
      for (const row of this.#s.newest.all(seq, count - found.length))
        found.push(fromStored(controlPoint, row));
    }
    return found.sort((a, b) => b.start_ts - a.start_ts).slice(0, count);
  }

  /** Records starting in [from, to), oldest first. */
  intervals(controlPoint: string, from: number, to: number): IntervalRow[] {
    const fromMin = Math.ceil(from / MINUTE);
    const toMin = Math.ceil(to / MINUTE);
    return this.#s.limitsOf
      .all(controlPoint)
      .flatMap(({ seq }) =>
        this.#s.range.all(seq, fromMin, toMin).map((row) => fromStored(controlPoint, row)),
      )
      .sort((a, b) => a.start_ts - b.start_ts);
  }

  /** What `minutesByStatus` of compliance.ts makes of `intervals(…)`, summed in SQLite instead. */
  minutesByStatus(controlPoint: string, from: number, to: number): StatusMinutes {
    const fromMin = Math.ceil(from / MINUTE);
    const toMin = Math.ceil(to / MINUTE);
    const sums = { in_limit: 0, out_of_limit: 0, excused: 0, no_data: 0, covered: 0 };
    for (const { seq } of this.#s.limitsOf.all(controlPoint))
      for (const { status, minutes } of this.#s.minutesByStatus.all(toMin, seq, fromMin, toMin)) {
        sums[statusOf(status)] += minutes;
        sums.covered += minutes;
      }
    return sums;
  }

  openExcursions(): ExcursionRow[] {
    return this.#s.openExcursions.all();
  }

  excursionsOverlapping(controlPoint: string, from: number, to: number): ExcursionRow[] {
    return this.#s.excursionsOverlapping.all(controlPoint, to, from);
  }

  /** Every excursion overlapping [from, to), in its latest version. */
  excursionsIn(from: number, to: number): ExcursionRow[] {
    return this.#s.excursionsIn.all(to, from);
  }

  excursion(excursionId: number): ExcursionRow | undefined {
    return this.#s.excursion.get(excursionId);
  }

  action(actionId: number): ActionRow | undefined {
    return this.#s.action.get(actionId);
  }

  actionForExcursion(excursionId: number): ActionRow | undefined {
    return this.#s.actionForExcursion.get(excursionId);
  }

  openActions(): ActionRow[] {
    return this.#s.openActions.all();
  }

  actions(state: string | null, controlPoint: string | null, limit: number): ActionRow[] {
    return this.#s.actions.all({ state, cp: controlPoint, limit });
  }

  appendLimit(row: Unsequenced<LimitRow>): LimitRow {
    return this.chain.append('food_safety_limits', row.at, () => asRow(row)).row as unknown as LimitRow;
  }

  appendInterval(row: Unsequenced<IntervalRow>, at: number): IntervalRow {
    const { control_point: _point, start_ts, ...rest } = row;
    const stored = { ...rest, start_min: Math.round(start_ts / MINUTE) };
    const { seq } = this.chain.append('food_safety_intervals', at, () => asRow(stored));
    return { ...row, seq };
  }

  /** `build` gets the record's own seq, which names a new excursion. */
  appendExcursion(at: number, build: (seq: number) => Unsequenced<ExcursionRow>): ExcursionRow {
    return this.chain.append('food_safety_excursions', at, (seq) => asRow(build(seq)))
      .row as unknown as ExcursionRow;
  }

  appendAction(at: number, build: (seq: number) => Unsequenced<ActionRow>): ActionRow {
    return this.chain.append('food_safety_actions', at, (seq) => asRow(build(seq)))
      .row as unknown as ActionRow;
  }
}
