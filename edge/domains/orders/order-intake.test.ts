import { afterEach, describe, expect, it } from 'vitest';
import type { PosOrderSubmission } from '../../../shared/api/orders';
import { type OrdersKit, orderEvent, ordersKit } from './testing/orders-kit';

let kit: OrdersKit;
afterEach(() => kit?.close());

/** A deterministic shuffle (mulberry32), so every permutation a seed gives is reproducible. */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Six versions of one order: lines added, raised, lowered, removed and put back. */
function sixVersions(): PosOrderSubmission[] {
  const v = [
    [{ lineId: 'l1', item: 'burger', qty: 1 }],
    [
      { lineId: 'l1', item: 'burger', qty: 2 },
      { lineId: 'l2', item: 'fries', qty: 1 },
    ],
    [
      { lineId: 'l1', item: 'burger', qty: 2 },
      { lineId: 'l2', item: 'fries', qty: 3 },
      { lineId: 'l3', item: 'salad', qty: 1 },
    ],
    [
      { lineId: 'l1', item: 'burger', qty: 1 },
      { lineId: 'l2', item: 'fries', qty: 3 },
    ],
    [
      { lineId: 'l1', item: 'burger', qty: 4 },
      { lineId: 'l2', item: 'fries', qty: 2 },
      { lineId: 'l4', item: 'combo', qty: 1 },
    ],
    [
      { lineId: 'l1', item: 'burger', qty: 3 },
      { lineId: 'l2', item: 'fries', qty: 2 },
      { lineId: 'l4', item: 'combo', qty: 2 },
      { lineId: 'l5', item: 'nuggets', qty: 1 },
    ],
  ];
  return v.map((lines, i) => orderEvent('A100', i + 1, lines, { eventId: `A100-v${i + 1}` }));
}

describe('order intake: exactly once, highest version kept', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'a storm of 9 deliveries (seed %i) leaves exactly version 6 on the stations',
    (seed) => {
      kit = ordersKit();
      const versions = sixVersions();
      const duplicates = shuffled(versions, seed + 100).slice(0, 3);
      const storm = shuffled([...versions, ...duplicates], seed);
      const outcomes = storm.map((event) => kit.room.intake.submit('pos-demo', event).outcome);
      expect(outcomes.filter((o) => o === 'duplicate')).toHaveLength(3);

      const stats = kit.room.orders.stats().total;
      expect(stats).toMatchObject({ received: 9, duplicates: 3, superseded: 5 });
      expect(kit.openQty('grill', 'A100')).toEqual({ l1: 3, 'l4/burger': 2 });
      expect(kit.openQty('fry', 'A100')).toEqual({ l2: 2, 'l4/fries': 2, l5: 1 });
      // l3 (salad) may have reached prep in an early version; if it did, it is struck, never open
      expect(kit.openQty('prep', 'A100').l3 ?? 0).toBe(0);
      const { l3 = 0, ...expo } = kit.openQty('expo', 'A100');
      expect(l3).toBe(0);
      expect(expo).toEqual({ l1: 3, l2: 2, l4: 2, l5: 1 });
    },
  );

  it('a redelivery answers duplicate and changes nothing; the same event id from another client is its own', () => {
    kit = ordersKit();
    const event = orderEvent('B1', 1, [{ lineId: 'l1', item: 'salad', qty: 1 }]);
    expect(kit.room.intake.submit('pos-demo', event)).toMatchObject({ duplicate: false, outcome: 'applied' });
    const again = kit.room.intake.submit('pos-demo', event);
    expect(again).toMatchObject({ duplicate: true, outcome: 'duplicate', ticketsOpened: [] });
    expect(kit.open('prep')).toHaveLength(1);
    const otherClient = kit.room.intake.submit('kiosk', { ...event, order: { ...event.order, version: 2 } });
    expect(otherClient.outcome).toBe('applied');
  });
});

