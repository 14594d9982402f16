import type { ExcursionView, IntervalStatus } from '../../../shared/api/food-safety';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { ResolvedControlPoint } from './control-points';
import type { CorrectiveActions, Incident } from './corrective-actions';
import type { FoodSafetyOutbox } from './food-safety-outbox';
import type { ExcursionRow, FoodSafetyStore, IntervalRow } from './food-safety-store';
import { STATUS_CODE } from './food-safety-views';

/** How far back a restart looks for the run of out-of-limit records it was in. */
const RESTORE_RECORDS = 3 * 1440;

/** An out-of-limit stretch in progress, and its excursion once it outlasted the alert delay. */
export interface Run {
  start: number | null;
  minutes: number;
  worstCc: number | null;
  excursion: ExcursionRow | null;
}

export const noRun = (): Run => ({ start: null, minutes: 0, worstCc: null, excursion: null });

export interface ExcursionTrackerDeps {
  store: FoodSafetyStore;
  outbox: FoodSafetyOutbox;
  actions: CorrectiveActions;
  view: (excursionId: number) => ExcursionView | undefined;
  incidentOf: ((equipmentId: string, at: number) => Incident) | undefined;
  log: Logger;
}

/**
 * Turns each written holding record into the control point's excursion state: a run of
 * out-of-limit records longer than the alert delay opens an excursion and its corrective
 * action; an in-limit (or excused) record closes it with a record amending the opening
 * one. A stretch without data neither ends an excursion nor lengthens it.
 */
export class ExcursionTracker {
  readonly #d: ExcursionTrackerDeps;

  constructor(deps: ExcursionTrackerDeps) {
    this.#d = deps;
  }

  /** After a restart: the out-of-limit run the newest records were in, and its open excursion. */
  restore(cp: ResolvedControlPoint, excursion: ExcursionRow | null): Run {
    const run: Run = { ...noRun(), excursion };
    for (const row of this.#d.store.recentIntervals(cp.id, RESTORE_RECORDS)) {
      if (row.status === STATUS_CODE.in_limit || row.status === STATUS_CODE.excused) break;
      if (row.status !== STATUS_CODE.out_of_limit) continue;
      run.start = row.start_ts;
      run.minutes += row.span_min;
      run.worstCc = worse(cp, run.worstCc, row.worst_cc);
    }
    return run;
  }

  /** The run after `row` (just written, with this status); opens or closes the excursion on the way. */
  next(cp: ResolvedControlPoint, run: Run, status: IntervalStatus, row: IntervalRow, now: number): Run {
    if (status === 'out_of_limit') {
      const longer: Run = {
        ...run,
        start: run.start ?? row.start_ts,
        minutes: run.minutes + row.span_min,
        worstCc: worse(cp, run.worstCc, row.worst_cc),
      };
      if (!longer.excursion && longer.minutes > cp.alertDelayMin)
        longer.excursion = this.#open(cp, longer, row.limit_seq, now);
      return longer;
    }
    if (status === 'no_data') return run;
    if (run.excursion) this.#close(run, run.excursion, row.start_ts, now);
    return noRun();
  }

  #open(cp: ResolvedControlPoint, run: Run, limitSeq: number, now: number): ExcursionRow {
    const excursion = this.#d.store.appendExcursion(now, (seq) => ({
      excursion_id: seq,
      amends: null,
      control_point: cp.id,
      equipment_id: cp.equipmentId,
      started_at: run.start ?? now,
      ended_at: null,
      minutes: run.minutes,
      worst_cc: run.worstCc,
      limit_seq: limitSeq,
      at: now,
    }));
    const view = this.#d.view(excursion.excursion_id);
    if (view) this.#d.outbox.excursion(now, view);
    this.#d.actions.open(excursion, this.#incident(cp.equipmentId, now), now);
    this.#d.log.warn(
      { controlPoint: cp.id, excursion: excursion.excursion_id, minutes: run.minutes },
      'food-safety excursion: corrective action opened',
    );
    return excursion;
  }

  #close(run: Run, opened: ExcursionRow, endedAt: number, now: number): void {
    const closed = this.#d.store.appendExcursion(now, () => {
      const { seq: _seq, ...rest } = opened;
      return {
        ...rest,
        amends: opened.seq,
        ended_at: endedAt,
        minutes: run.minutes,
        worst_cc: run.worstCc,
        at: now,
      };
    });
    const view = this.#d.view(closed.excursion_id);
    if (view) this.#d.outbox.excursion(now, view);
  }

  #incident(equipmentId: string, at: number): Incident {
    try {
      return this.#d.incidentOf?.(equipmentId, at) ?? { alarmId: null, ticketId: null };
    } catch (err) {
      // The record matters more than the link: open the action without it.
      this.#d.log.warn({ err, equipmentId }, 'alarm and ticket of an excursion not found');
      return { alarmId: null, ticketId: null };
    }
  }
}

function worse(cp: ResolvedControlPoint, a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return cp.limit.bound === 'at_most' ? Math.max(a, b) : Math.min(a, b);
}
