import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_TTL_MS } from '../../store/sessions-store';
import { type ApiFixture, bearer, createApiFixture, TEST_PIN } from '../test-support/api-fixture';
import { MAX_DISPLAY_SESSIONS } from './session';

describe('sessions over HTTP', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const login = (user: string, pin: string) =>
    f.server.inject({ method: 'POST', url: '/api/session', payload: { user, pin } });

  it('logs in with the right PIN and the token then opens the API', async () => {
    const response = await login('manager-1', TEST_PIN);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({ role: 'manager', userId: 'manager-1', name: 'Test manager' });
    expect(body.expiresAt).toBe(f.clock.now() + SESSION_TTL_MS.manager);
    const list = await f.server.inject({ url: '/api/equipment', headers: bearer(body.token) });
    expect(list.statusCode).toBe(200);
  });

  it('answers a wrong PIN and an unknown user alike, with 401', async () => {
    const wrongPin = await login('manager-1', '0000');
    const unknown = await login('nobody', TEST_PIN);
    expect(wrongPin.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrongPin.json()).toEqual(unknown.json());
    expect(wrongPin.json()).toEqual({ error: 'unauthorized', message: 'unknown user or wrong PIN' });
    expect(f.metrics.counter('galley_api_login_failures_total', 'Failed PIN logins').get()).toBe(2);
  });

  it('locks a user out after five failures in five minutes, even with the right PIN, until the window passes', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await login('admin-1', '9999')).statusCode).toBe(401);
      f.clock.advance(10_000);
    }
    const locked = await login('admin-1', TEST_PIN);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error).toBe('too_many_requests');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // Other users are not affected.
    expect((await login('staff-1', TEST_PIN)).statusCode).toBe(201);
    // The first failure leaves the window at 5 min after it: 50 s have passed so far.
    f.clock.advance(5 * 60_000 - 50_000 - 1);
    expect((await login('admin-1', TEST_PIN)).statusCode).toBe(429);
    f.clock.advance(1);
    expect((await login('admin-1', TEST_PIN)).statusCode).toBe(201);
  });

  it('does not lock out after four failures, and a success clears the count', async () => {
    for (let i = 0; i < 4; i++) await login('admin-1', '9999');
    expect((await login('admin-1', TEST_PIN)).statusCode).toBe(201);
    for (let i = 0; i < 4; i++) await login('admin-1', '9999');
    expect((await login('admin-1', TEST_PIN)).statusCode).toBe(201);
  });

  it('lists every problem of a malformed login body', async () => {
    const response = await f.server.inject({ method: 'POST', url: '/api/session', payload: { pin: '12' } });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('bad_request');
    expect(body.issues).toHaveLength(2);
    expect(body.issues[0]).toMatch(/^body\.user: /);
    expect(body.issues[1]).toMatch(/^body\.pin: a PIN is 4–8 digits/);
  });

  it('refuses a body that is not JSON with 400 in the ApiError shape', async () => {
    const response = await f.server.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'application/json' },
      payload: '{"user":',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('bad_request');
    expect(response.body).not.toContain('at ');
  });

  it('gives the display a read-only token that lasts 30 days', async () => {
    const response = await f.server.inject({ method: 'POST', url: '/api/session/display' });
    expect(response.statusCode).toBe(201);
    const { token, role, expiresAt } = response.json();
    expect(role).toBe('display');
    expect(expiresAt).toBe(f.clock.now() + SESSION_TTL_MS.display);
    expect((await f.server.inject({ url: '/api/equipment', headers: bearer(token) })).statusCode).toBe(200);
    expect(
      (await f.server.inject({ url: '/api/ingest/rejections', headers: bearer(token) })).statusCode,
    ).toBe(403);
  });

  it('bounds how many display sessions live at once', async () => {
    const first = await f.tokenFor('display');
    for (let i = 0; i < MAX_DISPLAY_SESSIONS; i++) await f.tokenFor('display');
    expect((await f.server.inject({ url: '/api/equipment', headers: bearer(first) })).statusCode).toBe(401);
    const count = f.db.prepare("SELECT count(*) AS n FROM sessions WHERE role = 'display'").get();
    expect(count).toEqual({ n: MAX_DISPLAY_SESSIONS });
  });

  it('expires a session after its TTL', async () => {
    const token = await f.tokenFor('staff');
    f.clock.advance(SESSION_TTL_MS.staff - 1);
    expect((await f.server.inject({ url: '/api/equipment', headers: bearer(token) })).statusCode).toBe(200);
    f.clock.advance(1);
    const expired = await f.server.inject({ url: '/api/equipment', headers: bearer(token) });
    expect(expired.statusCode).toBe(401);
    expect(f.db.prepare('SELECT count(*) AS n FROM sessions').get()).toEqual({ n: 0 });
  });

  it('logout ends exactly that session', async () => {
    const mine = await f.tokenFor('technician');
    const other = await f.tokenFor('technician');
    const out = await f.server.inject({ method: 'DELETE', url: '/api/session', headers: bearer(mine) });
    expect(out.statusCode).toBe(204);
    expect((await f.server.inject({ url: '/api/equipment', headers: bearer(mine) })).statusCode).toBe(401);
    expect((await f.server.inject({ url: '/api/equipment', headers: bearer(other) })).statusCode).toBe(200);
  });
});