describe('versions diffed line by line', () => {
  it('more of a line is an addition ticket; less strikes through the newest unmade portions', () => {
    kit = ordersKit();
    kit.room.intake.submit('pos', orderEvent('C1', 1, [{ lineId: 'l1', item: 'burger', qty: 2 }]));
    const v2 = kit.room.intake.submit('pos', orderEvent('C1', 2, [{ lineId: 'l1', item: 'burger', qty: 3 }]));
    const grill = kit.open('grill');
    expect(grill.map((t) => [t.kind, t.lines[0]?.qty])).toEqual([
      ['original', 2],
      ['addition', 1],
    ]);
    expect(v2.ticketsOpened).toContain(grill[1]?.id);
    kit.room.intake.submit('pos', orderEvent('C1', 3, [{ lineId: 'l1', item: 'burger', qty: 1 }]));
    const after = kit.open('grill');
    expect(after.map((t) => t.lines[0] && [t.lines[0].qty, t.lines[0].removedQty, t.lines[0].state])).toEqual(
      [
        [1, 1, 'cooking'],
        [0, 1, 'voided'],
      ],
    );
  });

  it('a line gone from the order is struck through with its lineId, never dropped', () => {
    kit = ordersKit();
    kit.room.intake.submit(
      'pos',
      orderEvent('C2', 1, [
        { lineId: 'l1', item: 'burger', qty: 1 },
        { lineId: 'l2', item: 'fries', qty: 2 },
      ]),
    );
    kit.room.intake.submit('pos', orderEvent('C2', 2, [{ lineId: 'l1', item: 'burger', qty: 1 }]));
    const [fry] = kit.open('fry');
    expect(fry?.lines).toEqual([
      expect.objectContaining({ lineId: 'l2', qty: 0, removedQty: 2, state: 'voided' }),
    ]);
    expect(kit.open('fry')).toHaveLength(1);
  });

  it('a changed modifier marks the open line changed, without a new ticket', () => {
    kit = ordersKit();
    kit.room.intake.submit('pos', orderEvent('C3', 1, [{ lineId: 'l1', item: 'burger', qty: 1 }]));
    kit.room.intake.submit(
      'pos',
      orderEvent('C3', 2, [
        {
          lineId: 'l1',
          item: 'burger',
          qty: 1,
          modifiers: [{ id: 'm1', item: 'no-nuts' }],
          note: 'no onion',
        },
      ]),
    );
    const grill = kit.open('grill');
    expect(grill).toHaveLength(1);
    expect(grill[0]?.lines[0]).toMatchObject({ changed: true, allergy: true, note: 'no onion' });
  });
});

