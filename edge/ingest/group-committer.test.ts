import { setImmediate as nextTurn } from 'node:timers/promises';
import { expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { DEFAULT_EAGER_FLUSH_AT, GroupCommitter } from './group-committer';
import type { BatchOutcome, WriteOp } from './write-ops';

/** The batches as committed; what a transaction would hold, in order. */
function committerWithLog(clock: FakeClock) {
  const batches: number[] = [];
  const committer = new GroupCommitter({
    clock,
    logger: silentLogger(),
    maxDelayMs: 5,
    maxBatch: 2000,
    commit: (ops: WriteOp[]): BatchOutcome => {
      batches.push(ops.length);
      return { outcomes: ops.map(() => ({ kind: 'status', changed: true })), transactions: 1 };
    },
  });
  return { committer, batches };
}

const op = (i: number): WriteOp => ({
  kind: 'status',
  equipmentId: `eq-${i}`,
  online: true,
  at: i,
  cause: 'status',
});

it('commits a window of acknowledged messages at the end of the turn, without waiting out the delay', async () => {
  const clock = new FakeClock();
  const { committer, batches } = committerWithLog(clock);
  const settled = Array.from({ length: DEFAULT_EAGER_FLUSH_AT }, (_, i) => committer.submit(op(i), true));
  expect(batches).toEqual([]);
  await nextTurn();
  expect(batches).toEqual([DEFAULT_EAGER_FLUSH_AT]);
  await Promise.all(settled);
});

it('lets QoS 0 traffic and a trickle of acknowledged messages gather until the delay', async () => {
  const clock = new FakeClock();
  const { committer, batches } = committerWithLog(clock);
  const settled = [
    ...Array.from({ length: 500 }, (_, i) => committer.submit(op(i))),
    ...Array.from({ length: DEFAULT_EAGER_FLUSH_AT - 1 }, (_, i) => committer.submit(op(i), true)),
  ];
  await nextTurn();
  expect(batches).toEqual([]);
  clock.advance(5);
  expect(batches).toEqual([500 + DEFAULT_EAGER_FLUSH_AT - 1]);
  await Promise.all(settled);
  // The count of waiting acknowledgements starts again with the next batch.
  committer.submit(op(1), true);
  await nextTurn();
  expect(batches).toHaveLength(1);
  clock.advance(5);
  expect(batches).toEqual([500 + DEFAULT_EAGER_FLUSH_AT - 1, 1]);
});

it('counts a failed op nobody waits on without a promise, and still fails the awaited ones with it', async () => {
  const clock = new FakeClock();
  const committer = new GroupCommitter({
    clock,
    logger: silentLogger(),
    maxDelayMs: 5,
    maxBatch: 2000,
    commit: (ops: WriteOp[]): BatchOutcome => ({
      outcomes: ops.map(() => ({ kind: 'failed', message: 'disk full' })),
      transactions: 0,
    }),
  });
  expect(committer.enqueue(op(1))).toBe(true);
  expect(committer.enqueue(op(2))).toBe(true);
  const awaited = committer.submit(op(3), true);
  clock.advance(5);
  await expect(awaited).rejects.toThrow();
  expect(committer.stats).toEqual({ transactions: 0, committedItems: 0, failedItems: 3 });
  await committer.close();
  expect(committer.enqueue(op(4))).toBe(false);
  expect(committer.waiting).toBe(0);
});
