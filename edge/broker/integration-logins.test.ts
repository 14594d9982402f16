import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { hashSecret, verifySecret } from '../../shared/server/secret-hash';
import { IntegrationLogins } from './integration-logins';

const hash = hashSecret('right-secret', 'scrypt');

describe('IntegrationLogins', () => {
  it('checks scrypt secrets without blocking the event loop', async () => {
    const logins = new IntegrationLogins(new FakeClock(0), { maxInFlight: 16, maxFailures: 1000 });
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) => logins.verify('bms', 'wrong', hash, `10.0.0.${i}`)),
    );
    delay.disable();
    expect(results.every((r) => r === 'bad_secret')).toBe(true);
    // 16 synchronous scrypts would hold the loop for 16 of them at once. Measured here, on this
    // machine as loaded as it is now, so a busy test run does not read as a blocked loop.
    const started = performance.now();
    for (let i = 0; i < 4; i += 1) verifySecret('wrong', hash);
    const fourSync = performance.now() - started;
    expect(delay.max / 1e6).toBeLessThan(Math.max(200, fourSync));
  });

  it('remembers a verified secret until the stored hash changes', async () => {
    const logins = new IntegrationLogins(new FakeClock(0), { maxInFlight: 0 });
    // With no scrypt slot at all, only a remembered secret can pass.
    expect(await logins.verify('bms', 'right-secret', hash, 'a')).toBe('busy');
    const open = new IntegrationLogins(new FakeClock(0));
    expect(await open.verify('bms', 'right-secret', hash, 'a')).toBe('ok');
    const started = performance.now();
    for (let i = 0; i < 1000; i += 1) await open.verify('bms', 'right-secret', hash, 'a');
    expect(performance.now() - started).toBeLessThan(500);
    const rotated = hashSecret('new-secret', 'scrypt');
    expect(await open.verify('bms', 'right-secret', rotated, 'a')).toBe('bad_secret');
  });

  it('backs off per (username, address) with doubling waits; other addresses are unaffected', async () => {
    const clock = new FakeClock(0);
    const logins = new IntegrationLogins(clock, { maxFailures: 3, initialBackoffMs: 1000 });
    for (let i = 0; i < 3; i += 1)
      expect(await logins.verify('bms', 'x', hash, 'attacker')).toBe('bad_secret');
    expect(await logins.verify('bms', 'right-secret', hash, 'attacker')).toBe('throttled');
    expect(logins.retryAfterMs('bms', 'attacker')).toBe(1000);
    expect(await logins.verify('bms', 'right-secret', hash, 'plant-room')).toBe('ok');
    clock.advance(1000);
    expect(await logins.verify('bms', 'x', hash, 'attacker')).toBe('bad_secret');
    expect(logins.retryAfterMs('bms', 'attacker')).toBe(2000);
  });

  it('refuses more concurrent verifications than its slots', async () => {
    const logins = new IntegrationLogins(new FakeClock(0), { maxInFlight: 2 });
    const results = await Promise.all(Array.from({ length: 5 }, () => logins.verify('bms', 'x', hash, 'a')));
    expect(results.filter((r) => r === 'busy')).toHaveLength(3);
  });
});