describe('split, merge, void: no extra ticket, no lost line', () => {
  const a1 = () =>
    orderEvent('T5', 1, [
      { lineId: 'a', item: 'burger', qty: 1 },
      { lineId: 'b', item: 'combo', qty: 1 },
    ]);
  const a2 = () => orderEvent('T5', 2, [{ lineId: 'a', item: 'burger', qty: 1 }]);
  const split = () =>
    orderEvent('T5-2', 1, [
      { lineId: 'x', item: 'combo', qty: 1, movedFrom: { externalId: 'T5', lineId: 'b' } },
    ]);

  it.each([
    ['the new check first', () => [split(), a2()]],
    ['the old check first', () => [a2(), split()]],
  ])('a split bill (%s) moves the line with its ticket', (_, later) => {
    kit = ordersKit();
    kit.room.intake.submit('pos', a1());
    const ticketsBefore = ['grill', 'fry', 'expo'].map((s) => kit.open(s).length);
    for (const event of later()) kit.room.intake.submit('pos', event);
    expect(['grill', 'fry', 'expo'].map((s) => kit.open(s).length)).toEqual(ticketsBefore);
    expect(kit.openQty('grill', 'T5')).toEqual({ a: 1 });
    expect(kit.openQty('grill', 'T5-2')).toEqual({ 'x/burger': 1 });
    expect(kit.openQty('fry', 'T5-2')).toEqual({ 'x/fries': 1 });
    expect(kit.openQty('expo', 'T5-2')).toEqual({ x: 1 });
    const moved = kit.open('fry')[0]?.lines[0];
    expect(moved).toMatchObject({ movedTo: 'T5-2', state: expect.not.stringMatching('voided') });
  });

  it('a merged table keeps every line once', () => {
    kit = ordersKit();
    kit.room.intake.submit('pos', orderEvent('T1', 1, [{ lineId: 'a', item: 'salad', qty: 2 }]));
    kit.room.intake.submit('pos', orderEvent('T2', 1, [{ lineId: 'b', item: 'nuggets', qty: 1 }]));
    kit.room.intake.submit('pos', orderEvent('T2', 2, [], { status: 'voided' }));
    kit.room.intake.submit(
      'pos',
      orderEvent('T1', 2, [
        { lineId: 'a', item: 'salad', qty: 2 },
        { lineId: 'c', item: 'nuggets', qty: 1, movedFrom: { externalId: 'T2', lineId: 'b' } },
      ]),
    );
    expect(kit.open('fry')).toHaveLength(1);
    expect(kit.openQty('fry', 'T1')).toEqual({ c: 1 });
    expect(kit.openQty('prep', 'T1')).toEqual({ a: 2 });
  });

  it('a void strikes every line and opens nothing; a close with the same lines and a refund change nothing', () => {
    kit = ordersKit();
    kit.room.intake.submit('pos', orderEvent('V1', 1, [{ lineId: 'a', item: 'combo', qty: 2 }]));
    kit.room.intake.submit('pos', orderEvent('V2', 1, [{ lineId: 'a', item: 'salad', qty: 1 }]));
    const voided = kit.room.intake.submit(
      'pos',
      orderEvent('V1', 2, [{ lineId: 'a', item: 'combo', qty: 2 }], { status: 'voided' }),
    );
    expect(voided.ticketsOpened).toEqual([]);
    const grill = kit.open('grill')[0];
    expect(grill).toMatchObject({ orderVoided: true });
    expect(grill?.lines[0]).toMatchObject({ qty: 0, removedQty: 2, state: 'voided' });
    const closed = kit.room.intake.submit(
      'pos',
      orderEvent('V2', 2, [{ lineId: 'a', item: 'salad', qty: 1 }], { status: 'closed' }),
    );
    expect(closed.ticketsOpened).toEqual([]);
    // a refund after the food: what was made is waste, nothing changes in the kitchen
    const refunded = kit.room.intake.submit('pos', orderEvent('V2', 3, [], { status: 'refunded' }));
    expect(refunded.ticketsOpened).toEqual([]);
    expect(kit.openQty('prep', 'V2')).toEqual({ a: 1 });
  });

  it("a counter sale arriving paid is made; a past day's check from a backfill is only recorded", () => {
    kit = ordersKit();
    const paid = kit.room.intake.submit(
      'pos',
      orderEvent('Q1', 1, [{ lineId: 'a', item: 'fries', qty: 2 }], {
        status: 'closed',
        channel: 'takeaway',
      }),
    );
    expect(paid.ticketsOpened).toHaveLength(2);
    const yesterday = kit.clock.now() - 30 * 3_600_000;
    const backfill = kit.room.intake.submit(
      'toast',
      orderEvent('T-99', 1, [{ lineId: 'a', item: 'fries', qty: 2 }], {
        status: 'closed',
        placedAt: yesterday,
      }),
    );
    expect(backfill).toMatchObject({ outcome: 'applied', ticketsOpened: [] });
  });
});

describe('fire by prep time, courses', () => {
  it('items of one order finish together: a 240 s burger fires at 0, a 60 s salad at 180 s', () => {
    kit = ordersKit();
    const t0 = kit.clock.now();
    kit.room.intake.submit(
      'pos',
      orderEvent('F1', 1, [
        { lineId: 'a', item: 'burger', qty: 1 },
        { lineId: 'b', item: 'salad', qty: 1 },
        { lineId: 'c', item: 'fries', qty: 1, modifiers: [{ id: 'm', item: 'large' }] },
      ]),
    );
    expect(kit.open('grill')[0]?.lines[0]).toMatchObject({ state: 'cooking', firesAt: t0 });
    expect(kit.open('prep')[0]?.lines[0]).toMatchObject({ state: 'pending', firesAt: t0 + 180_000 });
    // fries 180 s + large 30 s = 210 s: fires at 30 s
    expect(kit.open('fry')[0]?.lines[0]).toMatchObject({ firesAt: t0 + 30_000 });
    kit.clock.advance(179_999);
    expect(kit.open('prep')[0]?.lines[0]?.state).toBe('pending');
    expect(kit.room.kds.allDay('prep')).toEqual([{ item: 'salad', cooking: 0, pending: 1 }]);
    kit.clock.advance(1);
    expect(kit.open('prep')[0]?.lines[0]?.state).toBe('cooking');
    expect(kit.room.kds.allDay('prep')).toEqual([{ item: 'salad', cooking: 1, pending: 0 }]);
  });

  it('a later course is held until the one before is bumped, or fired by hand', () => {
    kit = ordersKit();
    kit.room.intake.submit(
      'pos',
      orderEvent('F2', 1, [
        { lineId: 'a', item: 'salad', qty: 1 },
        { lineId: 'b', item: 'sundae', qty: 2 },
      ]),
    );
    const prep = () => kit.open('prep')[0]?.lines ?? [];
    expect(prep().map((l) => [l.lineId, l.state, l.firesAt === undefined])).toEqual([
      ['a', 'cooking', false],
      ['b', 'pending', true],
    ]);
    const ticket = kit.open('prep')[0];
    if (!ticket) throw new Error('no prep ticket');
    kit.room.kds.bump(ticket.id, 'display:prep', 'a');
    expect(prep().find((l) => l.lineId === 'b')).toMatchObject({ state: 'cooking' });

    kit.room.intake.submit(
      'pos',
      orderEvent('F3', 1, [
        { lineId: 'a', item: 'burger', qty: 1 },
        { lineId: 'b', item: 'sundae', qty: 1 },
      ]),
    );
    const f3 = kit.open('prep').find((t) => t.orderExternalId === 'F3');
    expect(f3?.lines[0]).toMatchObject({ state: 'pending' });
    expect(f3 && kit.room.kds.fire(f3.orderId, 2, 'mgr-li')).toEqual({ released: 2 });
    expect(kit.open('prep').find((t) => t.orderExternalId === 'F3')?.lines[0]?.state).toBe('cooking');
  });
});

