import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profile, Rng, seed } from './abuse-settings';
import { Canary } from './canary';
import { type AttackedEdge, DEMO_PINS, faultLines, mib, startAttackedEdge } from './edge-under-attack';
import { type HttpAnswer, http } from './http-client';

/**
 * Every route of the edge's own OpenAPI document × every role × forged tokens, and PIN
 * guessing on every route whose body carries a PIN, against a real `galley edge`.
 */
const CANARY = 'wic-1';
const USERS: Record<string, string> = {
  admin: 'admin',
  manager: 'mgr-li',
  technician: 'tech-wang',
  staff: 'staff-chen',
};

interface Route {
  method: string;
  path: string;
  /** roles the document says may call it; undefined = public */
  roles: string[] | undefined;
  hasBody: boolean;
  takesPin: boolean;
  /** the top-level keys of its JSON body */
  bodyKeys: string[];
}

// The routes are read from the running edge at collection time, so each gets tests named after it.
console.log(`[abuse] api suite: profile ${profile.name}, seed ${seed}`);
const box: AttackedEdge = await startAttackedEdge({ devices: [CANARY] });
const routes: Route[] = await discoverRoutes().catch(async (err: unknown) => {
  await box.cleanup();
  throw err;
});
let canary: Canary;
const tokens = new Map<string, string>();
let revokedToken = '';
let rssBeforeKiB = 0;

function call(method: string, path: string, options: Parameters<typeof http>[3] = {}): Promise<HttpAnswer> {
  return http(box.httpPort, method, path, options);
}

async function login(user: string, pin: string, localAddress?: string): Promise<HttpAnswer> {
  return call('POST', '/api/session', { body: { user, pin }, localAddress });
}

async function discoverRoutes(): Promise<Route[]> {
  const doc = JSON.parse((await call('GET', '/api/openapi.json')).body) as {
    paths: Record<
      string,
      Record<
        string,
        {
          'x-roles'?: string[];
          requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, unknown> } }> };
        }
      >
    >;
  };
  const found: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const props = op.requestBody?.content?.['application/json']?.schema?.properties ?? {};
      found.push({
        method: method.toUpperCase(),
        path,
        roles: op['x-roles'],
        hasBody: op.requestBody !== undefined,
        takesPin: 'pin' in props,
        bodyKeys: Object.keys(props),
      });
    }
  }
  return found;
}

beforeAll(async () => {
  canary = new Canary(box.mqttPort, CANARY, box.secrets.get(CANARY) ?? '');
  await canary.start();
  for (const [role, user] of Object.entries(USERS)) {
    const res = await login(user, DEMO_PINS[user] ?? '');
    if (res.status !== 201) throw new Error(`login ${user}: ${res.status} ${res.body}`);
    tokens.set(role, (JSON.parse(res.body) as { token: string }).token);
  }
  tokens.set('display', await pairDisplay());
  const again = JSON.parse((await login('admin', DEMO_PINS.admin ?? '')).body) as { token: string };
  await call('DELETE', '/api/session', { token: again.token });
  revokedToken = again.token;

  rssBeforeKiB = box.watcher.rss();
  console.log(
    `[abuse] ${routes.length} routes, roles ${[...tokens.keys()].join(', ')}; edge RSS ${mib(rssBeforeKiB)}`,
  );
}, 60_000);

afterAll(async () => {
  await box.cleanup();
});

/** Pairs a display the way a manager does (code on screen, confirmed with a PIN); its credential is its bearer token. */
async function pairDisplay(): Promise<string> {
  const started = JSON.parse((await call('POST', '/api/displays/pairing')).body) as {
    pairingId: string;
    code: string;
    claimSecret: string;
  };
  const confirm = await call('POST', `/api/displays/pairing/${started.code}/confirm`, {
    body: { user: 'admin', pin: DEMO_PINS.admin ?? '', name: 'abuse wall' },
  });
  if (confirm.status !== 200) throw new Error(`pairing confirm: ${confirm.status} ${confirm.body}`);
  const claim = JSON.parse(
    (
      await call('POST', '/api/displays/pairing/claim', {
        body: { pairingId: started.pairingId, claimSecret: started.claimSecret },
      })
    ).body,
  ) as { credential?: string };
  if (!claim.credential) throw new Error('pairing claim gave no credential');
  return claim.credential;
}

