import type { ProductQuantity } from '../../../shared/api/food-safety';
import type {
  TimeBatchClose,
  TimeBatchQuery,
  TimeBatchStart,
  TimeBatchView,
  TimeControlOptionView,
} from '../../../shared/api/food-safety-time';
import type { RulePack, TimeControlLimit } from '../../../shared/config/food-safety';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { LocalizedText } from '../../../shared/localized-text';
import type { Database } from '../../store/database';
import { allPacks } from './control-points';
import type { CorrectiveActions } from './corrective-actions';
import { FoodSafetyError } from './food-safety-errors';
import type { FoodSafetyOutbox } from './food-safety-outbox';
import type { FoodSafetyStore } from './food-safety-store';
import { fromCc, TIME_POINT, toCc } from './food-safety-views';
import { type TimeBatchRow, TimeBatchStore } from './time-batch-store';

type TimeOption = TimeControlLimit['options'][number];

export interface ResolvedTimeControl {
  pack: RulePack;
  limit: TimeControlLimit;
  warnBeforeMin: number;
}

export function resolveTimeControl(config: StoreConfig): ResolvedTimeControl | null {
  const settings = config.foodSafety.timeControl;
  if (!settings) return null;
  const pack = allPacks(config).find((p) => p.id === settings.pack);
  const limit = pack?.limits.find((l) => l.id === settings.limit);
  return pack && limit?.kind === 'time_control'
    ? { pack, limit, warnBeforeMin: settings.warnBeforeMin }
    : null;
}

export interface TimeBatchDeps {
  db: Database;
  records: FoodSafetyStore;
  actions: CorrectiveActions;
  outbox: FoodSafetyOutbox;
  config: () => StoreConfig;
}

const HOUR_MS = 3_600_000;

/** Whether food at this temperature may leave temperature control under the option. */
function startAllowed(option: TimeOption, startC: number): boolean {
  const cold = option.startAtMostC !== undefined && startC <= option.startAtMostC;
  const hot = option.startAtLeastC !== undefined && startC >= option.startAtLeastC;
  const unbounded = option.startAtMostC === undefined && option.startAtLeastC === undefined;
  return unbounded || cold || hot;
}

function startRule(option: TimeOption): { en: string; zh: string } {
  const parts: { en: string; zh: string }[] = [];
  if (option.startAtMostC !== undefined)
    parts.push({ en: `at ${option.startAtMostC} °C or below`, zh: `${option.startAtMostC} °C 及以下` });
  if (option.startAtLeastC !== undefined)
    parts.push({ en: `at ${option.startAtLeastC} °C or above`, zh: `${option.startAtLeastC} °C 及以上` });
  return { en: parts.map((p) => p.en).join(' or '), zh: parts.map((p) => p.zh).join('或') };
}

/**
 * Time as the public health control: a batch leaves temperature control at a temperature
 * its option allows, is warned about before its deadline, and is recorded served or
 * discarded by a person, or expired at the deadline (or too warm under a ceiling) with a
 * corrective action to discard it. Each change is a chained record amending the last.
 */
export class TimeBatches {
  readonly #d: TimeBatchDeps;
  readonly #store: TimeBatchStore;
  readonly #warned;

