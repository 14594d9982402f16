import type { SyncHealth } from '../../../shared/sync/sync-protocol';

/** Central out of reach for longer than this is worth a manager's look; shorter is an internet hiccup. */
export const UNREACHABLE_WARN_MS = 15 * 60_000;

export type SyncStatus =
  | { kind: 'off' }
  | { kind: 'synced'; lastSuccessAt: number | null }
  | { kind: 'sending'; backlog: number; lastSuccessAt: number | null }
  /** failing, but not for long: shown as calmly as `sending` */
  | { kind: 'retrying'; backlog: number; lastSuccessAt: number | null; downMs: number }
  /** failing for longer than UNREACHABLE_WARN_MS: the only state in a warning colour */
  | { kind: 'unreachable'; backlog: number; lastSuccessAt: number | null; downMs: number };

/**
 * What the header says about sync. How long central has been out of reach counts
 * from the last success; before any success, from the oldest event still waiting,
 * which is as long as the store has had something central has not seen.
 */
export function syncStatus(health: SyncHealth, now: number): SyncStatus {
  if (!health.enabled) return { kind: 'off' };
  const backlog = health.backlog.high + health.backlog.low;
  const { lastSuccessAt } = health;
  const failing =
    health.consecutiveFailures > 0 &&
    health.lastError !== null &&
    (lastSuccessAt === null || health.lastError.at >= lastSuccessAt);
  if (failing) {
    const downMs = Math.max(0, lastSuccessAt !== null ? now - lastSuccessAt : (health.lagMs ?? 0));
    return downMs > UNREACHABLE_WARN_MS
      ? { kind: 'unreachable', backlog, lastSuccessAt, downMs }
      : { kind: 'retrying', backlog, lastSuccessAt, downMs };
  }
  if (backlog > 0) return { kind: 'sending', backlog, lastSuccessAt };
  return { kind: 'synced', lastSuccessAt };
}
