import { afterEach, expect, it } from 'vitest';
import { JumpClock } from './testing/faults-clock';

let clock: JumpClock | undefined;
afterEach(() => clock?.dispose());

it('runs short timers in real time', async () => {
  clock = new JumpClock();
  const fired = await new Promise<number>((resolve) => clock!.setTimeout(() => resolve(clock!.now()), 20));
  expect(fired).toBeGreaterThan(0);
});

it('a jump fires what fell due in due order, each seeing its own due time; intervals once per jump', () => {
  const c = new JumpClock(Date.UTC(2026, 0, 5));
  clock = c;
  const start = c.now();
  const seen: string[] = [];
  c.setTimeout(() => seen.push(`b at +${c.now() - start >= 20 * 60_000 ? '20m' : 'early'}`), 20 * 60_000);
  c.setTimeout(() => {
    seen.push(`a at +${Math.round((c.now() - start) / 60_000)}m`);
    c.setTimeout(() => seen.push('a2, armed by a, within the jump'), 60_000);
  }, 5 * 60_000);
  c.setTimeout(() => seen.push('c after the jump'), 2 * 60 * 60_000);
  let ticks = 0;
  c.setInterval(() => ticks++, 1000);
  c.advance(60 * 60_000);
  expect(seen).toEqual(['a at +5m', 'a2, armed by a, within the jump', 'b at +20m']);
  expect(ticks).toBe(1);
  expect(c.now() - start).toBeGreaterThanOrEqual(60 * 60_000);
  expect(c.now() - start).toBeLessThan(60 * 60_000 + 1000);
});

it('cleared timers never fire', () => {
  const c = new JumpClock();
  clock = c;
  let fired = false;
  const handle = c.setTimeout(() => {
    fired = true;
  }, 1000);
  c.clearTimeout(handle);
  c.advance(5000);
  expect(fired).toBe(false);
});
