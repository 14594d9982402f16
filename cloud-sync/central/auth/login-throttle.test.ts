import { request } from 'node:http';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ADMIN_PASSWORD,
  BACKENDS,
  releaseSharedPostgres,
  startTestCentral,
  type TestCentral,
} from '../testing/central-test-kit';

afterAll(releaseSharedPostgres, 60_000);

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { error: string; message: string };
}

/**
 * A login from a chosen loopback address (Linux routes all of 127.0.0.0/8 to lo), so
 * the test can be several machines of one store's LAN.
 */
function attempt(central: TestCentral, username: string, password: string, from = '127.0.0.1') {
  const url = new URL('/api/session', central.url);
  const payload = JSON.stringify({ username, password });
  return new Promise<Answer>((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', localAddress: from, headers: { 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          const retryAfter = res.headers['retry-after'];
          resolve({ status: res.statusCode ?? 0, retryAfter, body: JSON.parse(text) as Answer['body'] });
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

// The count lives in the database (so several processes share it): both dialects.
describe.each(BACKENDS)('central login throttle on %s', (backend) => {
  let central: TestCentral;

  beforeEach(async () => {
    central = await startTestCentral(backend);
  });
  afterEach(async () => {
    await central.stop();
  });

  it('after five wrong passwords from one address, each try from there waits 1 s, 2 s, 4 s …, even the right one', async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(central, 'admin', 'wrong')).status).toBe(401);
    const held = await attempt(central, 'admin', ADMIN_PASSWORD);
    expect(held).toEqual({
      status: 429,
      retryAfter: '1',
      body: {
        error: 'too_many_requests',
        message: 'too many wrong passwords for this user from here; try again in 1 s',
      },
    });
    central.clock.advance(1000);
    expect((await attempt(central, 'admin', 'wrong')).status).toBe(401);
    expect((await attempt(central, 'admin', ADMIN_PASSWORD)).retryAfter).toBe('2');
    central.clock.advance(2000);
    expect((await attempt(central, 'admin', ADMIN_PASSWORD)).status).toBe(201);
    // The success cleared the count.
    expect((await attempt(central, 'admin', 'wrong')).status).toBe(401);
    expect((await attempt(central, 'admin', ADMIN_PASSWORD)).status).toBe(201);
  });

  it('a guesser at one address locks out neither the user elsewhere nor the other users there', async () => {
    for (let i = 0; i < 30; i++) await attempt(central, 'admin', 'wrong', '127.0.0.66');
    expect((await attempt(central, 'admin', ADMIN_PASSWORD, '127.0.0.66')).status).toBe(429);
    expect((await attempt(central, 'admin', ADMIN_PASSWORD, '127.0.0.20')).status).toBe(201);

    // Many names from one address (the store's NAT) each keep their own count.
    for (let i = 0; i < 25; i++)
      expect((await attempt(central, `guess-${i}`, 'wrong', '127.0.0.20')).status).toBe(401);
    expect((await attempt(central, 'admin', ADMIN_PASSWORD, '127.0.0.20')).status).toBe(201);
  });

  it('counts guesses sent at once before their password checks finish', async () => {
    const answers = await Promise.all(
      Array.from({ length: 12 }, () => attempt(central, 'admin', 'wrong', '127.0.0.9')),
    );
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
    expect(answers.filter((a) => a.status === 429)).toHaveLength(7);
  });

  it('counts the failures taken by another process on the same database', async () => {
    for (let i = 0; i < 3; i++) expect((await attempt(central, 'admin', 'wrong')).status).toBe(401);
    const first = central.url;
    await central.restart();
    expect(central.url).not.toBe(first);
    for (let i = 0; i < 2; i++) expect((await attempt(central, 'admin', 'wrong')).status).toBe(401);
    expect((await attempt(central, 'admin', ADMIN_PASSWORD)).status).toBe(429);
  });
});
