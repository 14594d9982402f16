import type { CheckRecordView, CheckSlotView } from '../../../shared/api/food-safety-checks';
import type { CheckLimit, RulePack } from '../../../shared/config/food-safety';
import { meetsCheck } from '../../../shared/config/food-safety-check-limit';
import type { ManualCheck } from '../../../shared/config/food-safety-checks';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { LocalizedText } from '../../../shared/localized-text';
import { type Slot, slotAtInstant, slotsClosedBetween, slotsOn } from './check-slots';
import { type CheckRow, CheckStore } from './check-store';
import { allPacks } from './control-points';
import type { CorrectiveActions } from './corrective-actions';
import { FoodSafetyError } from './food-safety-errors';
import type { FoodSafetyOutbox } from './food-safety-outbox';
import type { FoodSafetyStore } from './food-safety-store';
import { CHECK_POINT, checkRecordView, measureJson, toCc } from './food-safety-views';
import { storeDay } from './store-day';

/** A check with the limit it is held to. */
export interface ResolvedCheck {
  check: ManualCheck;
  pack: RulePack;
  limit: CheckLimit;
}

/** The checks of the config whose pack and limit exist (the config check refuses the rest). */
export function resolveChecks(config: StoreConfig): ResolvedCheck[] {
  const packs = allPacks(config);
  return config.foodSafety.checks.flatMap((check) => {
    const pack = packs.find((p) => p.id === check.pack);
    const limit = pack?.limits.find((l) => l.id === check.limit);
    return pack && limit?.kind === 'check' ? [{ check, pack, limit }] : [];
  });
}

/** A probe reading may be entered this long before its slot is due: the cook is at the hot line at 10:55. */
export const EARLY_ENTRY_MS = 15 * 60_000;
/** After a long power cut, missed slots are recorded back this far at most. */
const DAY_MS = 24 * 3_600_000;
const LOOKBACK_MS = 31 * DAY_MS;

export interface ManualCheckDeps {
  db: ConstructorParameters<typeof CheckStore>[0];
  records: FoodSafetyStore;
  actions: CorrectiveActions;
  outbox: FoodSafetyOutbox;
  config: () => StoreConfig;
}

/**
 * Checks done by hand at set times: a value entered in a slot's window is its record (out
 * of limit opens a corrective action), and a slot whose window closed without one is
 * recorded as missed. A check begins being recorded when this box first schedules it:
 * its first slot closing after that, or after its newest record after a restart.
 */
export class ManualChecks {
  readonly #d: ManualCheckDeps;
  readonly #store: CheckStore;
  #checks: ResolvedCheck[] = [];
  /** when each check without records was first scheduled by this process */
  #since = new Map<string, number>();
  /** when each check's next window closes: the minute sweep has nothing to do before */
  #nextClose = new Map<string, number>();

  constructor(deps: ManualCheckDeps) {
    this.#d = deps;
    this.#store = new CheckStore(deps.db, deps.records.chain);
  }

