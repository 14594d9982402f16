import { describe, expect, it } from 'vitest';
import type { StoreUser } from '../../shared/config/users';
import { ApiHttpError } from '../../shared/server/http/errors';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { MetricsRegistry } from '../../shared/server/runtime/metrics';
import { hashSecret } from '../../shared/server/secret-hash';
import { PinGate, type PinOrigin, type PinPurpose } from './pin-gate';

const MANAGER_PIN = '2222';
const users: StoreUser[] = [
  { id: 'mgr-li', name: 'Li', role: 'manager', pinHash: hashSecret(MANAGER_PIN, 'scrypt') },
];

function gateRig() {
  const clock = new FakeClock();
  const metrics = new MetricsRegistry();
  const gate = new PinGate({
    findUser: (id) => users.find((u) => u.id === id),
    clock,
    metrics,
    logger: silentLogger(),
  });
  /** The answer a route would send: 'ok' or the refusal's status, code and Retry-After. */
  const attempt = async (pin: string, origin: PinOrigin, user = 'mgr-li', purpose: PinPurpose = 'login') => {
    try {
      await gate.check({ user, pin }, origin, purpose);
      return 'ok';
    } catch (err) {
      if (!(err instanceof ApiHttpError)) throw err;
      return `${err.statusCode} ${err.code}${err.headers['retry-after'] ? ` ${err.headers['retry-after']}` : ''}`;
    }
  };
  return { clock, metrics, gate, attempt };
}

const lan = { address: '192.168.1.50' };
const display = { address: '192.168.1.20', displayId: 'kitchen-1' };

describe('PIN gate', () => {
  it('answers an unknown user like a wrong PIN, and a wrong PIN by purpose (login 401, signing 403)', async () => {
    const { attempt, metrics } = gateRig();
    expect(await attempt('0000', lan)).toBe('401 unauthorized');
    expect(await attempt(MANAGER_PIN, lan, 'nobody')).toBe('401 unauthorized');
    expect(await attempt('0000', lan, 'mgr-li', 'sign_off')).toBe('403 forbidden');
    expect(await attempt(MANAGER_PIN, lan)).toBe('ok');
    expect(metrics.counter('galley_api_login_failures_total', '').get()).toBe(3);
  });

  it('holds back the right PIN too once throttled, and counts it', async () => {
    const { attempt, clock, metrics } = gateRig();
    for (let i = 0; i < 5; i++)
      expect(await attempt('0000', lan, 'mgr-li', i % 2 ? 'login' : 'sign_off')).not.toBe('ok');
    expect(await attempt(MANAGER_PIN, lan)).toBe('429 too_many_requests 1');
    expect(await attempt(MANAGER_PIN, lan, 'mgr-li', 'sign_off')).toBe('429 too_many_requests 1');
    expect(metrics.render()).toContain('galley_api_pin_throttled_total{purpose="login"} 1');
    expect(metrics.render()).toContain('galley_api_pin_throttled_total{purpose="sign_off"} 1');
    clock.advance(1000);
    expect(await attempt(MANAGER_PIN, lan)).toBe('ok');
  });

  it('keys a paired display by its id: guesses from elsewhere, even from its address, never hold its right PIN back', async () => {
    const { attempt } = gateRig();
    for (let i = 0; i < 8; i++) await attempt('0000', { address: display.address });
    for (let i = 0; i < 8; i++) await attempt('0000', lan);
    expect(await attempt(MANAGER_PIN, { address: display.address })).toMatch(/^429/);
    expect(await attempt(MANAGER_PIN, display)).toBe('ok');

    // Guesses typed on one display hold back that display only.
    for (let i = 0; i < 5; i++) await attempt('0000', display);
    expect(await attempt(MANAGER_PIN, display)).toMatch(/^429/);
    expect(await attempt(MANAGER_PIN, { ...display, displayId: 'kitchen-2' })).toBe('ok');
  });

  it('counts guesses sent in parallel before their slow checks finish', async () => {
    const { attempt } = gateRig();
    const answers = await Promise.all(Array.from({ length: 20 }, () => attempt('0000', lan)));
    expect(answers.filter((a) => a === '401 unauthorized')).toHaveLength(5);
    expect(answers.filter((a) => a === '429 too_many_requests 1')).toHaveLength(15);
  });
});
