import type {
  OrderChannel,
  OrderLine,
  OrderModifier,
  OrderStatus,
  PosOrder,
  PosOrderSubmission,
} from '../../shared/api/orders';
import type { Rng } from '../random';
import {
  ALLERGY_NOTES,
  PLAIN_NOTES,
  SIM_GUESTS,
  SIM_MENU,
  SIM_MODIFIERS,
  SIM_TABLES,
  type SimMenuItem,
} from './menu';

/** The order as the simulated POS holds it: the latest version, which every event snapshots. */
export interface SimOrder {
  externalId: string;
  version: number;
  channel: OrderChannel;
  placedAt: number;
  status: OrderStatus;
  lines: OrderLine[];
  table?: string;
  guestName?: string;
  /** next line number, so a line id is never reused within the order */
  nextLine: number;
}

export interface OrderGeneratorOptions {
  rng: Rng;
  /** the feed label of every event (`source`) */
  source?: string;
  /**
   * Prefix of order and event ids: two runs with the same seed must not collide in
   * the edge's dedupe, so a launcher passes something unique per run (a start time).
   */
  runId?: string;
}

const CHANNEL_WEIGHTS: readonly [OrderChannel, number][] = [
  ['dine_in', 45],
  ['takeaway', 40],
  ['delivery', 15],
];

/**
 * Builds orders from the demo menu and every change a real POS makes to them, each
 * change a new version and each event a `PosOrderSubmission` with its own eventId.
 * Pure apart from the seeded random: the same seed and calls give the same events.
 */
export class PosOrderGenerator {
  readonly source: string;
  readonly runId: string;
  private readonly rng: Rng;
  private readonly orders = new Map<string, SimOrder>();
  private orderSeq = 0;
  private eventSeq = 0;

  constructor(options: OrderGeneratorOptions) {
    this.rng = options.rng;
    this.source = options.source ?? 'sim-pos';
    this.runId = options.runId ?? 'r0';
  }

  get(externalId: string): SimOrder | undefined {
    return this.orders.get(externalId);
  }

  /** Orders still open, oldest first. */
  openOrders(): SimOrder[] {
    return [...this.orders.values()].filter((o) => o.status === 'open');
  }

  all(): SimOrder[] {
    return [...this.orders.values()];
  }

  /** A new order, version 1, with 1–4 lines. */
  create(now: number, channel: OrderChannel = this.pick(CHANNEL_WEIGHTS)): PosOrderSubmission {
    this.orderSeq++;
    const order: SimOrder = {
      externalId: `${this.runId}-o${this.orderSeq}`,
      version: 1,
      channel,
      placedAt: now,
      status: 'open',
      lines: [],
      nextLine: 1,
    };
    if (channel === 'dine_in') order.table = this.oneOf(SIM_TABLES);
    else order.guestName = this.oneOf(SIM_GUESTS);
    const count = 1 + Math.floor(this.rng.next() ** 1.6 * 4);
    for (let i = 0; i < count; i++) order.lines.push(this.newLine(order));
    this.orders.set(order.externalId, order);
    return this.event(order);
  }

  /** Another item added to a running order (dessert, a forgotten drink side). */
  addLine(order: SimOrder, item?: string): PosOrderSubmission {
    order.lines.push(this.newLine(order, item));
    return this.bump(order);
  }

  /** A line taken off before it was made. Undefined when there is nothing left to remove. */
  removeLine(order: SimOrder): PosOrderSubmission | undefined {
    if (order.lines.length < 2) return undefined;
    order.lines.splice(Math.floor(this.rng.next() * order.lines.length), 1);
    return this.bump(order);
  }

  /** "Only two burgers, not three." Undefined when every line is already at 1. */
  reduceLine(order: SimOrder): PosOrderSubmission | undefined {
    const line = order.lines.find((l) => l.qty > 1);
    if (!line) return undefined;
    line.qty -= 1;
    return this.bump(order);
  }

  /**
   * Split bill: some lines move to a new check. Two events, the new order first (its
   * lines carry `movedFrom`), then the old order's next version without them, since
   * a POS commits the new check before it shrinks the old one.
   */
  splitBill(
    order: SimOrder,
    now: number,
    moveCount = Math.max(1, Math.floor(order.lines.length / 2)),
  ): PosOrderSubmission[] {
    if (order.lines.length < 2) return [];
    const moving = order.lines.slice(order.lines.length - Math.min(moveCount, order.lines.length - 1));
    this.orderSeq++;
    const split: SimOrder = {
      externalId: `${this.runId}-o${this.orderSeq}`,
      version: 1,
      channel: order.channel,
      placedAt: now,
      status: 'open',
      lines: [],
      nextLine: 1,
      ...(order.table !== undefined ? { table: order.table } : {}),
    };
    for (const line of moving) {
      split.lines.push({
        ...line,
        lineId: `L${split.nextLine++}`,
        movedFrom: { externalId: order.externalId, lineId: line.lineId },
      });
    }
    this.orders.set(split.externalId, split);
    order.lines = order.lines.filter((l) => !moving.includes(l));
    return [this.event(split), this.bump(order)];
  }

