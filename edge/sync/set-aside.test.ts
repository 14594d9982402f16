import { afterEach, describe, expect, it } from 'vitest';
import type { SyncEvent } from '../../shared/sync/sync-protocol';
import { SyncRig } from './testing/sync-test-kit';

let rig: SyncRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

interface SetAsideDbRow {
  seq: number;
  type: string;
  state: string;
  reason: string;
  status: number | null;
  attempts: number;
  edge_version: string;
  protocol_version: number;
}

function setAsideRows(r: SyncRig): SetAsideDbRow[] {
  return r.db
    .prepare(
      'SELECT seq, type, state, reason, status, attempts, edge_version, protocol_version FROM sync_set_aside ORDER BY seq',
    )
    .all() as SetAsideDbRow[];
}

const refuseSeqs =
  (...seqs: number[]) =>
  (e: SyncEvent) =>
    seqs.includes(e.seq) ? `events.${e.seq}.payload: not what central expects` : undefined;

describe('events central refuses', () => {
  it('sets the refused event aside with central’s reason, and the alarms behind it arrive in order', async () => {
    rig = await SyncRig.start();
    const r = rig;
    const before = r.append('alarm.raised', 3);
    const [bad] = r.append('ticket.opened', 1, 'fryer-2');
    const behind = r.append('alarm.raised', 5, 'wic-2');
    const rollups = r.append('rollup.minute', 40);
    r.central.refuseEvents(refuseSeqs(bad as number));
    r.service.start();
    await r.until(() => r.outboxCount() === 0, 'the outbox drained');

    expect(r.central.receivedOrder(r.storeId)).toEqual([...before, ...behind, ...rollups]);
    const rows = setAsideRows(r);
    expect(rows).toEqual([
      {
        seq: bad,
        type: 'ticket.opened',
        state: 'held',
        reason: `events.${bad}.payload: not what central expects`,
        status: 400,
        attempts: 1,
        edge_version: '1.0.0-test',
        protocol_version: 2,
      },
    ]);
    // Central named it: one refused post, then the rest in one.
    expect(r.central.refusedBatchSizes).toEqual([49]);
    const health = r.service.health();
    expect(health).toMatchObject({ setAside: 1, consecutiveFailures: 0, backlog: { high: 0, low: 0 } });
    expect(health.setAsideNewest).toEqual([
      expect.objectContaining({ seq: bad, type: 'ticket.opened', entityId: 'fryer-2', status: 400 }),
    ]);
    expect(r.service.health().setAside).toBe(1);
    const metrics = await r.metrics.render();
    expect(metrics).toContain('galley_sync_set_aside_events 1');
  });

  it('finds the refused events by bisection when central does not say which, the rest still in order', async () => {
    rig = await SyncRig.start();
    const r = rig;
    const seqs = r.append('alarm.raised', 600);
    const bad = [seqs[17] as number, seqs[444] as number];
    r.central.refuseEvents(refuseSeqs(...bad), false);
    r.service.start();
    await r.until(() => r.outboxCount() === 0, 'the outbox drained');

    expect(r.central.receivedOrder(r.storeId)).toEqual(seqs.filter((s) => !bad.includes(s)));
    expect(setAsideRows(r).map((row) => [row.seq, row.state])).toEqual(bad.map((s) => [s, 'held']));
    expect(setAsideRows(r)[0]?.reason).toContain('central answered 400');
    // log2(600) ≈ 10 levels, two refused halves each at most: far from one post per event.
    expect(r.central.refusedBatchSizes.length).toBeLessThanOrEqual(2 * 2 * 10);
    expect(r.service.health().setAside).toBe(2);
  });

  it('offers set-aside events again after an upgrade, not after a plain restart', async () => {
    rig = await SyncRig.start({ edgeVersion: '1.0.0' });
    const r = rig;
    const [bad] = r.append('alarm.raised', 1);
    const after = r.append('alarm.cleared', 2);
    r.central.refuseEvents(refuseSeqs(bad as number));
    r.service.start();
    await r.until(() => r.outboxCount() === 0, 'the outbox drained');
    expect(r.central.receivedOrder(r.storeId)).toEqual(after);

    // Same version, central unchanged: nothing to try again.
    await r.restart();
    r.service.start();
    await r.service.pusher?.pushNow();
    expect(setAsideRows(r).map((row) => row.state)).toEqual(['held']);
    expect(r.central.refusedBatchSizes).toHaveLength(1);

    // A new edge version, central still refusing: tried once more, held again.
    await r.restart({ edgeVersion: '1.1.0' });
    r.service.start();
    await r.until(() => setAsideRows(r)[0]?.attempts === 2, 'refused a second time');
    expect(setAsideRows(r)[0]).toMatchObject({ state: 'held', edge_version: '1.1.0', attempts: 2 });
    expect(r.outboxCount()).toBe(0);

    // Central fixed, then the next upgrade: delivered, and gone from the side table.
    r.central.refuseEvents(undefined);
    await r.restart({ edgeVersion: '1.2.0' });
    r.service.start();
    await r.until(() => r.central.events(r.storeId).length === 3, 'the retried event at central');
    expect(setAsideRows(r)).toEqual([]);
    expect(r.service.health().setAside).toBe(0);
    expect(r.central.receivedOrder(r.storeId)).toEqual([...after, bad]);
  });

  it('a manager’s retry sends them at once; refused again they stay, one attempt more', async () => {
    rig = await SyncRig.start();
    const r = rig;
    const seqs = r.append('alarm.raised', 4);
    r.central.refuseEvents(refuseSeqs(seqs[1] as number, seqs[2] as number));
    r.service.start();
    await r.until(() => r.outboxCount() === 0, 'the outbox drained');

    expect(r.service.retrySetAside('mgr-li')).toEqual({ retried: 2 });
    await r.until(() => setAsideRows(r).every((row) => row.attempts === 2), 'refused again');
    expect(r.service.health().setAside).toBe(2);

    r.central.refuseEvents(refuseSeqs(seqs[2] as number));
    expect(r.service.retrySetAside('mgr-li')).toEqual({ retried: 2 });
    await r.until(() => r.central.events(r.storeId).length === 3, 'the one central now takes');
    expect(setAsideRows(r).map((row) => [row.seq, row.attempts])).toEqual([[seqs[2], 3]]);
    expect(r.service.retrySetAside('mgr-li')).toEqual({ retried: 1 });
  });

  it('keeps backing off, setting nothing aside, on 401, 403, 404, 429 and 5xx', async () => {
    rig = await SyncRig.start();
    const r = rig;
    const seqs = r.append('alarm.raised', 5);
    r.central.failBatches(401, 403, 404, 429, 500, 503);
    r.service.start();
    await r.until(() => r.service.health().consecutiveFailures === 6, 'six failures', 1000, 20_000);
    expect(setAsideRows(r)).toEqual([]);
    expect(r.outboxCount()).toBe(5);
    await r.until(() => r.outboxCount() === 0, 'delivered once central answers', 60_000, 20_000);
    expect(r.central.receivedOrder(r.storeId)).toEqual(seqs);
    expect(setAsideRows(r)).toEqual([]);
  });
});
