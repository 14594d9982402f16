import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ControlPointView,
  CorrectiveActionView,
  DailyCompliance,
  ExcursionView,
} from '../../../shared/api/food-safety';
import { requestEdge } from '../api/edge-client';
import { storeDate } from '../stock/stock-dates';
import {
  ActionList,
  DailyCompliance as ComplianceSchema,
  ControlPointList,
  foodSafetyPaths,
  MinuteLog,
} from './food-safety-api';

/** Signed-off actions shown under the open ones: the recent past, not the whole file. */
const SIGNED_OFF_SHOWN = 8;

export interface FoodSafetyData {
  controlPoints: ControlPointView[];
  /** open ones and the latest signed off */
  actions: CorrectiveActionView[];
  /** today's compliance so far, by control point */
  today: Map<string, DailyCompliance>;
  /** every excursion the screen knows, by id: the ones the listed actions point at */
  excursions: Map<number, ExcursionView>;
  /** where a unit still inside its alert delay went out of limit, by control point */
  runStarts: Map<string, number>;
  day: string;
}

export type FoodSafetyState =
  | { status: 'loading' }
  | { status: 'ok'; data: FoodSafetyData }
  | { status: 'error'; message: string };

const key = (cp: string, day: string) => `${cp}@${day}`;

/** The start of the out-of-limit run the newest records end in (no-data minutes do not break it). */
function runStart(records: { startTs: number; status: string }[]): number | undefined {
  let start: number | undefined;
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i];
    if (!r || r.status === 'in_limit' || r.status === 'excused') break;
    if (r.status === 'out_of_limit') start = r.startTs;
  }
  return start;
}

async function load(timezone: string, now: number): Promise<FoodSafetyData> {
  const day = storeDate(now, timezone);
  const [controlPoints, all] = await Promise.all([
    requestEdge(foodSafetyPaths.controlPoints, ControlPointList),
    requestEdge(foodSafetyPaths.actions, ActionList),
  ]);
  const open = all.filter((a) => a.state === 'open');
  const done = all.filter((a) => a.state !== 'open').slice(0, SIGNED_OFF_SHOWN);
  const actions = [...open, ...done];
  // An action's excursion is among the excursions of the day it opened (a day lists every one touching it).
  const wanted = new Map<string, { cp: string; day: string }>();
  for (const cp of controlPoints) wanted.set(key(cp.id, day), { cp: cp.id, day });
  for (const a of actions) {
    const d = storeDate(a.openedAt, timezone);
    wanted.set(key(a.controlPointId, d), { cp: a.controlPointId, day: d });
  }
  const warming = controlPoints.filter((cp) => cp.lastRecord?.status === 'out_of_limit' && !cp.openExcursion);
  const [days, logs] = await Promise.all([
    Promise.allSettled(
      [...wanted.values()].map((w) => requestEdge(foodSafetyPaths.compliance(w.cp, w.day), ComplianceSchema)),
    ),
    Promise.allSettled(warming.map((cp) => requestEdge(foodSafetyPaths.records(cp.id, day), MinuteLog))),
  ]);
  const today = new Map<string, DailyCompliance>();
  const excursions = new Map<number, ExcursionView>();
  for (const cp of controlPoints) if (cp.openExcursion) excursions.set(cp.openExcursion.id, cp.openExcursion);
  for (const result of days) {
    if (result.status !== 'fulfilled') continue;
    const c = result.value;
    if (c.day === day) today.set(c.controlPointId, c);
    for (const e of c.excursions) if (!excursions.has(e.id) || e.endedAt !== null) excursions.set(e.id, e);
  }
  const runStarts = new Map<string, number>();
  for (const result of logs) {
    if (result.status !== 'fulfilled') continue;
    const start = runStart(result.value.records);
    if (start !== undefined) runStarts.set(result.value.controlPointId, start);
  }
  return { controlPoints, actions, today, excursions, runStarts, day };
}

/**
 * The screen's records, asked for again every `everyMs` while it is open: the edge
 * announces no food-safety changes on MQTT, and a minute record closes each minute. A
 * failed poll keeps what was shown.
 */
export function useFoodSafety(timezone: string, now: () => number, everyMs: number) {
  const [state, setState] = useState<FoodSafetyState>({ status: 'loading' });
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((n) => n + 1), []);
  const shown = useRef(false);
  const clock = useRef(now);
  clock.current = now;

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick only asks again
  useEffect(() => {
    let live = true;
    load(timezone, clock.current()).then(
      (data) => {
        if (!live) return;
        shown.current = true;
        setState({ status: 'ok', data });
      },
      (err: unknown) => {
        if (!live || shown.current) return;
        setState({ status: 'error', message: err instanceof Error ? err.message : String(err) });
      },
    );
    const timer = setTimeout(() => live && setTick((n) => n + 1), everyMs);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [timezone, everyMs, tick]);

  return { state, refresh };
}