  /** The party moves to another table: same order, same lines, a new version. */
  transferTable(order: SimOrder, table: string = this.oneOf(SIM_TABLES)): PosOrderSubmission {
    order.table = table;
    return this.bump(order);
  }

  /**
   * Two tables join: `from`'s lines move onto `into` (carrying `movedFrom`) and `from`
   * is closed empty. `into` is sent first so no line is ever on neither order.
   */
  merge(from: SimOrder, into: SimOrder): PosOrderSubmission[] {
    for (const line of from.lines) {
      into.lines.push({
        ...line,
        lineId: `L${into.nextLine++}`,
        movedFrom: { externalId: from.externalId, lineId: line.lineId },
      });
    }
    from.lines = [];
    from.status = 'closed';
    return [this.bump(into), this.bump(from)];
  }

  close(order: SimOrder): PosOrderSubmission {
    order.status = 'closed';
    return this.bump(order);
  }

  void(order: SimOrder): PosOrderSubmission {
    order.status = 'voided';
    return this.bump(order);
  }

  refund(order: SimOrder): PosOrderSubmission {
    order.status = 'refunded';
    return this.bump(order);
  }

  /** A snapshot of the order as a submission, under a fresh eventId. */
  event(order: SimOrder): PosOrderSubmission {
    this.eventSeq++;
    return { source: this.source, eventId: `${this.runId}-e${this.eventSeq}`, order: snapshot(order) };
  }

  private bump(order: SimOrder): PosOrderSubmission {
    order.version++;
    return this.event(order);
  }

  private newLine(order: SimOrder, itemId?: string): OrderLine {
    const item = (itemId && SIM_MENU.find((m) => m.id === itemId)) || this.pickItem();
    const line: OrderLine = {
      lineId: `L${order.nextLine++}`,
      item: item.id,
      qty: this.rng.chance(0.8) ? 1 : this.rng.chance(0.7) ? 2 : 3,
      modifiers: this.modifiersFor(item, order),
    };
    if (this.rng.chance(0.04)) line.note = this.oneOf(ALLERGY_NOTES);
    else if (this.rng.chance(0.08)) line.note = this.oneOf(PLAIN_NOTES);
    // A dine-in guest who orders dessert with the mains wants it after them.
    if (item.id === 'sundae' && order.channel === 'dine_in') line.course = 2;
    if (order.channel === 'dine_in' && this.rng.chance(0.5)) line.seat = 1 + Math.floor(this.rng.next() * 4);
    return line;
  }

  private modifiersFor(item: SimMenuItem, order: SimOrder): OrderModifier[] {
    const chosen: OrderModifier[] = [];
    for (const id of item.modifiers) {
      const weight = SIM_MODIFIERS.find((m) => m.id === id)?.weight ?? 1;
      if (this.rng.chance(weight / 40))
        chosen.push({ id: `M${order.nextLine}-${chosen.length + 1}`, item: id });
    }
    return chosen;
  }

  private pickItem(): SimMenuItem {
    return this.pick(SIM_MENU.map((item) => [item, item.weight] as const));
  }

  private pick<T>(weighted: readonly (readonly [T, number])[]): T {
    const total = weighted.reduce((sum, [, w]) => sum + w, 0);
    let r = this.rng.next() * total;
    for (const [value, w] of weighted) {
      r -= w;
      if (r < 0) return value;
    }
    return weighted[weighted.length - 1]![0];
  }

  private oneOf<T>(values: readonly T[]): T {
    return values[Math.floor(this.rng.next() * values.length)]!;
  }
}

/** A deep copy in the canonical shape: later changes to the order must not reach a sent event. */
export function snapshot(order: SimOrder): PosOrder {
  const copy: PosOrder = {
    externalId: order.externalId,
    version: order.version,
    channel: order.channel,
    placedAt: order.placedAt,
    status: order.status,
    lines: order.lines.map((line) => ({
      ...line,
      modifiers: line.modifiers.map((m) => ({ ...m })),
      ...(line.movedFrom ? { movedFrom: { ...line.movedFrom } } : {}),
    })),
  };
  if (order.table !== undefined) copy.table = order.table;
  if (order.guestName !== undefined) copy.guestName = order.guestName;
  return copy;
}