  constructor(deps: TimeBatchDeps) {
    this.#d = deps;
    this.#store = new TimeBatchStore(deps.db, deps.records.chain);
    this.#warned = deps.db.prepare<[number], { n: number }>(
      "SELECT count(*) AS n FROM food_safety_time_batches WHERE batch_id = ? AND change = 'warned'",
    );
  }

  options(): TimeControlOptionView[] {
    return (
      this.#control()?.limit.options.map((o) => ({
        id: o.id,
        clause: o.clause,
        maxHours: o.maxHours,
        startAtMostC: o.startAtMostC ?? null,
        startAtLeastC: o.startAtLeastC ?? null,
        neverAboveC: o.neverAboveC ?? null,
      })) ?? []
    );
  }

  start(request: TimeBatchStart, by: string, now: number): TimeBatchView {
    const control = this.#control();
    if (!control)
      throw new FoodSafetyError(
        'TIME_CONTROL_NOT_CONFIGURED',
        'this store holds no food under time as the control (foodSafety.timeControl)',
        '本店未配置以时间作为控制（foodSafety.timeControl）',
      );
    const option = control.limit.options.find((o) => o.id === request.option);
    if (!option)
      throw new FoodSafetyError(
        'OPTION_NOT_FOUND',
        `no option "${request.option}"; options: ${control.limit.options.map((o) => o.id).join(', ')}`,
        `没有选项 "${request.option}"`,
      );
    if (!startAllowed(option, request.startC)) {
      const rule = startRule(option);
      throw new FoodSafetyError(
        'TOO_WARM_TO_START',
        `food at ${request.startC} °C may not leave temperature control under ${option.clause}: it must be ${rule.en}`,
        `${request.startC} °C 的食品不能按 ${option.clause} 脱离温度控制：须为 ${rule.zh}`,
      );
    }
    const maxMin = Math.round(option.maxHours * 60);
    const discardBy = now + option.maxHours * HOUR_MS;
    const row = this.#store.append(now, (seq) => ({
      batch_id: seq,
      amends: null,
      change: 'started',
      product: request.product,
      qty_milli: request.quantity ? Math.round(request.quantity.amount * 1000) : null,
      qty_unit: request.quantity?.unit ?? null,
      pack: control.pack.id,
      pack_edition: control.pack.source.edition,
      limit_id: control.limit.id,
      option_id: option.id,
      clause: option.clause,
      max_min: maxMin,
      start_cc: toCc(request.startC),
      never_above_cc: option.neverAboveC === undefined ? null : toCc(option.neverAboveC),
      started_at: now,
      discard_by: discardBy,
      warn_at: Math.max(now, discardBy - control.warnBeforeMin * 60_000),
      state: 'holding',
      last_cc: toCc(request.startC),
      last_at: now,
      action_id: null,
      by,
      note: request.note ?? null,
      at: now,
    }));
    return this.#report(row);
  }

  /** A probe reading during holding; above the option's ceiling the batch fails at once. */
  reading(batchId: number, valueC: number, by: string, now: number): TimeBatchView {
    const row = this.#holding(batchId);
    const cc = toCc(valueC);
    const tooWarm = row.never_above_cc !== null && cc > row.never_above_cc;
    if (tooWarm)
      return this.#fail(row, { change: 'too_warm', state: 'too_warm', last_cc: cc, last_at: now, by }, now);
    return this.#report(this.#amend(row, { change: 'reading', last_cc: cc, last_at: now, by }, now));
  }

  close(batchId: number, request: TimeBatchClose, by: string, now: number): TimeBatchView {
    const row = this.#holding(batchId);
    return this.#report(
      this.#amend(
        row,
        { change: request.outcome, state: request.outcome, by, note: request.note ?? null },
        now,
      ),
    );
  }

  /** Warns before deadlines and expires what passed them; the caller holds the transaction. */
  sweep(now: number): void {
    for (const row of this.#store.holding()) {
      if (now >= row.discard_by) {
        this.#fail(row, { change: 'expired', state: 'expired', by: 'system', note: null }, now);
      } else if (now >= row.warn_at && (this.#warned.get(row.batch_id)?.n ?? 0) === 0)
        this.#report(this.#amend(row, { change: 'warned', by: 'system', note: null }, now));
    }
  }

  list(query: TimeBatchQuery): TimeBatchView[] {
    return this.#store.list(query.state === 'active', query.limit).map((r) => this.view(r));
  }

  batch(batchId: number): TimeBatchView {
    const row = this.#store.batch(batchId);
    if (!row) throw new FoodSafetyError('BATCH_NOT_FOUND', `no batch ${batchId}`, `没有批次 ${batchId}`);
    return this.view(row);
  }

  /** Every batch held during [from, to), in its latest version: what a report lists. */
  heldIn(range: { from: number; to: number }): TimeBatchView[] {
    return this.#store.heldIn(range.from, range.to).map((r) => this.view(r));
  }

  title(batchId: number): LocalizedText | undefined {
    const row = this.#store.batch(batchId);
    return row ? titleOf(row) : undefined;
  }

  view(row: TimeBatchRow): TimeBatchView {
    const quantity: ProductQuantity | null =
      row.qty_milli === null || row.qty_unit === null
        ? null
        : { amount: row.qty_milli / 1000, unit: row.qty_unit as ProductQuantity['unit'] };
    return {
      id: row.batch_id,
      seq: row.seq,
      amends: row.amends,
      change: row.change as TimeBatchView['change'],
      product: row.product,
      quantity,
      pack: row.pack,
      packEdition: row.pack_edition,
      limitId: row.limit_id,
      option: row.option_id,
      clause: row.clause,
      maxHours: row.max_min / 60,
      startC: fromCc(row.start_cc),
      neverAboveC: row.never_above_cc === null ? null : fromCc(row.never_above_cc),
      startedAt: row.started_at,
      discardBy: row.discard_by,
      warnAt: row.warn_at,
      state: row.state as TimeBatchView['state'],
      lastReading:
        row.last_cc === null || row.last_at === null
          ? null
          : { valueC: fromCc(row.last_cc), at: row.last_at },
      actionId: row.action_id,
      by: row.by,
      note: row.note,
      at: row.at,
      title: titleOf(row),
    };
  }

  /** An expired or too-warm batch: the record of it carries the corrective action it opens (discard it). */
  #fail(row: TimeBatchRow, change: Partial<TimeBatchRow>, now: number): TimeBatchView {
    const action = this.#d.actions.open(
      { control_point: TIME_POINT, equipment_id: '', excursion_id: row.batch_id },
      { alarmId: null, ticketId: null },
      now,
    );
    return this.#report(this.#amend(row, { ...change, action_id: action.action_id }, now));
  }

  #holding(batchId: number): TimeBatchRow {
    const row = this.#store.batch(batchId);
    if (!row) throw new FoodSafetyError('BATCH_NOT_FOUND', `no batch ${batchId}`, `没有批次 ${batchId}`);
    if (row.state !== 'holding')
      throw new FoodSafetyError(
        'BATCH_CLOSED',
        `batch ${batchId} is already ${row.state.replace('_', ' ')}`,
        `批次 ${batchId} 已结束（${row.state}）`,
      );
    return row;
  }

  #amend(previous: TimeBatchRow, change: Partial<TimeBatchRow>, at: number): TimeBatchRow {
    return this.#store.append(at, () => {
      const { seq: _seq, ...rest } = previous;
      return { ...rest, ...change, amends: previous.seq, at };
    });
  }

  #report(row: TimeBatchRow): TimeBatchView {
    const view = this.view(row);
    this.#d.outbox.timeBatch(row.at, view);
    return view;
  }

  #control(): ResolvedTimeControl | null {
    return resolveTimeControl(this.#d.config());
  }
}

function titleOf(row: TimeBatchRow): LocalizedText {
  const hours = row.max_min / 60;
  return {
    en: `${row.product} held ${hours} h without temperature control`,
    'zh-CN': `${row.product}（脱离温度控制 ${hours} 小时）`,
  };
}
