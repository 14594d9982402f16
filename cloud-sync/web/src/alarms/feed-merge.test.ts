import { describe, expect, it } from 'vitest';
import { feedEntry } from '../testing/fixtures';
import {
  collapseByAlarm,
  EMPTY_FEED,
  freshCriticalCount,
  isEscalation,
  isNewCritical,
  markSeen,
  mergeFeed,
} from './feed-merge';

const T_CLEARED = Date.UTC(2025, 0, 6, 9);

describe('alarm feed merging', () => {
  it('the first page is history: nothing is fresh; the cursor is taken over', () => {
    const state = mergeFeed(EMPTY_FEED, {
      entries: [feedEntry(2, 'raised'), feedEntry(1, 'raised')],
      cursor: 2,
    });
    expect(state.entries.map((e) => e.id)).toEqual([2, 1]);
    expect(state.fresh.size).toBe(0);
    expect(state.cursor).toBe(2);
  });

  it('polled entries go on top, are fresh, and advance the cursor', () => {
    const first = mergeFeed(EMPTY_FEED, { entries: [feedEntry(1, 'raised')], cursor: 1 });
    const next = mergeFeed(first, { entries: [feedEntry(3, 'raised'), feedEntry(2, 'cleared')], cursor: 3 });
    expect(next.entries.map((e) => e.id)).toEqual([3, 2, 1]);
    expect([...next.fresh].sort()).toEqual([2, 3]);
    expect(next.cursor).toBe(3);
  });

  it('an entry delivered twice is shown once; an empty poll keeps the cursor', () => {
    const first = mergeFeed(EMPTY_FEED, { entries: [feedEntry(5, 'raised')], cursor: 5 });
    const again = mergeFeed(first, { entries: [feedEntry(5, 'raised')], cursor: 5 });
    expect(again.entries.map((e) => e.id)).toEqual([5]);
    expect(again.fresh.size).toBe(0);
    expect(mergeFeed(again, { entries: [], cursor: 0 }).cursor).toBe(5);
  });

  it('keeps only the newest entries, and forgets freshness of those dropped', () => {
    let state = mergeFeed(EMPTY_FEED, { entries: [feedEntry(1, 'raised')], cursor: 1 });
    state = mergeFeed(state, { entries: [feedEntry(3, 'raised'), feedEntry(2, 'raised')], cursor: 3 }, 2);
    expect(state.entries.map((e) => e.id)).toEqual([3, 2]);
    state = mergeFeed(state, { entries: [feedEntry(5, 'raised'), feedEntry(4, 'raised')], cursor: 5 }, 2);
    expect(state.entries.map((e) => e.id)).toEqual([5, 4]);
    expect([...state.fresh].sort()).toEqual([4, 5]);
  });

  it('counts new critical alarms until they are marked seen', () => {
    let state = mergeFeed(EMPTY_FEED, { entries: [], cursor: 0 });
    state = mergeFeed(state, {
      entries: [
        feedEntry(4, 'reraised'),
        feedEntry(3, 'raised', { severity: 'warning' }),
        feedEntry(2, 'cleared'),
        feedEntry(1, 'raised'),
      ],
      cursor: 4,
    });
    expect(freshCriticalCount(state)).toBe(2);
    expect(freshCriticalCount(markSeen(state))).toBe(0);
  });

  it('knows a new critical alarm and an escalation when it sees one', () => {
    expect(isNewCritical(feedEntry(1, 'raised'))).toBe(true);
    expect(isNewCritical(feedEntry(1, 'acked'))).toBe(false);
    expect(isNewCritical(feedEntry(1, 'raised', { severity: 'warning' }))).toBe(false);
    expect(isEscalation(feedEntry(1, 'escalated', { escalation: 'central' }))).toBe(true);
    expect(isEscalation(feedEntry(1, 'notified', { escalation: 'manager' }))).toBe(true);
    expect(isEscalation(feedEntry(1, 'raised'))).toBe(false);
  });
});

describe('collapsing the feed', () => {
  it('folds the changes of a cleared alarm into its newest row and keeps a live alarm’s changes apart', () => {
    const over = { id: 7, clearedAt: T_CLEARED };
    const entries = [
      feedEntry(6, 'acked', { id: 8 }),
      feedEntry(5, 'cleared', { ...over, equipmentId: 'fryer-1' }),
      feedEntry(4, 'notified', { id: 8 }),
      feedEntry(3, 'acked', { id: 7, equipmentId: 'fryer-1' }),
      feedEntry(2, 'raised', { id: 8 }),
      feedEntry(1, 'raised', { id: 7, equipmentId: 'fryer-1' }),
      // the same alarm id at another store is another alarm
      feedEntry(0, 'raised', { id: 7 }, 'sh-002'),
    ];
    const rows = collapseByAlarm(entries).map((r) => [r.entry.id, r.changes]);
    expect(rows).toEqual([
      [6, 1],
      [5, 3],
      [4, 1],
      [2, 1],
      [0, 1],
    ]);
  });
});
