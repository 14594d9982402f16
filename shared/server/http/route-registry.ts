/**
 * Every HTTP route is declared once, with its zod schemas and who may call it; the
 * same declaration validates requests and generates `GET /api/openapi.json`.
 *
 * To add a resource (alarms, tickets, …): create `edge/api/routes/<resource>.ts`
 * exporting `function <resource>Routes(deps): ApiRoute[]`, where each route is
 *
 *   defineRoute({
 *     method: 'GET', url: '/api/alarms/:alarmId', summary: 'One alarm', tags: ['alarms'],
 *     access: BOARD_READERS,                     // or 'public', or a list of roles
 *     params: z.object({ alarmId: z.string() }), // querystring / body likewise, all optional
 *     response: AlarmView,                       // the 2xx body (`status` defaults to 200)
 *     errors: [404],                             // statuses the handler may throw
 *     handler: ({ params }) => alarms.get(params.alarmId) ?? throwNotFound(),
 *   })
 *
 * and pass the list to `createApiServer({ …, routes: [...alarmsRoutes(deps)] })`.
 * Handlers receive parsed, typed input and throw `ApiHttpError` (errors.ts) to
 * answer with an error; anything else they throw becomes a logged 500.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { AuthContext } from '../../../edge/api/auth';
import type { SessionRole } from '../../roles';
import { ApiHttpError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `'public'` needs no token; a list of roles needs a bearer token of one of them. */
export type RouteAccess = 'public' | readonly SessionRole[];

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Present on every route that is not public. */
  auth: AuthContext | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<
  PS extends z.ZodType | undefined,
  QS extends z.ZodType | undefined,
  BS extends z.ZodType | undefined,
  RS extends z.ZodType,
> {
  method: HttpMethod;
  /** fastify syntax, `:name` for a path parameter; OpenAPI shows it as `{name}`. */
  url: string;
  summary: string;
  description?: string;
  tags?: string[];
  access: RouteAccess;
  params?: PS;
  querystring?: QS;
  body?: BS;
  response: RS;
  status?: number;
  /** Defaults to JSON; anything else must be a string body (e.g. Prometheus text). */
  contentType?: string;
  /** Error statuses the handler itself may answer with, for the API description. */
  errors?: number[];
  /**
   * Fields to add to the 400 answer when the body is invalid, from the body's issues
   * (paths relative to the body), e.g. which events of a batch are at fault.
   */
  explainInvalidBody?: (issues: readonly z.core.$ZodIssue[], body: unknown) => Record<string, unknown>;
  handler(ctx: RouteContext<Parsed<PS>, Parsed<QS>, Parsed<BS>>): z.output<RS> | Promise<z.output<RS>>;
}

/** A declared route with its types erased, ready to be mounted and described. */
export interface ApiRoute {
  method: HttpMethod;
  url: string;
  summary: string;
  description: string | undefined;
  tags: string[];
  access: RouteAccess;
  schemas: { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType; response: z.ZodType };
  status: number;
  contentType: string;
  errors: number[];
  /** Validates input, runs the handler and returns the body to send. */
  handle(request: FastifyRequest, reply: FastifyReply, auth: AuthContext | undefined): Promise<unknown>;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function defineRoute<
  PS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
  RS extends z.ZodType = z.ZodType,
>(spec: RouteSpec<PS, QS, BS, RS>): ApiRoute {
  const schemas: ApiRoute['schemas'] = { response: spec.response };
  if (spec.params) schemas.params = spec.params;
  if (spec.querystring) schemas.querystring = spec.querystring;
  if (spec.body) schemas.body = spec.body;
  return {
    method: spec.method,
    url: spec.url,
    summary: spec.summary,
    description: spec.description,
    tags: spec.tags ?? [],
    access: spec.access,
    schemas,
    status: spec.status ?? 200,
    contentType: spec.contentType ?? JSON_CONTENT_TYPE,
    errors: spec.errors ?? [],
    async handle(request, reply, auth) {
      const issues: string[] = [];
      const params = parsePart(spec.params, request.params, 'params', issues);
      const query = parsePart(spec.querystring, request.query, 'query', issues);
      const bodyIssues: z.core.$ZodIssue[] = [];
      const body = parsePart(spec.body, request.body, 'body', issues, bodyIssues);
      if (issues.length > 0) {
        const message = `invalid request: ${issues.length} problem${issues.length > 1 ? 's' : ''}`;
        const details =
          bodyIssues.length > 0 && spec.explainInvalidBody
            ? spec.explainInvalidBody(bodyIssues, request.body)
            : {};
        throw new ApiHttpError(400, 'bad_request', message, issues, {}, details);
      }
      return spec.handler({
        params: params as Parsed<PS>,
        query: query as Parsed<QS>,
        body: body as Parsed<BS>,
        auth,
        request,
        reply,
      });
    },
  };
}

function parsePart(
  schema: z.ZodType | undefined,
  input: unknown,
  where: string,
  issues: string[],
  raw?: z.core.$ZodIssue[],
): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(input ?? (where === 'body' ? undefined : {}));
  if (result.success) return result.data;
  raw?.push(...result.error.issues);
  for (const issue of result.error.issues) {
    const path = [where, ...issue.path.map(String)].join('.');
    issues.push(`${path}: ${issue.message}`);
  }
  return undefined;
}

export interface MountOptions {
  authenticate(request: FastifyRequest, access: RouteAccess): AuthContext | undefined;
}

/** Mounts routes on fastify; the server's error handler turns thrown errors into `ApiError` bodies. */
export function mountRoutes(app: FastifyInstance, routes: readonly ApiRoute[], options: MountOptions): void {
  const seen = new Set<string>();
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    if (seen.has(key)) throw new Error(`route ${key} is declared twice`);
    seen.add(key);
    app.route({
      method: route.method,
      url: route.url,
      handler: async (request, reply) => {
        const auth = options.authenticate(request, route.access);
        const result = await route.handle(request, reply, auth);
        // A handler may pick another status itself (e.g. 503 from /healthz); fastify's default is 200.
        if (reply.statusCode === 200) reply.code(route.status);
        if (reply.statusCode === 204) return reply.send();
        reply.header('content-type', route.contentType);
        return route.contentType === JSON_CONTENT_TYPE ? JSON.stringify(result) : result;
      },
    });
  }
}
