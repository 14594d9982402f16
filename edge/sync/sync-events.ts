import type { SyncHealth } from '../../shared/sync/sync-protocol';

// The sync service announces its health on the edge's event bus; the display bridge
// listens for it like for any other edge event.
declare module '../runtime/event-bus' {
  interface EdgeEvents {
    /** Sync health changed (backlog, failures, acked seq, dropped rollups, config version). */
    syncHealth: SyncHealth;
  }
}
