import { afterEach, describe, expect, it } from 'vitest';
import { type OrdersKit, ordersKit } from '../edge/domains/orders/testing/orders-kit';
import { mergeScenario, shuffle, splitScenario, voidScenario } from '../firmware-sim/pos/scenarios';
import { createRng } from '../firmware-sim/random';
import type { PosOrderSubmission } from '../shared/api/orders';

let kit: OrdersKit;
afterEach(() => kit?.close());

/** Each order's last version, as the POS holds it at the end. */
function latestOrders(events: readonly PosOrderSubmission[]) {
  const latest = new Map<string, PosOrderSubmission['order']>();
  for (const { order } of events) {
    const held = latest.get(order.externalId);
    if (!held || order.version > held.version) latest.set(order.externalId, order);
  }
  return latest;
}

/** What expo must show at the end: every line of every order at its last quantity, a voided order's at 0. */
function expectKitchenMatchesPos(events: readonly PosOrderSubmission[]) {
  for (const order of latestOrders(events).values()) {
    const shown = kit.openQty('expo', order.externalId);
    const wanted = Object.fromEntries(
      order.lines.map((l) => [l.lineId, order.status === 'voided' ? 0 : l.qty]),
    );
    const nonZero = (q: Record<string, number>) =>
      Object.fromEntries(Object.entries(q).filter(([, n]) => n > 0));
    expect(nonZero(shown), `expo lines of ${order.externalId}`).toEqual(nonZero(wanted));
  }
}

const scenarios = [
  ['split bill', splitScenario],
  ['merged and transferred table', mergeScenario],
  ['void and refund', voidScenario],
] as const;

describe('split, merge, void from the POS simulator: no extra ticket, no lost line', () => {
  for (const [name, scenario] of scenarios) {
    it.each([1, 2, 3])(`${name} (seed %i), in the POS's order`, (seed) => {
      kit = ordersKit();
      const events = scenario({ seed, at: kit.clock.now() - 60_000 });
      const receipts = events.map((e) => kit.room.intake.submit('pos-demo', e));
      // Only orders being created or added to open kitchen tickets.
      events.forEach((event, i) => {
        const kind = event.eventId;
        const opened = receipts[i]?.ticketsOpened.length ?? 0;
        if (event.order.status !== 'open' || event.order.lines.some((l) => l.movedFrom))
          expect(opened, `${kind} opened tickets`).toBe(0);
      });
      expectKitchenMatchesPos(events);
    });

    it.each([4, 5, 6])(`${name} (seed %i), its later events arriving shuffled`, (seed) => {
      kit = ordersKit();
      const events = scenario({ seed, at: kit.clock.now() - 60_000 });
      const created = events.filter((e) => e.order.version === 1 && !e.order.lines.some((l) => l.movedFrom));
      const later = shuffle(
        events.filter((e) => !created.includes(e)),
        createRng(seed).fork('arrival').next,
      );
      for (const event of [...created, ...later]) kit.room.intake.submit('pos-demo', event);
      expectKitchenMatchesPos(events);
    });
  }
});
