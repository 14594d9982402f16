import { describe, expect, it } from 'vitest';
import { SyncHealth } from '../../../shared/sync/sync-protocol';
import { syncHealth, T0 } from '../testing/work-order-fixtures';
import { syncStatus, UNREACHABLE_WARN_MS } from './sync-status';

const MIN = 60_000;

describe('syncStatus', () => {
  it('says off when the edge runs without a central service', () => {
    expect(syncStatus(syncHealth({ enabled: false, centralUrl: null }), T0)).toEqual({ kind: 'off' });
  });

  it('is synced with nothing waiting, and remembers when it last succeeded', () => {
    expect(syncStatus(syncHealth(), T0)).toEqual({ kind: 'synced', lastSuccessAt: T0 - 3 * MIN });
  });

  it('counts both lanes as the backlog while sending goes well', () => {
    const health = SyncHealth.parse(syncHealth({ backlog: { high: 2, low: 40 }, lagMs: 2000 }));
    expect(syncStatus(health, T0)).toMatchObject({ kind: 'sending', backlog: 42 });
  });

  it('a failure shortly after the last success is retrying, not a warning', () => {
    const health = syncHealth({
      backlog: { high: 1, low: 5 },
      lastSuccessAt: T0 - 4 * MIN,
      lastError: { at: T0 - MIN, message: 'connect ECONNREFUSED' },
      consecutiveFailures: 3,
    });
    expect(syncStatus(health, T0)).toEqual({
      kind: 'retrying',
      backlog: 6,
      lastSuccessAt: T0 - 4 * MIN,
      downMs: 4 * MIN,
    });
  });

  it('turns to unreachable only once central has been out of reach for longer than 15 minutes', () => {
    const failing = (lastSuccessAt: number) =>
      syncHealth({
        lastSuccessAt,
        lastError: { at: T0 - 10_000, message: 'timeout' },
        consecutiveFailures: 9,
      });
    expect(syncStatus(failing(T0 - UNREACHABLE_WARN_MS), T0).kind).toBe('retrying');
    expect(syncStatus(failing(T0 - UNREACHABLE_WARN_MS - 1), T0).kind).toBe('unreachable');
  });

  it('before any success, counts the outage from the oldest event still waiting', () => {
    const health = syncHealth({
      lastSuccessAt: null,
      lagMs: 20 * MIN,
      backlog: { high: 3, low: 0 },
      lastError: { at: T0 - 5000, message: 'ENOTFOUND' },
      consecutiveFailures: 12,
    });
    expect(syncStatus(health, T0)).toMatchObject({ kind: 'unreachable', downMs: 20 * MIN });
  });

  it('an old error followed by a success is history, not a failure', () => {
    const health = syncHealth({
      lastSuccessAt: T0 - MIN,
      lastError: { at: T0 - 30 * MIN, message: 'timeout' },
      consecutiveFailures: 0,
    });
    expect(syncStatus(health, T0).kind).toBe('synced');
  });
});
