import { z } from 'zod';
import { browserStorage, type PrefStorage } from './kds-prefs';

/**
 * The bump bar is a USB keyboard (or a keyboard-wedge bump bar, which types keys).
 * What each key does is kept per screen in localStorage (`galley.kds.keymap`), so a
 * store can map its own bar; a key of `KeyboardEvent.key` per entry.
 */
export const KEYMAP_KEY = 'galley.kds.keymap';

export const KdsKeymap = z.object({
  /** the Nth key selects the Nth ticket on screen */
  select: z.array(z.string()).max(9),
  previous: z.array(z.string()),
  next: z.array(z.string()),
  bump: z.array(z.string()),
  recall: z.array(z.string()),
  allDay: z.array(z.string()),
});
export type KdsKeymap = z.infer<typeof KdsKeymap>;

export const DEFAULT_KEYMAP: KdsKeymap = {
  select: ['1', '2', '3', '4', '5', '6', '7', '8', '9'],
  previous: ['ArrowLeft'],
  next: ['ArrowRight'],
  bump: ['Enter', ' '],
  recall: ['r', 'Backspace'],
  allDay: ['a'],
};

export type KdsKeyAction =
  | { kind: 'select'; index: number }
  | { kind: 'previous' | 'next' | 'bump' | 'recall' | 'allDay' };

/** The saved keymap; each action missing or malformed there keeps its default. */
export function savedKeymap(storage: PrefStorage | undefined = browserStorage()): KdsKeymap {
  let text: string | null = null;
  try {
    text = storage?.getItem(KEYMAP_KEY) ?? null;
  } catch {
    text = null;
  }
  if (!text) return DEFAULT_KEYMAP;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return DEFAULT_KEYMAP;
  }
  const parsed = KdsKeymap.partial().safeParse(value);
  if (!parsed.success) return DEFAULT_KEYMAP;
  return { ...DEFAULT_KEYMAP, ...parsed.data };
}

export function saveKeymap(keymap: KdsKeymap, storage: PrefStorage | undefined = browserStorage()): void {
  try {
    storage?.setItem(KEYMAP_KEY, JSON.stringify(keymap));
  } catch {
    // Kept for this session only.
  }
}

/** Letters match in either case: a bump bar with caps lock on still bumps. */
function same(a: string, b: string): boolean {
  return a.length === 1 && b.length === 1 ? a.toLowerCase() === b.toLowerCase() : a === b;
}

/** What a key does, or undefined for a key the map does not use. */
export function actionForKey(keymap: KdsKeymap, key: string): KdsKeyAction | undefined {
  const index = keymap.select.findIndex((k) => same(k, key));
  if (index >= 0) return { kind: 'select', index };
  for (const kind of ['previous', 'next', 'bump', 'recall', 'allDay'] as const) {
    if (keymap[kind].some((k) => same(k, key))) return { kind };
  }
  return undefined;
}

/** A key as the legend prints it. */
export function keyLabel(key: string): string {
  const names: Record<string, string> = {
    ' ': 'Space',
    ArrowLeft: '←',
    ArrowRight: '→',
    ArrowUp: '↑',
    ArrowDown: '↓',
    Enter: 'Enter',
    Backspace: '⌫',
  };
  return names[key] ?? (key.length === 1 ? key.toUpperCase() : key);
}
