import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/setup';
import { agedSince, formatAgo, formatDuration, formatLag, isLagging, isStale, STALE_AFTER_MS } from './time';

const en = createI18n('en').t;
const zh = createI18n('zh-CN').t;
const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

describe('formatAgo: how long ago central heard from a store', () => {
  it.each([
    [0, 'just now'],
    [59 * S, 'just now'],
    [60 * S, '1 min ago'],
    [59 * MIN + 59 * S, '59 min ago'],
    [3 * H, '3 h ago'],
    [3 * H + 59 * MIN, '3 h ago'],
    [47 * H, '47 h ago'],
    [48 * H, '2 d ago'],
    [9 * D + 23 * H, '9 d ago'],
  ])('%i ms → %s', (ms, text) => {
    expect(formatAgo(ms, en)).toBe(text);
  });

  it('speaks Chinese', () => {
    expect(formatAgo(10 * S, zh)).toBe('刚刚');
    expect(formatAgo(3 * H, zh)).toBe('3 小时前');
    expect(formatAgo(3 * D, zh)).toBe('3 天前');
  });

  it('a clock slightly ahead of the server never shows a negative age', () => {
    expect(formatAgo(-5 * S, en)).toBe('just now');
  });
});

describe('formatDuration: ticket ages to two units', () => {
  it.each([
    [0, '0 min'],
    [59, '0 min'],
    [45 * 60, '45 min'],
    [3600, '1 h'],
    [3 * 3600 + 50 * 60, '3 h 50 min'],
    [24 * 3600, '1 d'],
    [2 * 86400 + 4 * 3600 + 59 * 60, '2 d 4 h'],
    [40 * 86400, '40 d'],
  ])('%i s → %s', (seconds, text) => {
    expect(formatDuration(seconds, en)).toBe(text);
  });

  it('speaks Chinese', () => {
    expect(formatDuration(3 * 3600 + 5 * 60, zh)).toBe('3 小时 5 分钟');
    expect(formatDuration(2 * 86400 + 3600, zh)).toBe('2 天 1 小时');
  });
});

describe('formatLag', () => {
  it('shows seconds under a minute and the duration above', () => {
    expect(formatLag(1400, en)).toBe('1 s');
    expect(formatLag(42 * S, en)).toBe('42 s');
    expect(formatLag(2 * H + 1 * MIN, en)).toBe('2 h 1 min');
  });
});

describe('isStale', () => {
  it('is stale after 5 min of silence, and when never heard', () => {
    expect(isStale(0)).toBe(false);
    expect(isStale(STALE_AFTER_MS)).toBe(false);
    expect(isStale(STALE_AFTER_MS + 1)).toBe(true);
    expect(isStale(3 * H)).toBe(true);
    expect(isStale(null)).toBe(true);
  });
});

describe('isLagging', () => {
  it('flags sync lag above 5 min; no lag measured is not lagging', () => {
    expect(isLagging(null)).toBe(false);
    expect(isLagging(40 * S)).toBe(false);
    expect(isLagging(2 * H)).toBe(true);
  });
});

describe('agedSince', () => {
  it('keeps a server-measured age running on the page clock', () => {
    expect(agedSince(4 * MIN, 1_000_000, 1_000_000 + 2 * MIN)).toBe(6 * MIN);
    expect(agedSince(600, 1_000_000, 1_000_000 + 30 * S, 1000)).toBe(630);
  });

  it('never runs backwards when the page clock jumps back', () => {
    expect(agedSince(4 * MIN, 1_000_000, 900_000)).toBe(4 * MIN);
  });
});
