import { describe, expect, it } from 'vitest';
import { actionForKey, DEFAULT_KEYMAP, KEYMAP_KEY, savedKeymap } from './keymap';
import { memoryStorage } from './testing/kds-fixtures';

describe('the bump bar keymap', () => {
  it('by default: digits select, arrows move, Enter/Space bump, r/Backspace recall, a all day', () => {
    expect(actionForKey(DEFAULT_KEYMAP, '1')).toEqual({ kind: 'select', index: 0 });
    expect(actionForKey(DEFAULT_KEYMAP, '9')).toEqual({ kind: 'select', index: 8 });
    expect(actionForKey(DEFAULT_KEYMAP, '0')).toBeUndefined();
    expect(actionForKey(DEFAULT_KEYMAP, 'ArrowLeft')).toEqual({ kind: 'previous' });
    expect(actionForKey(DEFAULT_KEYMAP, 'ArrowRight')).toEqual({ kind: 'next' });
    expect(actionForKey(DEFAULT_KEYMAP, 'Enter')).toEqual({ kind: 'bump' });
    expect(actionForKey(DEFAULT_KEYMAP, ' ')).toEqual({ kind: 'bump' });
    expect(actionForKey(DEFAULT_KEYMAP, 'R')).toEqual({ kind: 'recall' });
    expect(actionForKey(DEFAULT_KEYMAP, 'Backspace')).toEqual({ kind: 'recall' });
    expect(actionForKey(DEFAULT_KEYMAP, 'a')).toEqual({ kind: 'allDay' });
    expect(actionForKey(DEFAULT_KEYMAP, 'x')).toBeUndefined();
  });

  it('reads a store’s own map from localStorage, keeping defaults for what it leaves out', () => {
    const storage = memoryStorage({ [KEYMAP_KEY]: JSON.stringify({ bump: ['b'], select: ['F1', 'F2'] }) });
    const keymap = savedKeymap(storage);
    expect(actionForKey(keymap, 'b')).toEqual({ kind: 'bump' });
    expect(actionForKey(keymap, 'Enter')).toBeUndefined();
    expect(actionForKey(keymap, 'F2')).toEqual({ kind: 'select', index: 1 });
    expect(actionForKey(keymap, 'r')).toEqual({ kind: 'recall' });
  });

  it('falls back to the defaults on a broken saved map', () => {
    expect(savedKeymap(memoryStorage({ [KEYMAP_KEY]: '{not json' }))).toEqual(DEFAULT_KEYMAP);
    expect(savedKeymap(memoryStorage({ [KEYMAP_KEY]: '{"bump": "Enter"}' }))).toEqual(DEFAULT_KEYMAP);
  });
});
