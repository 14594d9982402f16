import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SessionRole } from '../../shared/roles';
import { type ApiFixture, bearer, createApiFixture } from './testing/api-fixture';

const everyone = SessionRole.options.filter((role) => role !== 'pos');
const maintainers = ['technician', 'manager', 'admin'];
const people = everyone.filter((role) => role !== 'display');

/** Every route behind a token, with who may call it; the last test checks nothing is missing here. */
const protectedRoutes: {
  method: 'GET' | 'DELETE';
  url: string;
  pattern: string;
  allowed: readonly string[];
}[] = [
  { method: 'GET', url: '/api/equipment', pattern: '/api/equipment', allowed: everyone },
  { method: 'GET', url: '/api/equipment/wic-1', pattern: '/api/equipment/{equipmentId}', allowed: everyone },
  {
    method: 'GET',
    url: '/api/equipment/wic-1/readings?metric=temp_c&from=0&to=1000',
    pattern: '/api/equipment/{equipmentId}/readings',
    allowed: everyone,
  },
  { method: 'GET', url: '/api/ingest/rejections', pattern: '/api/ingest/rejections', allowed: maintainers },
  // a paired display's credential is not a session: only a manager revokes it
  { method: 'DELETE', url: '/api/session', pattern: '/api/session', allowed: people },
];

describe('authentication and roles', () => {
  let f: ApiFixture;
  beforeAll(async () => {
    f = await createApiFixture();
  });
  afterAll(async () => {
    await f.close();
  });

  for (const route of protectedRoutes) {
    it(`${route.method} ${route.url}: 401 without a valid token`, async () => {
      const anonymous = await f.server.inject({ method: route.method, url: route.url });
      // What the display may read, anyone may: an unpaired board reads without any token.
      if (route.allowed.includes('display')) expect([200, 204]).toContain(anonymous.statusCode);
      else expect(anonymous.statusCode).toBe(401);
      for (const headers of [
        { authorization: 'Bearer not-a-session' },
        { authorization: 'Bearer gdc_0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
        { authorization: 'Basic YWRtaW46MTIzNA==' },
        { authorization: 'Bearer' },
      ]) {
        const response = await f.server.inject({ method: route.method, url: route.url, headers });
        expect(response.statusCode, JSON.stringify(headers)).toBe(401);
        expect(response.json().error).toBe('unauthorized');
      }
    });

    for (const role of everyone) {
      const allowed = route.allowed.includes(role);
      it(`${route.method} ${route.url}: ${role} → ${allowed ? 'allowed' : '403'}`, async () => {
        const token = await f.tokenFor(role);
        const response = await f.server.inject({
          method: route.method,
          url: route.url,
          headers: bearer(token),
        });
        if (allowed) {
          expect([200, 204]).toContain(response.statusCode);
        } else {
          expect(response.statusCode).toBe(403);
          expect(response.json()).toMatchObject({ error: 'forbidden' });
        }
      });
    }
  }

  it('serves the public routes without a token', async () => {
    for (const url of ['/healthz', '/metrics', '/api/openapi.json']) {
      expect((await f.server.inject({ url })).statusCode, url).toBe(200);
    }
    // Displays pair (routes/displays.ts); there is no anonymous display session to hand out.
    expect((await f.server.inject({ method: 'POST', url: '/api/session/display' })).statusCode).toBe(404);
  });

  it('covers every route that needs a token', async () => {
    const doc = (await f.server.inject({ url: '/api/openapi.json' })).json();
    const secured: string[] = [];
    for (const [path, operations] of Object.entries(
      doc.paths as Record<string, Record<string, { security: unknown[] }>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        if (operation.security.length > 0) secured.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(secured.sort()).toEqual(protectedRoutes.map((r) => `${r.method} ${r.pattern}`).sort());
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await f.server.inject({ url: '/api/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', message: 'no route GET /api/nothing-here' });
    // Unmatched paths share one label, so scanners cannot blow up the metric's cardinality.
    expect((await f.server.inject({ url: '/metrics' })).body).toContain(
      'galley_http_requests_total{method="GET",route="unmatched",status="404"} 1',
    );
  });
});
