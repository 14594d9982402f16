import { afterEach, describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff';
import { SyncRig } from './testing/sync-test-kit';

const policy = { baseMs: 1000, maxMs: 300_000 };

describe('backoffDelay', () => {
  it('doubles per failure within [step/2, step), up to the cap', () => {
    for (const [failures, step] of [
      [1, 1000],
      [2, 2000],
      [5, 16_000],
      [9, 256_000],
      [10, 300_000],
      [60, 300_000],
    ] as const) {
      expect(backoffDelay(failures, policy, () => 0)).toBe(step / 2);
      const top = backoffDelay(failures, policy, () => 0.999_999);
      expect(top).toBeLessThan(step);
      expect(top).toBeGreaterThanOrEqual(step - 1);
    }
  });

  it('spreads stores that failed together over the jitter window', () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 16807) % 2147483647;
      return (seed - 1) / 2147483646;
    };
    const delays = Array.from({ length: 200 }, () => backoffDelay(4, policy, random));
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(4000);
    expect(Math.max(...delays)).toBeLessThan(8000);
    expect(new Set(delays).size).toBeGreaterThan(150);
  });
});

let rig: SyncRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

describe('pusher retries on the injected clock', () => {
  it('waits the jittered back-off before each retry, then resumes on success', async () => {
    rig = await SyncRig.start({ random: () => 0.25 });
    const r = rig;
    const pusher = r.service.pusher;
    if (!pusher) throw new Error('sync should be enabled');
    r.append('alarm.raised', 3);
    r.central.failBatches(503, 503, 503);
    r.service.start();
    r.clock.advance(0);
    await pusher.settled();
    const attempts = () => r.central.wire.filter((w) => w.path === '/api/sync/batches').length;
    expect(attempts()).toBe(1);
    expect(r.service.health()).toMatchObject({ consecutiveFailures: 1 });
    expect(r.service.health().lastError?.message).toContain('503');

    // failure n waits 2^(n-1) s × (0.5 + 0.25 × 0.5) = 625 ms, 1250 ms, 2500 ms
    for (const [n, wait] of [
      [2, 625],
      [3, 1250],
      [4, 2500],
    ] as const) {
      r.clock.advance(wait - 1);
      await pusher.settled();
      expect(attempts()).toBe(n - 1);
      r.clock.advance(1);
      await pusher.settled();
      expect(attempts()).toBe(n);
    }
    expect(r.central.events(r.storeId)).toHaveLength(3);
    expect(r.service.health()).toMatchObject({ consecutiveFailures: 0, lastError: null, lastAckedSeq: 3 });
    expect(r.metrics.render()).toMatch(/galley_sync_push_failures_total 3/);
  });

  it('retries an unreachable central no faster than the cap allows', async () => {
    rig = await SyncRig.start({ random: () => 0.999, settings: { retryMaxS: 10 } });
    const r = rig;
    const pusher = r.service.pusher;
    if (!pusher) throw new Error('sync should be enabled');
    r.append('alarm.raised', 1);
    await r.central.down();
    r.service.start();
    for (let i = 0; i < 12; i++) {
      r.clock.advance(10_000);
      await pusher.settled();
    }
    const h = r.service.health();
    // 1 + one per 10 s of capped back-off: never more often than every 5 s
    expect(h.consecutiveFailures).toBeGreaterThanOrEqual(8);
    expect(h.consecutiveFailures).toBeLessThanOrEqual(13);
    expect(h.lastError?.message).toMatch(/unreachable/);
    expect(pusher.state.nextAttemptAt! - r.clock.now()).toBeLessThanOrEqual(10_000);
    expect(pusher.state.nextAttemptAt! - r.clock.now()).toBeGreaterThan(0);
  });
});
