import { gunzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { SYNC_MAX_EVENTS_PER_BATCH } from '../../shared/sync/sync-protocol';
import { SyncRig } from './testing/sync-test-kit';

let rig: SyncRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('outbox pusher', () => {
  it('delivers every event once, in seq order, gzip-compressed, and prunes what central acknowledged', async () => {
    rig = await SyncRig.start();
    const seqs = rig.append('alarm.raised', 1200);
    rig.service.start();
    const r = rig;
    await r.until(() => r.central.events(r.storeId).length === 1200, 'all events at central');

    expect(r.central.receivedOrder(r.storeId)).toEqual(seqs);
    expect(r.outboxCount()).toBe(0);
    const batches = r.central.wire.filter((w) => w.path === '/api/sync/batches');
    expect(batches).toHaveLength(Math.ceil(1200 / SYNC_MAX_EVENTS_PER_BATCH));
    expect(batches.every((b) => b.contentEncoding === 'gzip' && b.status === 200)).toBe(true);
    const health = r.service.health();
    expect(health).toMatchObject({ lastAckedSeq: 1200, highestSeq: 1200, backlog: { high: 0, low: 0 } });
    expect(health.lagMs).toBeNull();
  });

  it('compresses on the wire: the body is gzip and smaller than its JSON', async () => {
    rig = await SyncRig.start();
    rig.append('ticket.transition', 300);
    const bodies: Buffer[] = [];
    const originalFetch = globalThis.fetch;
    // Read the bytes as sent by wrapping the transport, then hand them on unchanged.
    globalThis.fetch = async (input, init) => {
      if (init?.body instanceof Uint8Array) bodies.push(Buffer.from(init.body));
      return originalFetch(input, init);
    };
    try {
      await rig.service.pusher?.pushNow();
    } finally {
      globalThis.fetch = originalFetch;
    }
    expect(bodies).toHaveLength(1);
    const body = bodies[0] as Buffer;
    expect(body.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    const json = gunzipSync(body);
    expect(JSON.parse(json.toString('utf8')).events).toHaveLength(300);
    expect(body.length).toBeLessThan(json.length / 3);
  });

  it('resumes after a restart from what central acknowledged: nothing lost, nothing sent twice', async () => {
    rig = await SyncRig.start();
    const r = rig;
    const seqs = r.append('alarm.raised', 700);
    await r.service.pusher?.pushNow(); // all 700 acked
    const more = r.append('ticket.opened', 650);
    await r.central.down();
    await r.service.pusher?.pushNow(); // fails: central is down
    expect(r.service.health().consecutiveFailures).toBe(1);
    await r.restart();
    await r.central.up();
    await r.service.pusher?.pushNow();

    expect(r.central.receivedOrder(r.storeId)).toEqual([...seqs, ...more]);
    const sent = r.central.wire.filter((w) => w.path === '/api/sync/batches' && w.status === 200);
    // each backlog in full batches and a part: no batch resent
    const batches = (n: number) => Math.ceil(n / SYNC_MAX_EVENTS_PER_BATCH);
    expect(sent).toHaveLength(batches(700) + batches(650));
    expect(r.service.health().lastAckedSeq).toBe(1350);
    expect(r.outboxCount()).toBe(0);
  });

  it('drains every high event before any rollup, even rollups appended first', async () => {
    rig = await SyncRig.start();
    const r = rig;
    const rollups = r.append('rollup.minute', 600);
    const alarms = r.append('alarm.raised', 30);
    const status = r.append('device.status', 20);
    const later = r.append('ticket.opened', 5);
    await r.service.pusher?.pushNow();

    const order = r.central.receivedOrder(r.storeId);
    expect(order).toEqual([...alarms, ...status, ...later, ...rollups]);
    const firstBatch = order.slice(0, SYNC_MAX_EVENTS_PER_BATCH);
    expect(firstBatch.slice(0, 55)).toEqual([...alarms, ...status, ...later]);
  });

  it('a full outbox drops only the oldest rollups, counts them, and tells central', async () => {
    rig = await SyncRig.start({ settings: { outboxMaxRows: 100 } });
    const r = rig;
    const rollups = r.append('rollup.minute', 80);
    const alarms = r.append('alarm.raised', 40);
    const tickets = r.append('ticket.opened', 10);
    expect(r.service.enforceCap()).toBe(30);
    expect(r.outboxCount()).toBe(100);
    expect(r.service.health()).toMatchObject({ droppedRollups: 30, backlog: { high: 50, low: 50 } });

    // Over the cap with high events only: nothing more can go, and no alarm or ticket does.
    r.append('alarm.cleared', 60);
    expect(r.service.enforceCap()).toBe(50);
    expect(r.service.enforceCap()).toBe(0);
    expect(r.service.health()).toMatchObject({ droppedRollups: 80, backlog: { high: 110, low: 0 } });

    await r.service.pusher?.pushNow();
    const types = r.central.events(r.storeId).map((e) => e.type);
    expect(types.filter((t) => t === 'rollup.minute')).toHaveLength(0);
    expect(r.central.receivedOrder(r.storeId).slice(0, 50)).toEqual([...alarms, ...tickets]);
    expect(rollups).toHaveLength(80);
    expect(r.central.droppedRollups(r.storeId)).toBe(80);
  });

  it('with no central URL it is disabled, says so, and the outbox keeps its events', async () => {
    rig = await SyncRig.start({ withCentral: false });
    rig.append('alarm.raised', 3);
    rig.service.start();
    expect(rig.service.pusher).toBeUndefined();
    expect(rig.service.health()).toMatchObject({
      enabled: false,
      centralUrl: null,
      backlog: { high: 3, low: 0 },
    });
    expect(rig.service.health().enabled).toBe(false);
    expect(rig.outboxCount()).toBe(3);
  });

  it('an idle pusher sends a committed alarm at once; a rollup alone waits for the poll', async () => {
    rig = await SyncRig.start({ settings: { pushIntervalS: 3600 } });
    const r = rig;
    r.service.start();
    r.clock.advance(0); // the start-up pass: nothing to send
    await r.service.pusher?.settled();
    const tick = async () => {
      r.clock.advance(0);
      await new Promise((resolve) => setImmediate(resolve));
      await r.service.pusher?.settled();
    };

    const [rollup] = r.append('rollup.minute', 1);
    await tick();
    await tick();
    expect(r.central.receivedOrder(r.storeId)).toEqual([]);

    const [alarm] = r.append('alarm.raised', 1);
    await r.until(() => r.central.events(r.storeId).length === 2, 'alarm and rollup at central', 0, 5000);
    expect(r.central.receivedOrder(r.storeId)).toEqual([alarm, rollup]);
    expect(r.service.pusher?.state.nextAttemptAt).toBe(r.clock.now() + 3600 * 1000);
  });
});