  apply(config: StoreConfig, now: number): void {
    this.#checks = resolveChecks(config);
    this.#nextClose.clear();
    for (const { check } of this.#checks) if (!this.#since.has(check.id)) this.#since.set(check.id, now);
  }

  /** Records every slot whose window has closed without a value as missed; the caller holds the transaction. */
  sweep(now: number): CheckRow[] {
    const tz = this.#timeZone();
    const written: CheckRow[] = [];
    for (const resolved of this.#checks) {
      const { check } = resolved;
      if (now < (this.#nextClose.get(check.id) ?? 0)) continue;
      const upcoming = slotsClosedBetween(check, now, now + 2 * DAY_MS, tz)[0];
      this.#nextClose.set(check.id, upcoming?.closesAt ?? now + DAY_MS);
      const latest = this.#store.latest(check.id);
      const after = Math.max(latest?.closes_at ?? this.#since.get(check.id) ?? now, now - LOOKBACK_MS);
      for (const slot of slotsClosedBetween(check, after, now, tz)) {
        if (this.#store.slot(check.id, slot.slotAt)) continue;
        const row = this.#append(
          resolved,
          slot,
          { status: 'missed', value_cc: null, in_limit: null },
          'system',
          null,
          now,
        );
        this.#d.outbox.check(now, this.view(row));
        written.push(row);
      }
    }
    return written;
  }

  /** A person's measured value for a slot; out of limit opens a corrective action. The caller holds the transaction. */
  enter(
    checkId: string,
    entry: { slotAt: number; valueC: number; note?: string | undefined },
    by: string,
    now: number,
  ): CheckRecordView {
    const resolved = this.#resolved(checkId);
    const tz = this.#timeZone();
    const slot = slotAtInstant(resolved.check, entry.slotAt, tz);
    if (!slot)
      throw new FoodSafetyError(
        'SLOT_NOT_FOUND',
        `check "${checkId}" is not due at ${new Date(entry.slotAt).toISOString()}; it is due at ${resolved.check.at.join(', ')} store time`,
        `检查 "${checkId}" 在 ${new Date(entry.slotAt).toISOString()} 没有安排；安排时间为 ${resolved.check.at.join('、')}`,
      );
    const recorded = this.#store.slot(checkId, slot.slotAt);
    if (recorded)
      throw new FoodSafetyError(
        'SLOT_RECORDED',
        recorded.status === 'missed'
          ? `the ${slot.time} check was missed when its window closed; that record stands: take the next one`
          : `the ${slot.time} check is already recorded (${(recorded.value_cc ?? 0) / 100} °C by ${recorded.by})`,
        recorded.status === 'missed'
          ? `${slot.time} 的检查已在时限结束时记为漏检；该记录不可更改，请做下一次检查`
          : `${slot.time} 的检查已有记录（${(recorded.value_cc ?? 0) / 100} °C，${recorded.by}）`,
      );
    if (now >= slot.closesAt)
      throw new FoodSafetyError(
        'SLOT_RECORDED',
        `the ${slot.time} check's window closed at ${clockOf(slot.closesAt, tz)}: it is recorded as missed`,
        `${slot.time} 的检查已于 ${clockOf(slot.closesAt, tz)} 截止，记为漏检`,
      );
    if (now < slot.slotAt - EARLY_ENTRY_MS)
      throw new FoodSafetyError(
        'SLOT_NOT_OPEN',
        `the ${slot.time} check opens at ${clockOf(slot.slotAt - EARLY_ENTRY_MS, tz)}`,
        `${slot.time} 的检查于 ${clockOf(slot.slotAt - EARLY_ENTRY_MS, tz)} 开放`,
      );
    const inLimit = meetsCheck(resolved.limit.measure, entry.valueC);
    const row = this.#append(
      resolved,
      slot,
      { status: 'done', value_cc: toCc(entry.valueC), in_limit: inLimit ? 1 : 0 },
      by,
      entry.note ?? null,
      now,
    );
    if (!inLimit)
      this.#d.actions.open(
        { control_point: CHECK_POINT, equipment_id: resolved.check.equipment ?? '', excursion_id: row.seq },
        { alarmId: null, ticketId: null },
        now,
      );
    const view = this.view(row);
    this.#d.outbox.check(now, view);
    return view;
  }

  /** The slots of a store day, each with its record or its state. */
  day(day: string | undefined, now: number): CheckSlotView[] {
    const tz = this.#timeZone();
    const bounds = storeDay(day ?? storeDayOf(now, tz), tz);
    const records = new Map(
      this.#store
        .between(bounds.start - 86_400_000, bounds.end)
        .map((r) => [`${r.check_id}@${r.slot_at}`, r]),
    );
    return this.#checks
      .flatMap(({ check, limit }) =>
        slotsOn(check, bounds, tz).map((slot): CheckSlotView => {
          const record = records.get(`${check.id}@${slot.slotAt}`);
          return {
            checkId: check.id,
            name: check.name,
            instruction: limit.instruction,
            equipmentId: check.equipment ?? null,
            time: slot.time,
            slotAt: slot.slotAt,
            closesAt: slot.closesAt,
            state: record ? record.status : this.#openState(check.id, slot, now),
            limit: {
              pack: check.pack,
              limitId: limit.id,
              clause: limit.clause,
              title: limit.title,
              measure: limit.measure,
            },
            record: record ? this.view(record) : null,
          };
        }),
      )
      .sort((a, b) => a.slotAt - b.slotAt || a.checkId.localeCompare(b.checkId));
  }

  /** Records of slots due in [from, to), what a report and central list. */
  records(range: { from: number; to: number }): CheckRecordView[] {
    return this.#store.between(range.from, range.to).map((row) => this.view(row));
  }

  record(seq: number): CheckRecordView | undefined {
    const row = this.#store.record(seq);
    return row && this.view(row);
  }

  /** The title of a corrective action a check record opened. */
  title(seq: number): LocalizedText | undefined {
    const row = this.#store.record(seq);
    if (!row) return undefined;
    const name = this.#nameOf(row.check_id);
    const tz = this.#timeZone();
    const value = (row.value_cc ?? 0) / 100;
    const time = clockOf(row.slot_at, tz);
    return {
      en: `${name.en} at ${time} read ${value} °C`,
      'zh-CN': `${name['zh-CN']}（${time}）读数 ${value} °C`,
    };
  }

  view(row: CheckRow): CheckRecordView {
    const action = this.#d.records.actionForExcursion(row.seq);
    return checkRecordView(row, this.#nameOf(row.check_id), action?.action_id ?? null);
  }

  #append(
    resolved: ResolvedCheck,
    slot: Slot,
    result: Pick<CheckRow, 'status' | 'value_cc' | 'in_limit'>,
    by: string,
    note: string | null,
    at: number,
  ): CheckRow {
    const { check, pack, limit } = resolved;
    const row = this.#store.append(at, {
      check_id: check.id,
      equipment_id: check.equipment ?? null,
      slot_at: slot.slotAt,
      closes_at: slot.closesAt,
      pack: pack.id,
      pack_edition: pack.source.edition,
      limit_id: limit.id,
      clause: limit.clause,
      measure: measureJson(limit.measure),
      ...result,
      by,
      note,
      at,
    });
    return row;
  }

  /** A slot without its record: not yet open, open, or closed (missed if the sweep will record it). */
  #openState(checkId: string, slot: Slot, now: number): CheckSlotView['state'] {
    if (now < slot.slotAt - EARLY_ENTRY_MS) return 'upcoming';
    if (now < slot.closesAt) return 'due';
    const keptFrom = this.#store.latest(checkId)?.closes_at ?? this.#since.get(checkId) ?? now;
    return slot.closesAt > keptFrom ? 'missed' : 'not_kept';
  }

  #resolved(checkId: string): ResolvedCheck {
    const found = this.#checks.find((c) => c.check.id === checkId);
    if (!found)
      throw new FoodSafetyError(
        'CHECK_NOT_FOUND',
        `no check "${checkId}"; known: ${this.#checks.map((c) => c.check.id).join(', ') || 'none'}`,
        `没有检查项 "${checkId}"`,
      );
    return found;
  }

  #nameOf(checkId: string): LocalizedText {
    return this.#checks.find((c) => c.check.id === checkId)?.check.name ?? { en: checkId, 'zh-CN': checkId };
  }

  #timeZone(): string {
    return this.#d.config().store.timezone;
  }
}

/** HH:MM of an instant in the store's zone. */
function clockOf(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);
}

function storeDayOf(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(ms);
}
