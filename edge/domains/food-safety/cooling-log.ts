import type {
  CoolingBatchView,
  CoolingProbeView,
  CoolingQuery,
  CoolingStart,
} from '../../../shared/api/food-safety';
import type { LocalizedText } from '../../../shared/localized-text';
import type { Clock, TimerHandle } from '../../../shared/server/runtime/clock';
import type { Logger } from '../../../shared/server/runtime/logger';
import type { EdgeEvents } from '../../runtime/event-bus';
import { projectCooling, type Sample } from './cooling-projection';
import { failDueStage, MINUTE, passStages, pendingDeadline, pendingStages } from './cooling-stages';
import { type CoolingRow, type CoolingStore, parseStages, stagesJson } from './cooling-store';
import { coolingView } from './cooling-views';
import type { CorrectiveActions } from './corrective-actions';
import { FoodSafetyError } from './food-safety-errors';
import type { FoodSafetyOutbox } from './food-safety-outbox';
import { COOLING_POINT, toCc } from './food-safety-views';
import type { ResolvedCooling } from './resolved-cooling';

export { type ResolvedCooling, resolveCooling } from './resolved-cooling';

export interface CoolingLogDeps {
  store: CoolingStore;
  actions: CorrectiveActions;
  outbox: FoodSafetyOutbox;
  clock: Clock;
  log: Logger;
  /** runs the work in one transaction that also reports the chain head */
  write: <T>(work: () => T) => T;
  cooling: () => ResolvedCooling | null;
  probeName: (equipmentId: string) => LocalizedText;
}

interface Active {
  row: CoolingRow;
  /** the newest readings, as far back as the projection window */
  samples: Sample[];
  timer: TimerHandle | null;
}

/** A reading older than this does not say what the food is at when the batch starts. */
const FRESH_MS = 5 * 60_000;

/**
 * Cooling logs (HACCP cooling of cooked food): a batch waits until its probe reads the
 * limit's start temperature (t0), then each stage must reach its temperature within its
 * minutes of t0. Readings pass a stage; the clock fails it at exactly its deadline;
 * a line through the newest readings warns once per stage when it projects a miss. A
 * failed stage opens a corrective action (reheat and re-cool, or discard). Every change
 * is a new record in the store's hash chain.
 */
export class CoolingLog {
  readonly #d: CoolingLogDeps;
  #active = new Map<number, Active>();
  #latest = new Map<string, Sample>();

  constructor(deps: CoolingLogDeps) {
    this.#d = deps;
  }

  /** Picks the batches still cooling back up after a restart; a deadline passed meanwhile fails at once. */
  start(): void {
    for (const row of this.#d.store.active()) {
      const active: Active = { row, samples: [], timer: null };
      this.#active.set(row.batch_id, active);
      this.#schedule(active);
    }
  }

