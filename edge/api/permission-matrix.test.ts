import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Permission } from '../../shared/permissions';
import { rolesWith } from '../../shared/permissions-table';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { silentLogger } from '../../shared/server/runtime/logger';
import { EdgeApp } from '../app/edge-app';

/**
 * Every operation of the real edge's own OpenAPI document, tried with a token of every
 * role (and the POS's Basic credentials): let through exactly where the permission
 * table says, refused elsewhere with the permission named, and every refusal audited.
 */
const DEMO_CONFIG = fileURLToPath(new URL('../../config/demo-store.yaml', import.meta.url));
/** The demo store's users, one per store role, with their demo PINs (config/demo-store.yaml). */
const DEMO_USERS = {
  admin: ['admin', '1234'],
  manager: ['mgr-li', '2222'],
  technician: ['tech-wang', '3333'],
  staff: ['staff-chen', '1111'],
  receiver: ['recv-sun', '4444'],
  purchaser: ['buyer-zhao', '5555'],
  finance: ['fin-qian', '6666'],
} as const;
const POS_BASIC = `Basic ${Buffer.from('pos-demo:pos-demo-secret').toString('base64')}`;

interface Operation {
  method: string;
  path: string;
  permission: string | undefined;
  roles: string[] | undefined;
  hasBody: boolean;
}

const dataDir = mkdtempSync(join(tmpdir(), 'galley-permissions-'));
let app: EdgeApp;
let base = '';
const credentials = new Map<string, string>();
let operations: Operation[] = [];

async function call(method: string, path: string, authorization?: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(authorization ? { authorization } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON (a CSV, metrics, a PDF): only the status matters here
  }
  return { status: response.status, json };
}

/** A path with every parameter filled by a value no route knows (a 404 or 400 is fine: the gate is the point). */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'x-unknown');

beforeAll(async () => {
  app = new EdgeApp({
    config: loadStoreConfig(DEMO_CONFIG),
    dataDir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
  });
  const { httpPort } = await app.start();
  base = `http://127.0.0.1:${httpPort}`;
  for (const [role, [user, pin]] of Object.entries(DEMO_USERS)) {
    const login = await call('POST', '/api/session', undefined, { user, pin });
    if (login.status !== 201) throw new Error(`login ${user}: ${login.status}`);
    credentials.set(role, `Bearer ${String(login.json.token)}`);
  }
  const started = (await call('POST', '/api/displays/pairing')).json;
  const confirmed = await call('POST', `/api/displays/pairing/${String(started.code)}/confirm`, undefined, {
    user: 'admin',
    pin: '1234',
    name: 'permission matrix',
  });
  if (confirmed.status !== 200) throw new Error(`pairing: ${confirmed.status}`);
  const claimed = await call('POST', '/api/displays/pairing/claim', undefined, {
    pairingId: started.pairingId,
    claimSecret: started.claimSecret,
  });
  credentials.set('display', `Bearer ${String(claimed.json.credential)}`);
  credentials.set('pos', POS_BASIC);

  const doc = (await call('GET', '/api/openapi.json')).json as {
    paths: Record<
      string,
      Record<string, { 'x-permission'?: string; 'x-roles'?: string[]; requestBody?: unknown }>
    >;
  };
  operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      permission: op['x-permission'],
      roles: op['x-roles'],
      hasBody: op.requestBody !== undefined,
    })),
  );
}, 120_000);

afterAll(async () => {
  await app?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('every route × every role, as the permission table says', () => {
  it('names a permission on every operation that needs a credential, and the roles that hold it', () => {
    expect(operations.length).toBeGreaterThan(60);
    const secured = operations.filter((op) => op.roles !== undefined || op.permission !== undefined);
    expect(secured.length).toBeGreaterThan(50);
    for (const op of secured) {
      const permission = Permission.parse(op.permission);
      expect(op.roles, `${op.method} ${op.path}`).toEqual(rolesWith(permission));
    }
    const byPath = (method: string, path: string) =>
      operations.find((o) => o.method === method && o.path === path);
    expect(byPath('POST', '/api/stock/counts')?.permission).toBe('stock.count');
    expect(byPath('POST', '/api/stock/deliveries')?.roles).toEqual(['receiver', 'manager', 'admin']);
    expect(byPath('POST', '/api/pos/orders')?.roles).toEqual(['admin', 'pos']);
    expect(byPath('GET', '/api/access-audit')?.roles).toEqual(['finance', 'manager', 'admin']);
  });

  it('lets each role through exactly where its permission is, and refuses elsewhere saying which', async () => {
    const problems: string[] = [];
    let refusals = 0;
    // Logging out would end a token the rest of the matrix needs: it has its own check below.
    for (const op of operations.filter(
      (o) => o.permission && !(o.method === 'DELETE' && o.path === '/api/session'),
    )) {
      for (const [role, authorization] of credentials) {
        const answer = await call(op.method, concrete(op.path), authorization, op.hasBody ? {} : undefined);
        const allowed = op.roles?.includes(role) === true;
        const refusedForPermission = answer.status === 403 && answer.json.permission !== undefined;
        const where = `${role} ${op.method} ${op.path}: ${answer.status}`;
        if (answer.status >= 500 || answer.status === 401) problems.push(where);
        else if (allowed && refusedForPermission) problems.push(`${where} (allowed, refused)`);
        else if (!allowed && !refusedForPermission) problems.push(`${where} (not allowed, let through)`);
        else if (!allowed) {
          refusals += 1;
          if (answer.json.permission !== op.permission)
            problems.push(`${where} names ${String(answer.json.permission)}`);
          const messages = answer.json.messages as { en?: string; 'zh-CN'?: string } | undefined;
          if (
            !messages?.en?.includes(String(op.permission)) ||
            !messages['zh-CN']?.includes('拥有该权限的角色')
          )
            problems.push(`${where} says no why`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(refusals).toBeGreaterThan(100);

    // Each refusal is in the audit: the admin reads the newest, each naming the refused route.
    const audit = await call('GET', '/api/access-audit?limit=1000', credentials.get('admin'));
    const entries = audit.json as unknown as { userId: string; action: string; subject: string }[];
    expect(entries.length).toBe(Math.min(refusals, 1000));
    expect(entries).toContainEqual(
      expect.objectContaining({
        userId: 'fin-qian',
        action: 'stock.count',
        subject: 'POST /api/stock/counts',
      }),
    );
    expect(entries).toContainEqual(
      expect.objectContaining({
        userId: 'integration:pos-demo',
        action: 'stock.read',
        subject: 'GET /api/stock',
      }),
    );
  }, 120_000);

  it('answers each session with its permissions, and logging out needs one too', async () => {
    const login = await call('POST', '/api/session', undefined, { user: 'recv-sun', pin: '4444' });
    expect(login.json).toMatchObject({ role: 'receiver', userId: 'recv-sun' });
    expect(login.json.permissions).toEqual(
      expect.arrayContaining(['stock.receive', 'purchase_requests.receive']),
    );
    expect(login.json.permissions).not.toContain('purchase_requests.approve');
    const token = `Bearer ${String(login.json.token)}`;
    expect((await call('DELETE', '/api/session', token)).status).toBe(204);
    expect((await call('GET', '/api/stock', token)).status).toBe(401);
    // A paired display is not a person: it may not log out, and is told which permission that needs.
    const display = await call('DELETE', '/api/session', credentials.get('display'));
    expect(display).toMatchObject({ status: 403, json: { permission: 'session.end' } });
  });
});
