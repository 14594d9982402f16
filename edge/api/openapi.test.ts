import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { badRequest } from '../../shared/server/http/errors';
import { defineRoute } from './edge-route';
import { type ApiFixture, bearer, createApiFixture } from './testing/api-fixture';

/** A resource another module would add, declared the same way as the built-in ones. */
const NoteBody = z.object({
  equipmentId: z.string().min(1),
  text: z.string().min(3).max(200).describe('what was seen'),
  urgent: z.boolean().default(false),
});
const Note = NoteBody.extend({ id: z.number().int() });
const notes: z.infer<typeof Note>[] = [];
const noteRoutes = [
  defineRoute({
    method: 'POST',
    url: '/api/notes',
    summary: 'Leave a note',
    tags: ['notes'],
    access: 'parts.adjust',
    body: NoteBody,
    response: Note,
    status: 201,
    handler: ({ body }) => {
      if (body.text === 'boom') throw badRequest('not that word');
      const note = { ...body, id: notes.length + 1 };
      notes.push(note);
      return note;
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/api/notes/:id',
    summary: 'One note',
    tags: ['notes'],
    access: 'public',
    params: z.object({ id: z.coerce.number().int().positive() }),
    response: Note,
    errors: [404],
    handler: ({ params }) => {
      const note = notes[params.id - 1];
      if (!note) throw new Error('unexpected: simulated fault');
      return note;
    },
  }),
];

describe('route registry and OpenAPI', () => {
  let f: ApiFixture;
  beforeEach(async () => {
    notes.length = 0;
    f = await createApiFixture({ routes: noteRoutes });
  });
  afterEach(async () => {
    await f.close();
  });

  it('describes every mounted route with its schemas as OpenAPI 3.1', async () => {
    const response = await f.server.inject({ url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe('9.9.9-test');
    const operations = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(
      ([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(
      [
        'GET /healthz',
        'GET /metrics',
        'GET /api/openapi.json',
        'POST /api/session',
        'DELETE /api/session',
        'GET /api/equipment',
        'GET /api/equipment/{equipmentId}',
        'GET /api/equipment/{equipmentId}/readings',
        'GET /api/ingest/rejections',
        'POST /api/notes',
        'GET /api/notes/{id}',
      ].sort(),
    );

    const login = doc.paths['/api/session'].post;
    expect(login.security).toEqual([]);
    expect(login.requestBody.content['application/json'].schema).toMatchObject({
      type: 'object',
      required: ['user', 'pin'],
      properties: { pin: { type: 'string', pattern: '^\\d{4,8}$' } },
    });
    expect(login.responses['201'].content['application/json'].schema.required).toContain('token');
    expect(Object.keys(login.responses).sort()).toEqual(['201', '400', '401', '429']);

    const readings = doc.paths['/api/equipment/{equipmentId}/readings'].get;
    // Board data: the bearer is optional (an unpaired display reads without one).
    expect(readings.security).toEqual([{}, { bearer: [] }]);
    const params = readings.parameters.map((p: { name: string; in: string; required: boolean }) => [
      p.name,
      p.in,
      p.required,
    ]);
    expect(params).toEqual([
      ['equipmentId', 'path', true],
      ['metric', 'query', true],
      ['from', 'query', true],
      ['to', 'query', true],
      ['step', 'query', false],
    ]);
    expect(readings.responses['200'].content['application/json'].schema).toMatchObject({
      type: 'array',
      items: { type: 'object', required: ['ts', 'value'] },
    });
    expect(readings.responses['400'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/ApiError',
    });
    expect(doc.components.schemas.ApiError.properties).toHaveProperty('issues');

    const note = doc.paths['/api/notes'].post;
    expect(note['x-roles']).toEqual(['manager', 'admin']);
    // Input view: a field with a default is optional for the caller.
    expect(note.requestBody.content['application/json'].schema.required).toEqual(['equipmentId', 'text']);
    expect(doc.paths['/metrics'].get.responses['200'].content).toHaveProperty('text/plain');
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('validates a new module’s body with the same schema and lists every issue', async () => {
    const token = await f.tokenFor('manager');
    const bad = await f.server.inject({
      method: 'POST',
      url: '/api/notes',
      headers: bearer(token),
      payload: { text: 'x', urgent: 'yes' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad_request', message: 'invalid request: 3 problems' });
    expect(bad.json().issues.map((i: string) => i.split(':')[0])).toEqual([
      'body.equipmentId',
      'body.text',
      'body.urgent',
    ]);

    const good = await f.server.inject({
      method: 'POST',
      url: '/api/notes',
      headers: bearer(token),
      payload: { equipmentId: 'wic-1', text: 'door seal torn' },
    });
    expect(good.statusCode).toBe(201);
    expect(good.json()).toEqual({ id: 1, equipmentId: 'wic-1', text: 'door seal torn', urgent: false });
    expect(notes).toHaveLength(1);
  });

  it('turns an unexpected handler error into a 500 without internals', async () => {
    const response = await f.server.inject({ url: '/api/notes/7' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ error: 'internal_error', message: 'internal error; see the edge log' });
    expect(response.body).not.toContain('simulated fault');
    const counted = f.metrics.counter('galley_http_requests_total', 'HTTP requests answered', [
      'method',
      'route',
      'status',
    ]);
    expect(counted.get({ method: 'GET', route: '/api/notes/:id', status: 500 })).toBe(1);
  });
});
