import type { z } from 'zod';
import type { DueReason } from '../../../shared/api/maintenance';
import type { CycleShareCondition, PmPlan } from '../../../shared/config/maintenance';
import type { ReadingValue } from '../../../shared/device-messages';
import type { PmStateStore } from './pm-state-store';

const DAY_MS = 86_400_000;

type Op = '<' | '<=' | '>' | '>=';
const compare = (a: number, op: Op, b: number): boolean =>
  op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
const asNumber = (v: ReadingValue): number => (typeof v === 'boolean' ? (v ? 1 : 0) : v);

interface CycleState {
  running: boolean;
  bad: boolean;
}

/**
 * Condition plans, fed with committed readings. A threshold plan is met by a reading
 * past its limit taken after the plan's last order was finished; a cycle-share plan
 * records each finished cycle (bad when its metric crossed the limit during it) and is
 * met when the share of bad cycles since max(window start, last finished) is over the
 * limit. The cycle in progress is kept in memory: a restart mid-cycle loses that cycle.
 */
export class ConditionTracker {
  readonly #cycles = new Map<string, CycleState>();

  constructor(readonly state: PmStateStore) {}

  /** The reason to open an order now, or undefined; records finished cycles as it goes. */
  observe(
    plan: PmPlan,
    equipmentId: string,
    readings: readonly { ts: number; readings: Record<string, ReadingValue> }[],
    finishedAt: number,
  ): DueReason | undefined {
    const trigger = plan.trigger;
    if (trigger.kind !== 'condition') return undefined;
    if (trigger.when === 'threshold') {
      for (const r of readings) {
        const v = r.readings[trigger.metric];
        if (v !== undefined && r.ts > finishedAt && compare(asNumber(v), trigger.op, trigger.value))
          return { trigger: 'condition', value: asNumber(v) };
      }
      return undefined;
    }
    return this.#cycleShare(plan.id, equipmentId, trigger, readings, finishedAt);
  }

  #cycleShare(
    planId: string,
    equipmentId: string,
    trigger: z.infer<typeof CycleShareCondition>,
    readings: readonly { ts: number; readings: Record<string, ReadingValue> }[],
    finishedAt: number,
  ): DueReason | undefined {
    const key = `${planId}\u0000${equipmentId}`;
    const cycle = this.#cycles.get(key) ?? { running: false, bad: false };
    this.#cycles.set(key, cycle);
    let lastTs: number | undefined;
    for (const r of readings) {
      const running = r.readings[trigger.cycleMetric];
      const value = r.readings[trigger.metric];
      if (running !== undefined && asNumber(running) !== 0 && !cycle.running) {
        cycle.running = true;
        cycle.bad = false;
      }
      if (cycle.running && value !== undefined && compare(asNumber(value), trigger.op, trigger.value))
        cycle.bad = true;
      if (running !== undefined && asNumber(running) === 0 && cycle.running) {
        cycle.running = false;
        this.state.addCycleSample(planId, equipmentId, r.ts, cycle.bad);
        lastTs = r.ts;
      }
    }
    if (lastTs === undefined) return undefined;
    const from = Math.max(lastTs - trigger.windowDays * DAY_MS, finishedAt + 1);
    const { cycles, bad } = this.state.cycleShare(planId, equipmentId, from);
    if (cycles < trigger.minCycles) return undefined;
    const pct = (bad / cycles) * 100;
    return pct > trigger.overPct ? { trigger: 'condition', value: Math.round(pct * 10) / 10 } : undefined;
  }
}