  stop(): void {
    for (const active of this.#active.values()) if (active.timer) this.#d.clock.clearTimeout(active.timer);
    this.#active.clear();
  }

  begin(request: CoolingStart, by: string): CoolingBatchView {
    const cooling = this.#d.cooling();
    if (!cooling)
      throw new FoodSafetyError(
        'COOLING_NOT_CONFIGURED',
        'this store keeps no cooling logs (`foodSafety.cooling` is not configured)',
        '本店未配置冷却记录（`foodSafety.cooling`）',
      );
    const probe = cooling.probes.find((p) => p.equipment === request.equipmentId);
    if (!probe)
      throw new FoodSafetyError(
        'NOT_A_PROBE',
        `"${request.equipmentId}" is not a cooling probe; probes: ${cooling.probes.map((p) => p.equipment).join(', ')}`,
        `"${request.equipmentId}" 不是冷却探头`,
      );
    const busy = [...this.#active.values()].find((a) => a.row.equipment_id === probe.equipment);
    if (busy)
      throw new FoodSafetyError(
        'PROBE_BUSY',
        `probe ${probe.equipment} is already in batch ${busy.row.batch_id} (${busy.row.product})`,
        `探头 ${probe.equipment} 正用于批次 ${busy.row.batch_id}（${busy.row.product}）`,
      );
    const now = this.#d.clock.now();
    const fromCcValue = toCc(cooling.limit.fromC);
    const latest = this.#latest.get(key(probe.equipment, probe.metric));
    const hot = latest !== undefined && now - latest.ts <= FRESH_MS && toCc(latest.value) >= fromCcValue;
    const stages = pendingStages(cooling.limit);
    const row = this.#d.write(() => {
      const started = this.#d.store.append(now, (seq) => ({
        batch_id: seq,
        amends: null,
        change: 'started',
        product: request.product,
        qty_milli: request.quantity ? Math.round(request.quantity.amount * 1000) : null,
        qty_unit: request.quantity?.unit ?? null,
        equipment_id: probe.equipment,
        metric: probe.metric,
        pack: cooling.pack.id,
        pack_edition: cooling.pack.source.edition,
        limit_id: cooling.limit.id,
        clause: cooling.limit.clause,
        from_cc: fromCcValue,
        started_at: now,
        t0: hot ? now : null,
        state: hot ? 'cooling' : 'waiting',
        stages: stagesJson(stages),
        action_id: null,
        by,
        note: request.note ?? null,
        at: now,
      }));
      this.#d.outbox.cooling(now, this.view(started));
      return started;
    });
    const active: Active = { row, samples: hot && latest ? [latest] : [], timer: null };
    this.#active.set(row.batch_id, active);
    this.#schedule(active);
    this.#d.log.info({ batch: row.batch_id, probe: probe.equipment, t0: row.t0 }, 'cooling batch started');
    return this.view(row);
  }

  /** The batch goes in the bin: recorded with who, whatever state it was in but finished. */
  discard(batchId: number, note: string | undefined, by: string): CoolingBatchView {
    const row = this.#batch(batchId);
    if (row.state === 'passed' || row.state === 'discarded')
      throw new FoodSafetyError(
        'BATCH_CLOSED',
        `cooling batch ${batchId} is already ${row.state}`,
        `冷却批次 ${batchId} 已${row.state === 'passed' ? '合格' : '丢弃'}`,
      );
    const now = this.#d.clock.now();
    const stages = parseStages(row.stages).map((s) =>
      s.result === 'pending' ? { ...s, result: 'skipped' as const } : s,
    );
    const discarded = this.#d.write(() =>
      this.#amend(
        row,
        'discarded',
        { state: 'discarded', stages: stagesJson(stages), by, note: note ?? null },
        now,
      ),
    );
    this.#forget(batchId);
    return this.view(discarded);
  }

  probes(): CoolingProbeView[] {
    return (this.#d.cooling()?.probes ?? []).map((p) => ({
      equipmentId: p.equipment,
      name: this.#d.probeName(p.equipment),
      metric: p.metric,
      busyWith:
        [...this.#active.values()].find((a) => a.row.equipment_id === p.equipment)?.row.batch_id ?? null,
    }));
  }

  list(query: CoolingQuery): CoolingBatchView[] {
    return this.#d.store.list(query.state === 'active', query.limit).map((row) => this.view(row));
  }

  batch(batchId: number): CoolingBatchView {
    return this.view(this.#batch(batchId));
  }

  title(batchId: number): LocalizedText | undefined {
    const row = this.#d.store.batch(batchId);
    return row ? this.#title(row) : undefined;
  }

  view(row: CoolingRow): CoolingBatchView {
    const active = this.#active.get(row.batch_id);
    const latest = active ? this.#latest.get(key(row.equipment_id, row.metric)) : undefined;
    return coolingView(row, {
      latest: latest ? { ts: latest.ts, valueC: latest.value } : null,
      projection:
        active && row.state === 'cooling'
          ? projectCooling(row.t0, parseStages(row.stages), active.samples)
          : null,
      title: this.#title(row),
    });
  }

  /** Every probe reading, as the ingest commits it. */
  observe(batch: EdgeEvents['readingsCommitted']): void {
    const probes = this.#d.cooling()?.probes ?? [];
    for (const { equipmentId, ts, readings } of batch) {
      for (const probe of probes) {
        if (probe.equipment !== equipmentId) continue;
        const value = readings[probe.metric];
        const k = key(equipmentId, probe.metric);
        if (typeof value === 'number' && ts >= (this.#latest.get(k)?.ts ?? 0))
          this.#latest.set(k, { ts, value });
      }
      for (const active of [...this.#active.values()]) {
        if (active.row.equipment_id !== equipmentId) continue;
        const value = readings[active.row.metric];
        if (typeof value !== 'number' || ts < active.row.started_at) continue;
        this.#latest.set(key(equipmentId, active.row.metric), { ts, value });
        try {
          this.#onSample(active, { ts, value });
        } catch (err) {
          // The reading is lost to this batch only; the deadline timer still judges it.
          this.#d.log.error({ err, batch: active.row.batch_id }, 'cooling reading not recorded');
        }
      }
    }
  }

  #onSample(active: Active, sample: Sample): void {
    const windowMs = (this.#d.cooling()?.settings.warnWindowMin ?? 15) * MINUTE;
    active.samples.push(sample);
    while ((active.samples[0]?.ts ?? sample.ts) < sample.ts - windowMs) active.samples.shift();
    const row = active.row;
    if (row.state === 'waiting') {
      if (toCc(sample.value) < row.from_cc) return;
      active.row = this.#d.write(() =>
        this.#amend(
          row,
          'cooling_began',
          { t0: sample.ts, state: 'cooling', by: 'system', note: null },
          this.#d.clock.now(),
        ),
      );
      active.samples = [sample];
      this.#schedule(active);
      return;
    }
    if (row.state !== 'cooling' || row.t0 === null) return;
    // A reading after a deadline the timer has not judged yet (a late commit): the stage missed it.
    if (this.#failDue(active, sample.ts - 1)) return;
    const stages = parseStages(row.stages);
    const passed = passStages(stages, sample);
    if (passed) {
      const done = stages.every((s) => s.result === 'passed');
      active.row = this.#d.write(() =>
        this.#amend(
          row,
          'stage_passed',
          { state: done ? 'passed' : 'cooling', stages: stagesJson(stages), by: 'system', note: null },
          this.#d.clock.now(),
        ),
      );
      if (done) this.#forget(row.batch_id);
      else this.#schedule(active);
      return;
    }
    const projection = projectCooling(row.t0, stages, active.samples);
    const stage = stages.find((s) => s.result === 'pending');
    if (!projection?.miss || !stage || stage.warned_at !== null) return;
    stage.warned_at = sample.ts;
    stage.projected_at = projection.at;
    active.row = this.#d.write(() =>
      this.#amend(
        row,
        'warned',
        { stages: stagesJson(stages), by: 'system', note: null },
        this.#d.clock.now(),
      ),
    );
    this.#d.log.warn(
      { batch: row.batch_id, stage: projection.stage, projectedAt: projection.at },
      'cooling projected to miss its stage',
    );
  }

  /** Fails the pending stage whose deadline is at or before `upTo`; true when it did. */
  #failDue(active: Active, upTo: number): boolean {
    const row = active.row;
    const due = failDueStage(row, active.samples, upTo);
    if (!due) return false;
    const { stages, index, deadline } = due;
    const now = Math.max(this.#d.clock.now(), deadline);
    active.row = this.#d.write(() => {
      const action = this.#d.actions.open(
        { control_point: COOLING_POINT, equipment_id: row.equipment_id, excursion_id: row.batch_id },
        { alarmId: null, ticketId: null },
        now,
      );
      return this.#amend(
        row,
        'stage_failed',
        {
          state: 'failed',
          stages: stagesJson(stages),
          action_id: action.action_id,
          by: 'system',
          note: null,
        },
        now,
      );
    });
    this.#forget(row.batch_id);
    this.#d.log.warn(
      { batch: row.batch_id, stage: index + 1, action: active.row.action_id },
      'cooling stage missed: corrective action opened',
    );
    return true;
  }

  #schedule(active: Active): void {
    if (active.timer) this.#d.clock.clearTimeout(active.timer);
    active.timer = null;
    const { row } = active;
    const deadline = pendingDeadline(row);
    if (deadline === null) return;
    active.timer = this.#d.clock.setTimeout(
      () => {
        active.timer = null;
        try {
          this.#failDue(active, this.#d.clock.now());
        } catch (err) {
          // Retried on the next reading of the probe, which finds the deadline passed.
          this.#d.log.error({ err, batch: row.batch_id }, 'cooling deadline not recorded');
        }
        if (this.#active.get(row.batch_id) === active) this.#schedule(active);
      },
      Math.max(0, deadline - this.#d.clock.now()),
    );
  }

  #forget(batchId: number): void {
    const active = this.#active.get(batchId);
    if (active?.timer) this.#d.clock.clearTimeout(active.timer);
    this.#active.delete(batchId);
  }

  #batch(batchId: number): CoolingRow {
    const row = this.#d.store.batch(batchId);
    if (!row)
      throw new FoodSafetyError('BATCH_NOT_FOUND', `no cooling batch ${batchId}`, `没有冷却批次 ${batchId}`);
    return row;
  }

  #amend(
    previous: CoolingRow,
    change: CoolingBatchView['change'],
    patch: Partial<CoolingRow>,
    at: number,
  ): CoolingRow {
    const row = this.#d.store.append(at, () => {
      const { seq: _seq, ...rest } = previous;
      return { ...rest, ...patch, change, amends: previous.seq, at };
    });
    this.#d.outbox.cooling(at, this.view(row));
    return row;
  }

  #title(row: CoolingRow): LocalizedText {
    const probe = this.#d.probeName(row.equipment_id);
    return {
      en: `Cooling ${row.product} (${probe.en})`,
      'zh-CN': `冷却 ${row.product}（${probe['zh-CN']}）`,
    };
  }
}

const key = (equipmentId: string, metric: string): string => `${equipmentId}\u0000${metric}`;
