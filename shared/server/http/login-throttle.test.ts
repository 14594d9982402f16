import { describe, expect, it } from 'vitest';
import { FakeClock } from '../runtime/fake-clock';
import { LoginThrottle, throttleKey } from './login-throttle';

const manager = throttleKey('mgr-li', 'address:10.0.0.7');

describe('login throttle', () => {
  it('lets five failures through, then waits 1 s, 2 s, 4 s … capped at 5 min', () => {
    const clock = new FakeClock();
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 4; i++) {
      throttle.recordFailure(manager);
      expect(throttle.retryAfterMs(manager)).toBe(0);
    }
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      throttle.recordFailure(manager);
      const wait = throttle.retryAfterMs(manager);
      waits.push(wait);
      clock.advance(wait);
      expect(throttle.retryAfterMs(manager)).toBe(0);
    }
    expect(waits).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 64_000, 128_000, 256_000, 300_000, 300_000, 300_000,
    ]);
  });

  it('counts each (user, place) on its own', () => {
    const throttle = new LoginThrottle(new FakeClock());
    for (let i = 0; i < 5; i++) throttle.recordFailure(manager);
    expect(throttle.retryAfterMs(manager)).toBe(1000);
    expect(throttle.retryAfterMs(throttleKey('mgr-li', 'display:kitchen-1'))).toBe(0);
    expect(throttle.retryAfterMs(throttleKey('mgr-li', 'address:10.0.0.8'))).toBe(0);
    expect(throttle.retryAfterMs(throttleKey('staff-chen', 'address:10.0.0.7'))).toBe(0);
    // A user name that looks like a key joined with the place stays a different key.
    expect(throttleKey('a","b', 'c')).not.toBe(throttleKey('a', 'b","c'));
  });

  it('a success clears the count; 15 min without a failure forget it, waiting out the cap does not', () => {
    const clock = new FakeClock();
    const throttle = new LoginThrottle(clock);
    for (let i = 0; i < 5; i++) throttle.recordFailure(manager);
    throttle.recordSuccess(manager);
    throttle.recordFailure(manager);
    expect(throttle.retryAfterMs(manager)).toBe(0);

    for (let i = 0; i < 20; i++) throttle.recordFailure(manager);
    expect(throttle.retryAfterMs(manager)).toBe(300_000);
    clock.advance(300_000);
    throttle.recordFailure(manager);
    expect(throttle.retryAfterMs(manager)).toBe(300_000);

    clock.advance(15 * 60_000);
    expect(throttle.retryAfterMs(manager)).toBe(0);
    expect(throttle.tracked).toBe(0);
    throttle.recordFailure(manager);
    expect(throttle.retryAfterMs(manager)).toBe(0);
  });

  it('stays bounded, and spraying made-up names does not push a held-back key out', () => {
    const throttle = new LoginThrottle(new FakeClock(), { maxTracked: 100 });
    for (let i = 0; i < 6; i++) throttle.recordFailure(manager);
    const held = throttle.retryAfterMs(manager);
    expect(held).toBe(2000);
    for (let i = 0; i < 10_000; i++) throttle.recordFailure(throttleKey(`guess-${i}`, 'address:10.0.0.7'));
    expect(throttle.tracked).toBe(100);
    expect(throttle.retryAfterMs(manager)).toBe(held);

    // Nor the count of a user guessed just under the limit.
    const chef = throttleKey('chef-wu', 'address:10.0.0.7');
    for (let i = 0; i < 4; i++) throttle.recordFailure(chef);
    for (let i = 0; i < 10_000; i++) throttle.recordFailure(throttleKey(`more-${i}`, 'address:10.0.0.7'));
    throttle.recordFailure(chef);
    expect(throttle.retryAfterMs(chef)).toBe(1000);
  });

  it('when every key is held back, the least recently failed goes first', () => {
    const throttle = new LoginThrottle(new FakeClock(), { maxTracked: 2 });
    const keys = ['a', 'b', 'c'].map((user) => throttleKey(user, 'address:x'));
    for (const key of keys) for (let i = 0; i < 5; i++) throttle.recordFailure(key);
    expect(keys.map((key) => throttle.retryAfterMs(key))).toEqual([0, 1000, 1000]);
    expect(throttle.tracked).toBe(2);
  });
});
