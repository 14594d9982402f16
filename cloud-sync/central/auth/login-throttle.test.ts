import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, http, startTestCentral, type TestCentral } from '../testing/central-test-kit';

const attempt = (central: TestCentral, username: string, password: string) =>
  fetch(`${central.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });

// The throttle lives in memory in front of the database, so one backend is enough.
describe('central login throttle', () => {
  let central: TestCentral;

  beforeEach(async () => {
    central = await startTestCentral('sqlite');
  });
  afterEach(async () => {
    await central.stop();
  });

  it('refuses a user name after five wrong passwords, even the right one, until the window passes', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(central, 'admin', 'wrong')).status).toBe(401);
    const locked = await attempt(central, 'admin', ADMIN_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBe(300);
    expect(((await locked.json()) as { error: string }).error).toBe('too_many_requests');

    // Another name from the same address is not locked by the first one's failures.
    expect((await attempt(central, 'someone', 'wrong')).status).toBe(401);

    central.clock.advance(5 * 60_000);
    expect((await attempt(central, 'admin', ADMIN_PASSWORD)).status).toBe(201);
  });

  it('refuses an address after twenty failures across many names; a success elsewhere does not reset it', async () => {
    for (let i = 0; i < 19; i++) expect((await attempt(central, `guess-${i}`, 'wrong')).status).toBe(401);
    expect((await attempt(central, 'admin', ADMIN_PASSWORD)).status).toBe(201);
    expect((await attempt(central, 'guess-19', 'wrong')).status).toBe(401);
    const locked = await attempt(central, 'admin', ADMIN_PASSWORD);
    expect(locked.status).toBe(429);
    central.clock.advance(5 * 60_000);
    const me = await http(`${central.url}/api/session`, {
      body: { username: 'admin', password: ADMIN_PASSWORD },
    });
    expect(me.status).toBe(201);
  });
});
