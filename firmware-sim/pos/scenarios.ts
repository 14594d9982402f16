import type { PosOrderSubmission } from '../../shared/api/orders';
import { createRng } from '../random';
import { PosOrderGenerator } from './order-generator';

/**
 * Fixed delivery sequences for tests and demos: each is what a receiver must turn
 * into exactly one final state. Deterministic for a seed; `at` is the order time.
 */
export interface ScenarioOptions {
  seed?: number;
  at?: number;
  runId?: string;
  source?: string;
}

function generatorFor(options: ScenarioOptions, label: string): PosOrderGenerator {
  return new PosOrderGenerator({
    rng: createRng(options.seed ?? 1).fork(label),
    runId: options.runId ?? label,
    source: options.source ?? 'sim-pos',
  });
}

const DEFAULT_AT = Date.UTC(2026, 0, 5, 4, 30);

/**
 * The storm: one order delivered nine times — its versions 1…6 shuffled, plus three
 * exact repeats of earlier deliveries (same eventId), like a webhook sender retrying
 * while the POS keeps editing. Applied in any order, the kitchen must end at version
 * 6 with six events applied or superseded and three duplicates.
 */
export function stormScenario(options: ScenarioOptions = {}): PosOrderSubmission[] {
  const rng = createRng(options.seed ?? 1).fork('storm-order');
  const generator = generatorFor(options, 'storm');
  const at = options.at ?? DEFAULT_AT;
  const first = generator.create(at, 'dine_in');
  const order = generator.get(first.order.externalId)!;
  const versions = [first];
  versions.push(generator.addLine(order, 'fries'));
  versions.push(generator.addLine(order, 'burger'));
  versions.push(generator.reduceLine(order) ?? generator.addLine(order, 'nuggets'));
  versions.push(generator.addLine(order, 'sundae'));
  versions.push(generator.transferTable(order));
  const shuffled = shuffle(versions, () => rng.next());
  const repeats = [shuffled[0]!, shuffled[2]!, shuffled[4]!];
  // Each repeat comes after its original, as a retry does.
  return [
    ...shuffled.slice(0, 3),
    repeats[0]!,
    ...shuffled.slice(3, 5),
    repeats[1]!,
    shuffled[5]!,
    repeats[2]!,
  ];
}

/** A table of four splits its bill: the new check, then the old one shrunk, then both paid. */
export function splitScenario(options: ScenarioOptions = {}): PosOrderSubmission[] {
  const generator = generatorFor(options, 'split');
  const at = options.at ?? DEFAULT_AT;
  const created = generator.create(at, 'dine_in');
  const order = generator.get(created.order.externalId)!;
  const events = [created];
  while (order.lines.length < 4) events.push(generator.addLine(order));
  const split = generator.splitBill(order, at + 20 * 60_000, 2);
  const newOrder = generator.get(split[0]!.order.externalId)!;
  events.push(...split, generator.close(newOrder), generator.close(order));
  return events;
}

/** Two tables join (merge), the joined party moves table (transfer), then pays. */
export function mergeScenario(options: ScenarioOptions = {}): PosOrderSubmission[] {
  const generator = generatorFor(options, 'merge');
  const at = options.at ?? DEFAULT_AT;
  const a = generator.create(at, 'dine_in');
  const b = generator.create(at + 60_000, 'dine_in');
  const from = generator.get(b.order.externalId)!;
  const into = generator.get(a.order.externalId)!;
  return [a, b, ...generator.merge(from, into), generator.transferTable(into), generator.close(into)];
}

/** One order voided before it was made, another closed and then refunded. */
export function voidScenario(options: ScenarioOptions = {}): PosOrderSubmission[] {
  const generator = generatorFor(options, 'void');
  const at = options.at ?? DEFAULT_AT;
  const voided = generator.create(at, 'takeaway');
  const refunded = generator.create(at + 30_000, 'delivery');
  const v = generator.get(voided.order.externalId)!;
  const r = generator.get(refunded.order.externalId)!;
  return [voided, refunded, generator.void(v), generator.close(r), generator.refund(r)];
}

/** Fisher–Yates with the given uniform source. */
export function shuffle<T>(values: readonly T[], next: () => number): T[] {
  const out = [...values];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
