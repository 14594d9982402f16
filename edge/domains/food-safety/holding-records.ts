import type {
  ControlPointView,
  DailyCompliance,
  ExcursionView,
  MinuteLog,
} from '../../../shared/api/food-safety';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { LocalizedText } from '../../../shared/localized-text';
import type { EdgeEvents } from '../../runtime/event-bus';
import { complianceOfMinutes, dayEvent } from './compliance';
import { excusedWhile, type ResolvedControlPoint, resolveControlPoints } from './control-points';
import type { ExcursionTracker, Run } from './excursion-tracker';
import { FoodSafetyError } from './food-safety-errors';
import type { FoodSafetyOutbox } from './food-safety-outbox';
import type { FoodSafetyStore } from './food-safety-store';
import { intervalView, limitView, STATUS_CODE, toCc } from './food-safety-views';
import { HoldingExcuses } from './holding-excuses';
import { type ClosedInterval, HoldingLog } from './holding-log';
import { type LocalDay, localDayOf, storeDay } from './store-day';

interface Point {
  log: HoldingLog;
  run: Run;
}

export interface HoldingRecordsDeps {
  store: FoodSafetyStore;
  outbox: FoodSafetyOutbox;
  excursions: ExcursionTracker;
  config: () => StoreConfig;
  now: () => number;
  excursionView: (excursionId: number) => ExcursionView | undefined;
}

/**
 * The continuous holding log of every control point: readings go into the open interval
 * of each point on the unit, an interval is recorded when it closes, and a run out of
 * limit past the alert delay becomes an excursion. The limit in force is a record of its
 * own, written again only when the config changes it. Callers hold the transaction.
 */
export class HoldingRecords {
  readonly #d: HoldingRecordsDeps;
  #points = new Map<string, Point>();
  #excuses = new Map<string, HoldingExcuses>();
  #day: LocalDay | undefined;

  constructor(deps: HoldingRecordsDeps) {
    this.#d = deps;
  }

  get size(): number {
    return this.#points.size;
  }

