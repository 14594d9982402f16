import type { CorrectiveActionSignOff, CorrectiveActionView } from '../../../shared/api/food-safety';
import type { CorrectiveActionSettings } from '../../../shared/config/food-safety';
import type { LocalizedText } from '../../../shared/localized-text';
import { FoodSafetyError } from './food-safety-errors';
import type { FoodSafetyOutbox } from './food-safety-outbox';
import type { ActionRow, ExcursionRow, FoodSafetyStore } from './food-safety-store';
import { actionView, COOLING_POINT, TIME_POINT } from './food-safety-views';

/** Food that missed a cooling stage has two safe courses: reheat and cool it again, or throw it away. */
const COOLING_DISPOSITIONS: ReadonlySet<string> = new Set(['reheat_recool', 'discarded']);

/** What an action is opened for: an excursion, or a cooling batch that missed a stage. */
export type ActionSource = Pick<ExcursionRow, 'control_point' | 'equipment_id' | 'excursion_id'>;

/** The equipment alarm and repair ticket an excursion belongs to, when there are. */
export interface Incident {
  alarmId: number | null;
  ticketId: number | null;
}

export interface CorrectiveActionDeps {
  store: FoodSafetyStore;
  outbox: FoodSafetyOutbox;
  settings: () => CorrectiveActionSettings;
  /** the excursion's title, by its id, for the action's own */
  excursionTitle: (excursionId: number) => LocalizedText;
}

/**
 * The corrective-action record of an excursion, as a state machine over append-only
 * versions: opened → (escalated to manager, then central, while overdue) →
 * signed_off by the person in charge. Each step is a new record amending the last.
 */
export class CorrectiveActions {
  readonly #d: CorrectiveActionDeps;

  constructor(deps: CorrectiveActionDeps) {
    this.#d = deps;
  }

  view(row: ActionRow): CorrectiveActionView {
    return actionView(row, this.#d.excursionTitle(row.excursion_id));
  }

  open(excursion: ActionSource, incident: Incident, at: number): ActionRow {
    const dueAt = at + this.#d.settings().dueAfterMin * 60_000;
    const row = this.#d.store.appendAction(at, (seq) => ({
      action_id: seq,
      amends: null,
      change: 'opened',
      control_point: excursion.control_point,
      equipment_id: excursion.equipment_id,
      excursion_id: excursion.excursion_id,
      alarm_id: incident.alarmId,
      ticket_id: incident.ticketId,
      state: 'open',
      opened_at: at,
      due_at: dueAt,
      escalation: 'none',
      what_done: null,
      disposition: null,
      qty_milli: null,
      qty_unit: null,
      moved_to: null,
      note: null,
      by: 'system',
      at,
    }));
    this.#d.outbox.correctiveAction(at, this.view(row));
    return row;
  }

  /** Overdue open actions climb like unacknowledged alarms: the manager when due, central later. */
  sweep(now: number): void {
    const { escalateToCentralAfterMin } = this.#d.settings();
    for (const row of this.#d.store.openActions()) {
      const next =
        now >= row.due_at + escalateToCentralAfterMin * 60_000
          ? 'central'
          : now >= row.due_at
            ? 'manager'
            : 'none';
      if (next === row.escalation || next === 'none' || (row.escalation === 'central' && next === 'manager'))
        continue;
      this.#amend(row, { change: 'escalated', escalation: next, by: 'system' }, now);
    }
  }

  signOff(
    actionId: number,
    request: Omit<CorrectiveActionSignOff, 'user' | 'pin'>,
    by: string,
    at: number,
  ): ActionRow {
    const { whatDone, disposition, quantity } = request;
    const missing = [
      ...(whatDone === undefined ? ['whatDone'] : []),
      ...(disposition === undefined ? ['disposition'] : []),
      ...(quantity === undefined ? ['quantity'] : []),
      ...(disposition === 'moved' && request.movedTo === undefined ? ['movedTo'] : []),
    ];
    if (whatDone === undefined || disposition === undefined || quantity === undefined || missing.length > 0)
      throw new FoodSafetyError(
        'SIGN_OFF_INCOMPLETE',
        `a sign-off says what was done, what became of the product, how much, and where moved product went; missing: ${missing.join(', ')}`,
        `签核须写明采取的措施、产品处置方式、数量，以及转移产品的去向；缺少：${missing.join('、')}`,
      );
    const row = this.#d.store.action(actionId);
    if (!row)
      throw new FoodSafetyError(
        'ACTION_NOT_FOUND',
        `no corrective action ${actionId}`,
        `没有纠正措施 ${actionId}`,
      );
    if (row.state !== 'open')
      throw new FoodSafetyError(
        'ACTION_NOT_OPEN',
        `corrective action ${actionId} is already signed off (by ${row.by})`,
        `纠正措施 ${actionId} 已签核（${row.by}）`,
      );
    // 3-501.19: food past its time out of temperature control is discarded, nothing else.
    if (row.control_point === TIME_POINT && disposition !== 'discarded')
      throw new FoodSafetyError(
        'DISPOSITION_NOT_ALLOWED',
        `food held under time as the control is discarded when its time is up, not ${disposition}`,
        `以时间作为控制的食品超时后须丢弃，不能选择 ${disposition}`,
      );
    // Keeping or moving food that cooled too slowly would keep the hazard; nothing but a cooling failure re-cools.
    const cooling = row.control_point === COOLING_POINT;
    if (cooling ? !COOLING_DISPOSITIONS.has(disposition) : disposition === 'reheat_recool')
      throw new FoodSafetyError(
        'DISPOSITION_NOT_ALLOWED',
        cooling
          ? `a missed cooling stage is signed off as reheat_recool or discarded, not ${disposition}`
          : 'reheat_recool is for a missed cooling stage',
        cooling
          ? `冷却未达标须选择"重新加热并冷却"或"丢弃"，不能选择 ${disposition}`
          : '"重新加热并冷却"仅用于冷却未达标',
      );
    return this.#amend(
      row,
      {
        change: 'signed_off',
        state: 'signed_off',
        what_done: whatDone,
        disposition,
        qty_milli: Math.round(quantity.amount * 1000),
        qty_unit: quantity.unit,
        moved_to: request.movedTo ?? null,
        note: request.note ?? null,
        by,
      },
      at,
    );
  }

  #amend(previous: ActionRow, change: Partial<ActionRow>, at: number): ActionRow {
    const row = this.#d.store.appendAction(at, () => {
      const { seq: _seq, ...rest } = previous;
      return { ...rest, ...change, amends: previous.seq, at };
    });
    this.#d.outbox.correctiveAction(at, this.view(row));
    return row;
  }
}