/** The path with its parameters filled by plausible ids (numbers, real equipment). */
function concrete(path: string, fill: (name: string) => string = plausible): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(fill(name)));
}

function plausible(name: string): string {
  if (name === 'equipmentId') return CANARY;
  if (name === 'partNumber') return 'P-0001';
  if (name === 'stepId') return 'coils';
  return '1';
}

function forgedTokens(): [string, string][] {
  const rng = Rng.forCase('api-tokens', 0);
  return [
    ['no Authorization header', ''],
    ['random 32 bytes', `Bearer ${rng.bytes(32).toString('base64url')}`],
    ['expired session', `Bearer ${box.expiredToken}`],
    ['logged-out session', `Bearer ${revokedToken}`],
    ['admin token with one character changed', `Bearer ${mutateToken(tokens.get('admin') ?? '')}`],
    ['JWT with alg none', `Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.`],
    ['SQL in the token', `Bearer ' OR '1'='1`],
    ['10 kB token', `Bearer ${'A'.repeat(10_000)}`],
    ['Basic instead of Bearer', `Basic ${Buffer.from('admin:1234').toString('base64')}`],
    ['empty Bearer', 'Bearer '],
    ['token twice', `Bearer ${tokens.get('admin')} ${tokens.get('admin')}`],
  ];
}

function mutateToken(token: string): string {
  const last = token.at(-1) === 'A' ? 'B' : 'A';
  return token.slice(0, -1) + last;
}

/** Bodies a validator must turn into a 4xx: wrong types, huge, deep, prototype keys. */
function junkBodies(): string[] {
  return [
    '',
    'not json',
    'null',
    '[]',
    '{"__proto__": {"admin": true}}',
    `{"a": ${'['.repeat(5000)}${']'.repeat(5000)}}`,
    JSON.stringify({
      quantity: 1e308,
      delta: 1e308,
      minutes: -1,
      to: 'closed',
      equipmentId: '../../etc/passwd',
    }),
    JSON.stringify({ x: 'y'.repeat(200_000) }),
  ];
}

describe('every route × every role', () => {
  it('the OpenAPI document lists the routes and every demo role logged in', () => {
    expect(routes.length).toBeGreaterThan(20);
    expect([...tokens.keys()]).toEqual(expect.arrayContaining(['admin', 'manager', 'technician', 'staff']));
  });

  // logging out would end the role's token for every test after it; it has its own test below
  const matrix = routes.filter((r) => !(r.method === 'DELETE' && r.path === '/api/session'));
  for (const route of matrix) {
    it(`${route.method} ${route.path}: each role gets exactly what x-roles says, never a 5xx`, async () => {
      const problems: string[] = [];
      for (const [role, token] of tokens) {
        const res = await call(route.method, concrete(route.path), {
          token,
          body: route.hasBody ? {} : undefined,
        });
        const allowed = route.roles === undefined || route.roles.includes(role);
        if (res.status >= 500) problems.push(`${role}: ${res.status} ${res.body.slice(0, 200)}`);
        else if (!allowed && res.status !== 403) problems.push(`${role} (not allowed): ${res.status}`);
        else if (allowed && res.status === 401) problems.push(`${role} (allowed): 401`);
      }
      expect(problems, `${route.method} ${route.path}`).toEqual([]);
    });
  }

  for (const route of routes.filter((r) => r.roles !== undefined)) {
    it(`${route.method} ${route.path}: forged, expired and garbage tokens get 401`, async () => {
      const problems: string[] = [];
      // The board is read without any credential (an unpaired wall screen): no header at all
      // may read what the display role reads; anything that is not a valid token is 401.
      const boardRead = route.method === 'GET' && route.roles?.includes('display') === true;
      for (const [what, authorization] of forgedTokens()) {
        const res = await call(route.method, concrete(route.path), {
          authorization: authorization === '' ? undefined : authorization,
          body: route.hasBody ? {} : undefined,
        });
        if (authorization === '' && boardRead) {
          if (res.status >= 401 && res.status !== 404) problems.push(`${what} (board read): ${res.status}`);
        } else if (res.status !== 401) problems.push(`${what}: ${res.status}`);
      }
      expect(problems, `${route.method} ${route.path}`).toEqual([]);
    });
  }

  for (const route of matrix) {
    it(`${route.method} ${route.path}: hostile path parameters and bodies never get a 5xx`, async () => {
      const token = tokens.get('admin');
      const hostile = [
        '%00',
        '../../etc/passwd',
        'x'.repeat(5000),
        '1e308',
        '-1',
        '9007199254740993',
        "1' OR '1'='1",
        '💥',
      ];
      const problems: string[] = [];
      for (const value of hostile) {
        const res = await call(
          route.method,
          concrete(route.path, () => value),
          { token, body: route.hasBody ? {} : undefined },
        );
        if (res.status >= 500) problems.push(`param ${value.slice(0, 20)}: ${res.status}`);
      }
      if (route.hasBody) {
        for (const rawBody of junkBodies()) {
          const res = await call(route.method, concrete(route.path), { token, rawBody });
          if (res.status >= 500)
            problems.push(`body ${rawBody.slice(0, 30)}: ${res.status} ${res.body.slice(0, 120)}`);
        }
      }
      expect(problems, `${route.method} ${route.path}`).toEqual([]);
    });
  }

  it('DELETE /api/session ends exactly the session of its token', async () => {
    const mine = JSON.parse((await login('tech-wang', DEMO_PINS['tech-wang'] ?? '')).body) as {
      token: string;
    };
    expect((await call('DELETE', '/api/session', { token: mine.token })).status).toBe(204);
    expect((await call('GET', '/api/equipment', { token: mine.token })).status).toBe(401);
    expect((await call('GET', '/api/equipment', { token: tokens.get('technician') })).status).toBe(200);
  });
});

