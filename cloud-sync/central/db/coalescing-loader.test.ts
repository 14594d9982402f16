import { expect, it } from 'vitest';
import { CoalescingLoader } from './coalescing-loader';
import { ROWS_PER_STATEMENT } from './rows-per-statement';

it('answers the look-ups of one turn with one fetch per piece of keys, each with its own value', async () => {
  const fetched: number[][] = [];
  const loader = new CoalescingLoader<number, string>(async (keys) => {
    fetched.push(keys);
    return new Map(keys.filter((k) => k % 2 === 0).map((k) => [k, `v${k}`]));
  });
  const keys = Array.from({ length: ROWS_PER_STATEMENT + 5 }, (_, i) => i);
  const answers = await Promise.all([...keys, 4].map((k) => loader.load(k)));
  expect(fetched.map((piece) => piece.length)).toEqual([ROWS_PER_STATEMENT, 5]);
  expect(answers.slice(0, 4)).toEqual(['v0', undefined, 'v2', undefined]);
  expect(answers.at(-1)).toBe('v4');
  // A later turn fetches again.
  expect(await loader.load(6)).toBe('v6');
  expect(fetched).toHaveLength(3);
});

it('rejects the look-ups of a failed fetch and keeps answering later ones', async () => {
  let fail = true;
  const loader = new CoalescingLoader<string, number>(async (keys) => {
    if (fail) throw new Error('database gone');
    return new Map(keys.map((k) => [k, k.length]));
  });
  await expect(Promise.all([loader.load('a'), loader.load('bb')])).rejects.toThrow('database gone');
  fail = false;
  expect(await loader.load('ccc')).toBe(3);
});