  /** The control points of the config, each with its limit record and open run restored. */
  apply(config: StoreConfig, now: number): void {
    this.#day = undefined;
    const resolved = resolveControlPoints(config);
    const previous = this.#points;
    const points = new Map<string, Point>();
    const open = new Map(this.#d.store.openExcursions().map((e) => [e.control_point, e]));
    for (const cp of resolved) {
      const limitSeq = this.#ensureLimit(cp, now);
      const kept = previous.get(cp.id);
      if (kept) {
        kept.log.use(cp, limitSeq);
        points.set(cp.id, kept);
        continue;
      }
      const last = this.#d.store.lastInterval(cp.id);
      const size = cp.recordEveryMin * 60_000;
      const next = last ? last.start_ts + last.span_min * 60_000 : Math.floor(now / size) * size;
      points.set(cp.id, {
        log: new HoldingLog(cp, limitSeq, next),
        run: this.#d.excursions.restore(cp, open.get(cp.id) ?? null),
      });
    }
    this.#points = points;
    const excuses = new Map<string, HoldingExcuses>();
    for (const cp of resolved)
      excuses.set(
        cp.equipmentId,
        this.#excuses.get(cp.equipmentId) ?? new HoldingExcuses(config.store.timezone),
      );
    this.#excuses = excuses;
  }

  observe(batch: EdgeEvents['readingsCommitted'], now: number): void {
    for (const { equipmentId, ts, readings } of batch) {
      const excuses = this.#excuses.get(equipmentId);
      if (!excuses) continue;
      excuses.observe(ts, readings);
      for (const point of this.#points.values()) {
        const cp = point.log.controlPoint;
        if (cp.equipmentId !== equipmentId) continue;
        const value = readings[cp.metric];
        if (typeof value !== 'number') continue;
        point.log.add(ts, value, excuses.reason(cp.suppression, ts), now);
      }
    }
  }

  /** Records every interval that ended by `until`; answers how many readings came too late for theirs. */
  close(until: number, now: number): number {
    const dayEndAfter = (ts: number) => this.#dayOf(ts).end;
    let late = 0;
    for (const point of this.#points.values()) {
      for (const interval of point.log.close(until, dayEndAfter)) this.#record(point, interval, now);
      late += point.log.takeLate();
    }
    return late;
  }

  name(controlPointId: string): LocalizedText | undefined {
    return this.#points.get(controlPointId)?.log.controlPoint.name;
  }

  controlPoints(): ControlPointView[] {
    return [...this.#points.values()].map(({ log, run }) => {
      const cp = log.controlPoint;
      const last = this.#d.store.lastInterval(cp.id);
      return {
        id: cp.id,
        name: cp.name,
        equipmentId: cp.equipmentId,
        metric: cp.metric,
        pack: {
          id: cp.pack.id,
          title: cp.pack.title,
          authority: cp.pack.authority,
          edition: cp.pack.source.edition,
        },
        limit: {
          id: cp.limit.id,
          title: cp.limit.title,
          bound: cp.limit.bound,
          limitC: cp.limit.tempC,
          clause: { ref: cp.clause.ref, title: cp.clause.title, quote: cp.clause.quote },
        },
        alertDelayMin: cp.alertDelayMin,
        recordEveryMin: cp.recordEveryMin,
        excusedWhile: excusedWhile(cp.suppression),
        lastRecord: last ? intervalView(last) : null,
        openExcursion: run.excursion ? (this.#d.excursionView(run.excursion.excursion_id) ?? null) : null,
      };
    });
  }

  minuteLog(controlPointId: string, day: string): MinuteLog {
    this.#point(controlPointId);
    const bounds = storeDay(day, this.#timeZone());
    const rows = this.#d.store.intervals(controlPointId, bounds.start, bounds.end);
    const limitSeqs = [...new Set(rows.map((r) => r.limit_seq))];
    return {
      controlPointId,
      day: bounds.day,
      from: bounds.start,
      to: bounds.end,
      limits: limitSeqs.flatMap((seq) => {
        const limit = this.#d.store.limit(seq);
        return limit ? [limitView(limit)] : [];
      }),
      records: rows.map(intervalView),
    };
  }

  compliance(controlPointId: string, day: string): DailyCompliance {
    this.#point(controlPointId);
    const bounds = storeDay(day, this.#timeZone());
    const minutes = this.#d.store.minutesByStatus(controlPointId, bounds.start, bounds.end);
    const excursions = this.#d.store
      .excursionsOverlapping(controlPointId, bounds.start, bounds.end)
      .flatMap((row) => this.#d.excursionView(row.excursion_id) ?? []);
    return complianceOfMinutes(controlPointId, bounds, minutes, excursions, this.#d.now());
  }

  #timeZone(): string {
    return this.#d.config().store.timezone;
  }

  /** The store day of an instant; asked for every empty interval, and almost always the same day. */
  #dayOf(ts: number): LocalDay {
    const cached = this.#day;
    if (cached && ts >= cached.start && ts < cached.end) return cached;
    this.#day = localDayOf(ts, this.#timeZone());
    return this.#day;
  }

  #point(controlPointId: string): Point {
    const point = this.#points.get(controlPointId);
    if (!point)
      throw new FoodSafetyError(
        'CONTROL_POINT_NOT_FOUND',
        `no control point "${controlPointId}"; known: ${[...this.#points.keys()].join(', ') || 'none'}`,
        `没有控制点 "${controlPointId}"`,
      );
    return point;
  }

  /** The limit record in force for the control point, added when the config says otherwise. */
  #ensureLimit(cp: ResolvedControlPoint, at: number): number {
    const wanted = {
      control_point: cp.id,
      equipment_id: cp.equipmentId,
      metric: cp.metric,
      pack: cp.pack.id,
      pack_edition: cp.pack.source.edition,
      authority: cp.pack.authority,
      limit_id: cp.limit.id,
      clause: cp.clause.ref,
      bound: cp.limit.bound,
      limit_cc: toCc(cp.limit.tempC),
      alert_delay_min: cp.alertDelayMin,
      interval_min: cp.recordEveryMin,
      excused_while: JSON.stringify(cp.suppression ?? null),
    };
    const latest = this.#d.store.latestLimit(cp.id);
    if (latest && (Object.keys(wanted) as (keyof typeof wanted)[]).every((k) => latest[k] === wanted[k]))
      return latest.seq;
    return this.#d.store.appendLimit({ ...wanted, at }).seq;
  }

  #record(point: Point, interval: ClosedInterval, now: number): void {
    const cp = point.log.controlPoint;
    const row = this.#d.store.appendInterval(
      {
        control_point: cp.id,
        start_ts: interval.start,
        span_min: interval.spanMin,
        status: STATUS_CODE[interval.status],
        worst_cc: interval.worst === null ? null : toCc(interval.worst),
        min_cc: interval.min === null ? null : toCc(interval.min),
        max_cc: interval.max === null ? null : toCc(interval.max),
        readings: interval.readings,
        excused_by: interval.excusedBy,
        limit_seq: interval.limitSeq,
      },
      now,
    );
    point.run = this.#d.excursions.next(cp, point.run, interval.status, row, now);
    // The record that ends a store day closes it: central gets the day as the store counts it.
    const day = this.#dayOf(interval.start);
    if (interval.start + interval.spanMin * 60_000 === day.end)
      this.#d.outbox.day(now, dayEvent(cp, this.compliance(cp.id, day.day)));
  }
}
