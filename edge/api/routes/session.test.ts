import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashSecret } from '../../../shared/server/secret-hash';
import { SESSION_TTL_MS } from '../../store/sessions-store';
import { type ApiFixture, bearer, createApiFixture, TEST_PIN } from '../testing/api-fixture';

describe('sessions over HTTP', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    f = await createApiFixture();
  });
  afterEach(async () => {
    await f.close();
  });

  const login = (user: string, pin: string, remoteAddress = '127.0.0.1') =>
    f.server.inject({ method: 'POST', url: '/api/session', remoteAddress, payload: { user, pin } });

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

  it('after five wrong PINs from one address, each try from there waits 1 s, 2 s, 4 s …, right PIN or not', async () => {
    for (let i = 0; i < 5; i++) expect((await login('admin-1', '9999')).statusCode).toBe(401);
    const held = await login('admin-1', TEST_PIN);
    expect(held.statusCode).toBe(429);
    expect(held.headers['retry-after']).toBe('1');
    expect(held.json()).toEqual({
      error: 'too_many_requests',
      message: 'too many wrong PINs for this user from here; try again in 1 s',
    });
    // Other users from the same address are not affected.
    expect((await login('staff-1', TEST_PIN)).statusCode).toBe(201);

    const waits: string[] = [];
    for (let i = 0; i < 10; i++) {
      f.clock.advance(Number((await login('admin-1', TEST_PIN)).headers['retry-after']) * 1000);
      expect((await login('admin-1', '9999')).statusCode).toBe(401);
      waits.push(String((await login('admin-1', TEST_PIN)).headers['retry-after']));
    }
    expect(waits).toEqual(['2', '4', '8', '16', '32', '64', '128', '256', '300', '300']);
    expect(f.metrics.render()).toContain('galley_api_pin_throttled_total{purpose="login"} 21');

    f.clock.advance(300_000 - 1);
    expect((await login('admin-1', TEST_PIN)).statusCode).toBe(429);
    f.clock.advance(1);
    expect((await login('admin-1', TEST_PIN)).statusCode).toBe(201);
    // The success cleared the count.
    expect((await login('admin-1', '9999')).statusCode).toBe(401);
    expect((await login('admin-1', TEST_PIN)).statusCode).toBe(201);
  });

  it('a guesser on the LAN does not lock the right PIN out elsewhere, loopback included', async () => {
    for (let i = 0; i < 30; i++) await login('manager-1', '0000', '192.168.1.66');
    expect((await login('manager-1', TEST_PIN, '192.168.1.66')).statusCode).toBe(429);
    expect((await login('manager-1', TEST_PIN, '192.168.1.20')).statusCode).toBe(201);

    // No address is trusted: guesses from loopback are held back like any other.
    for (let i = 0; i < 5; i++) await login('manager-1', '0000', '127.0.0.1');
    expect((await login('manager-1', TEST_PIN, '127.0.0.1')).statusCode).toBe(429);
    // Nor does a forwarded-for header choose the address that counts.
    const forwarded = await f.server.inject({
      method: 'POST',
      url: '/api/session',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '192.168.1.20' },
      payload: { user: 'manager-1', pin: TEST_PIN },
    });
    expect(forwarded.statusCode).toBe(429);
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

  it('hands out no anonymous display session: the board reads without one', async () => {
    expect((await f.server.inject({ method: 'POST', url: '/api/session/display' })).statusCode).toBe(404);
    expect((await f.server.inject({ url: '/api/equipment' })).statusCode).toBe(200);
    expect((await f.server.inject({ url: '/api/ingest/rejections' })).statusCode).toBe(401);
  });

  it("a paired display's credential reads the board and changes nothing", async () => {
    const credential = await f.tokenFor('display');
    expect((await f.server.inject({ url: '/api/equipment', headers: bearer(credential) })).statusCode).toBe(
      200,
    );
    expect(
      (await f.server.inject({ url: '/api/ingest/rejections', headers: bearer(credential) })).statusCode,
    ).toBe(403);
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

describe('a user holding more roles than one', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    const pinHash = hashSecret(TEST_PIN, 'scrypt');
    f = await createApiFixture(
      {},
      { extraUsers: [{ id: 'lead-1', name: 'Shift lead', role: 'staff', roles: ['technician'], pinHash }] },
    );
  });
  afterEach(async () => {
    await f.close();
  });

  const login = (user: string) =>
    f.server.inject({ method: 'POST', url: '/api/session', payload: { user, pin: TEST_PIN } });

  it('is answered its role and the roles added to it, and may do what any of them may', async () => {
    const lead = await login('lead-1');
    expect(lead.statusCode).toBe(201);
    expect(lead.json()).toMatchObject({ role: 'staff', roles: ['technician'], userId: 'lead-1' });
    const staff = await login('staff-1');
    expect(staff.json().role).toBe('staff');
    expect(staff.json()).not.toHaveProperty('roles');

    // Reading refusals is for maintainers: the technician role added to staff opens it.
    const rejections = (token: string) =>
      f.server.inject({ url: '/api/ingest/rejections', headers: bearer(token) });
    expect((await rejections(lead.json().token)).statusCode).toBe(200);
    expect((await rejections(staff.json().token)).statusCode).toBe(403);
    // Domain rules (who may move a ticket) see one role: the strongest held, never beyond.
    expect(f.sessions.verify(lead.json().token)).toMatchObject({
      role: 'technician',
      roles: ['staff', 'technician'],
    });
  });
});
