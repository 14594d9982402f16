import type { AlarmFeedEntry } from '../../../../shared/central/api';
import { STATE_ALLOWS } from '../../../../shared/central/store-lifecycle';

/** How many feed entries the page keeps; older ones scroll away. */
export const FEED_KEEP = 300;

export interface FeedState {
  entries: AlarmFeedEntry[];
  /** ids of entries that arrived by polling after the first load and are not yet marked seen */
  fresh: ReadonlySet<number>;
  cursor: number | undefined;
}

export const EMPTY_FEED: FeedState = { entries: [], fresh: new Set(), cursor: undefined };

/**
 * Adds a page of the feed (newest first) to what is shown. The first page is history;
 * later pages are news, so their entries are marked fresh. An entry seen twice (a poll
 * racing the first load) is kept once.
 */
export function mergeFeed(
  state: FeedState,
  page: { entries: AlarmFeedEntry[]; cursor: number },
  keep = FEED_KEEP,
): FeedState {
  const known = new Set(state.entries.map((e) => e.id));
  const incoming = page.entries.filter((e) => !known.has(e.id));
  const entries = [...incoming, ...state.entries].sort((a, b) => b.id - a.id).slice(0, keep);
  const kept = new Set(entries.map((e) => e.id));
  const fresh = new Set([...state.fresh].filter((id) => kept.has(id)));
  if (state.cursor !== undefined) for (const e of incoming) fresh.add(e.id);
  const cursor = Math.max(state.cursor ?? 0, page.cursor);
  return { entries, fresh, cursor };
}

/** A new critical alarm: raised (or raised again) at critical severity. */
export function isNewCritical(entry: AlarmFeedEntry): boolean {
  // A store that is not open (commissioning, closed for works…) raises no alert in the region.
  if (entry.storeState !== undefined && !STATE_ALLOWS[entry.storeState].regionalAlerts) return false;
  return entry.alarm.severity === 'critical' && (entry.change === 'raised' || entry.change === 'reraised');
}

export function freshCriticalCount(state: FeedState): number {
  return state.entries.filter((e) => state.fresh.has(e.id) && isNewCritical(e)).length;
}

export function markSeen(state: FeedState): FeedState {
  return { ...state, fresh: new Set() };
}

/** Escalated: the change itself was an escalation, or the alarm had already gone past the store. */
export function isEscalation(entry: AlarmFeedEntry): boolean {
  return entry.change === 'escalated' || entry.alarm.escalation !== 'none';
}

/** A feed row: a change, and how many changes of its alarm it stands for. */
export interface CollapsedEntry {
  entry: AlarmFeedEntry;
  changes: number;
}

/**
 * Folds an alarm that is over into one row: raised, reminded, acknowledged and cleared
 * read as its newest change instead of four lines pushing the live ones out of view. The
 * changes of an alarm still going on all stay, each one news. Entries come newest first.
 */
export function collapseByAlarm(entries: readonly AlarmFeedEntry[]): CollapsedEntry[] {
  const newest = new Map<string, CollapsedEntry>();
  const rows: CollapsedEntry[] = [];
  for (const entry of entries) {
    const key = `${entry.storeId}/${entry.alarm.id}`;
    const held = newest.get(key);
    if (held && held.entry.alarm.clearedAt !== null) {
      held.changes++;
      continue;
    }
    const row = { entry, changes: 1 };
    if (!held) newest.set(key, row);
    rows.push(row);
  }
  return rows;
}