describe('bump, recall, expo', () => {
  it('bump removes a ticket from its station, recall brings it back; every step recorded', () => {
    kit = ordersKit();
    kit.room.intake.submit('pos', orderEvent('R1', 1, [{ lineId: 'a', item: 'combo', qty: 1 }]));
    const [grill] = kit.open('grill');
    if (!grill) throw new Error('no grill ticket');
    const expoBefore = kit.open('expo')[0]?.readiness;
    expect(expoBefore).toEqual(
      expect.arrayContaining([
        { station: 'grill', ready: false, openLines: 1 },
        { station: 'fry', ready: false, openLines: 1 },
      ]),
    );
    kit.clock.advance(95_000);
    const bumped = kit.room.kds.bump(grill.id, 'display:grill-screen');
    expect(bumped).toMatchObject({ bumpedBy: 'display:grill-screen', bumpedAt: kit.clock.now() });
    expect(kit.open('grill')).toHaveLength(0);
    expect(kit.open('expo')[0]?.readiness).toEqual(
      expect.arrayContaining([{ station: 'grill', ready: true, openLines: 0 }]),
    );
    expect(kit.announced.some((m) => m.station === 'expo' && m.change === 'bumped')).toBe(true);
    expect(kit.room.kds.tickets('grill', 'bumped').map((t) => t.id)).toEqual([grill.id]);
    const speed = kit.room.speed.summary();
    expect(speed.byStation).toEqual([{ station: 'grill', tickets: 1, averageS: 95, p90S: 95 }]);
    expect(speed.byChannel).toEqual([{ channel: 'dine_in', tickets: 1, averageS: 95, p90S: 95 }]);
    const recalled = kit.room.kds.recall(grill.id, 'mgr-li');
    expect(recalled.recalledAt).toBe(kit.clock.now());
    expect(kit.open('grill').map((t) => t.id)).toEqual([grill.id]);
    expect(() => kit.room.kds.recall(grill.id, 'mgr-li')).toThrow(/still on its station/);
    expect(kit.room.kds.actions(grill.id).map((a) => [a.action, a.actor])).toEqual([
      ['bump', 'display:grill-screen'],
      ['recall', 'mgr-li'],
    ]);
  });

  it('a chained station gets the ticket its predecessor bumped', () => {
    kit = ordersKit((k) => ({
      ...k,
      stations: [
        ...k.stations.map((s) => (s.id === 'grill' ? { ...s, next: 'pack' } : s)),
        {
          id: 'pack',
          name: { en: 'Pack', 'zh-CN': '打包' },
          kind: 'prep',
          thresholds: { warnAfterS: 60, lateAfterS: 120 },
        },
      ],
    }));
    kit.room.intake.submit(
      'pos',
      orderEvent('S1', 1, [{ lineId: 'a', item: 'burger', qty: 2 }], { channel: 'delivery' }),
    );
    const [grill] = kit.open('grill');
    if (!grill) throw new Error('no grill ticket');
    kit.room.kds.bump(grill.id, 'display:grill');
    const [pack] = kit.open('pack');
    expect(pack).toMatchObject({ kind: 'chained', chainedFrom: grill.id, channel: 'delivery' });
    expect(pack?.lines[0]).toMatchObject({ lineId: 'a', qty: 2, state: 'cooking' });
  });
});