describe('the kitchen display cannot be logged out by strangers', () => {
  it('60 anonymous display-session and pairing requests do not end a paired display', async () => {
    const display = tokens.get('display');
    // the old anonymous display session route is gone, and asking for pairing codes does not unpair anyone
    for (let i = 0; i < 60; i++) {
      expect((await call('POST', '/api/session/display', { localAddress: '127.0.0.31' })).status).not.toBe(
        201,
      );
      await call('POST', '/api/displays/pairing', { localAddress: `127.0.1.${i}` });
    }
    const res = await call('GET', '/api/equipment', { token: display });
    expect(res.status, 'the paired display after 60 anonymous requests').toBe(200);
  });
});

describe('PIN guessing', () => {
  /** Each PIN route is attacked from its own address against its own user, since failures count per (user, address). */
  const targets = ['mgr-li', 'admin', 'tech-wang'];

  async function guess(
    route: Route,
    user: string,
    pin: string,
    target: 'existing' | 'missing',
    from: string,
  ) {
    if (route.path === '/api/session') {
      return call('POST', '/api/session', {
        body: { user: target === 'existing' ? user : `${user}-nobody`, pin },
        localAddress: from,
      });
    }
    if (route.path.startsWith('/api/displays/pairing/')) {
      const code = target === 'existing' ? await pendingPairingCode() : '000000';
      return call(
        route.method,
        concrete(route.path, (name) => (name === 'code' ? code : plausible(name))),
        {
          body: { user, pin },
          localAddress: from,
        },
      );
    }
    const id = target === 'existing' ? await existingWorkOrder() : '999999';
    const path = concrete(route.path, (name) => (name === 'workOrderId' ? id : plausible(name)));
    // The kitchen's own token where the route admits it; otherwise the least role that may call it
    // (signing a handover is a manager's), so the guesses reach the PIN check at all.
    const role = route.roles?.includes('staff')
      ? 'staff'
      : (['manager', 'technician', 'admin'].find((r) => route.roles?.includes(r)) ?? 'staff');
    return call(route.method, path, {
      token: tokens.get(role),
      body: { user, pin, ...(route.bodyKeys.includes('values') ? { values: {} } : {}) },
      localAddress: from,
    });
  }

  let pairingCode: string | undefined;
  /** A code a display is really showing, so that "existing" means an existing target. */
  async function pendingPairingCode(): Promise<string> {
    if (pairingCode) return pairingCode;
    const res = await call('POST', '/api/displays/pairing', { localAddress: '127.0.0.90' });
    pairingCode = (JSON.parse(res.body) as { code?: string }).code ?? '123456';
    return pairingCode;
  }

  let workOrderId: string | undefined;
  async function existingWorkOrder(): Promise<string> {
    if (workOrderId) return workOrderId;
    const list = JSON.parse(
      (await call('GET', '/api/work-orders?status=all', { token: tokens.get('admin') })).body,
    ) as { id?: number }[];
    workOrderId = String(Array.isArray(list) && list[0]?.id !== undefined ? list[0].id : 1);
    return workOrderId;
  }

  it('finds the PIN-checking routes in the OpenAPI document (login and sign-offs)', () => {
    expect(routes.filter((r) => r.takesPin).length).toBeGreaterThanOrEqual(2);
  });

  for (const [i, route] of routes.filter((r) => r.takesPin).entries()) {
    it(`${route.method} ${route.path}: PIN guesses end in 429 with Retry-After, the same answer for existing and missing targets`, async () => {
      const user = targets[i % targets.length] ?? 'mgr-li';
      // Two guessers, one per target, each from its own address: every guess of one is
      // answered exactly as the same guess of the other, whatever the target.
      const fromExisting = `127.0.0.${40 + i}`;
      const fromMissing = `127.0.0.${60 + i}`;
      const answers: { existing: number; missing: number; retryAfter: boolean }[] = [];
      for (let n = 0; n < profile.pinGuesses; n++) {
        const pin = String(n).padStart(4, '0') === DEMO_PINS[user] ? '9999' : String(n).padStart(4, '0');
        const existing = await guess(route, user, pin, 'existing', fromExisting);
        const missing = await guess(route, user, pin, 'missing', fromMissing);
        answers.push({
          existing: existing.status,
          missing: missing.status,
          retryAfter: existing.status === 429 && existing.headers['retry-after'] !== undefined,
        });
      }
      const firstThrottled = answers.findIndex((a) => a.existing === 429);
      const summary = answers.map((a) => `${a.existing}/${a.missing}`).join(' ');
      expect(
        firstThrottled,
        `${route.method} ${route.path}: existing/missing answers ${summary}`,
      ).toBeGreaterThan(0);
      expect(firstThrottled).toBeLessThanOrEqual(10);
      expect(
        answers.slice(firstThrottled).every((a) => a.retryAfter),
        `Retry-After on every 429: ${summary}`,
      ).toBe(true);
      expect(
        answers.filter((a) => a.existing !== a.missing),
        `existing vs missing target: ${summary}`,
      ).toEqual([]);
    });
  }

  it('a user guessed at from another address can still log in with the right PIN', async () => {
    const res = await login('mgr-li', DEMO_PINS['mgr-li'] ?? '', '127.0.0.1');
    expect(res.status, res.body).toBe(201);
  });
});

describe('after the API attack', () => {
  it('the edge never exited and /healthz answered within 1 s throughout', async () => {
    if (!box.alive()) throw new Error(`the edge exited\n${faultLines(box.edge.output())}`);
    const probe = await box.watcher.probe();
    expect(probe.ok).toBe(true);
    expect(box.watcher.failures().slice(0, 5)).toEqual([]);
  });

  it('every canary message the edge acknowledged is in the database', async () => {
    await canary.stop();
    console.log(
      `[abuse] api canary: ${canary.acked.length} acknowledged; edge RSS ${mib(rssBeforeKiB)} -> peak ${mib(box.watcher.rssPeakKiB)}`,
    );
    await box.stop();
    const db = box.openDatabaseReadOnly();
    const stored = new Set(
      (
        db.prepare("SELECT ts FROM readings WHERE equipment_id = ? AND metric = 'temp_c'").all(CANARY) as {
          ts: number;
        }[]
      ).map((r) => r.ts),
    );
    db.close();
    expect(canary.acked.length).toBeGreaterThan(20);
    expect(canary.acked.filter((ts) => !stored.has(ts)).slice(0, 10)).toEqual([]);
  }, 60_000);
});
