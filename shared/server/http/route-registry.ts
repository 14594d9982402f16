/**
 * Every HTTP route is declared once, with its zod schemas and who may call it; the
 * same declaration validates requests and generates `GET /api/openapi.json`.
 *
 * Each process binds the registry to its own access rule and caller once
 * (`export const defineRoute = routeDefiner<EdgeAccess, AuthContext>()`), then a
 * route module declares
 *
 *   defineRoute({
 *     method: 'GET', url: '/api/alarms/:alarmId', summary: 'One alarm', tags: ['alarms'],
 *     access: BOARD_READERS,                     // 'public', or the process's own rule
 *     params: z.object({ alarmId: z.string() }), // querystring / body likewise, all optional
 *     response: AlarmView,                       // the 2xx body (`status` defaults to 200)
 *     errors: [404],                             // statuses the handler may throw
 *     handler: ({ params, auth }) => alarms.get(params.alarmId) ?? throwNotFound(),
 *   })
 *
 * and `mountRoutes` mounts the list with the process's one `authenticate`, which runs
 * before the body is read. Handlers receive parsed, typed input and the caller, and
 * throw `ApiHttpError` (errors.ts) to answer with an error; anything else they throw
 * becomes a logged 500.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { ApiHttpError } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Needs nothing from the caller, in every process. */
export const PUBLIC = 'public';
export type PublicAccess = typeof PUBLIC;

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteContext<P, Q, B, Auth> {
  params: P;
  query: Q;
  body: B;
  /** The caller as the process's `authenticate` found it; undefined where it let an anonymous call through. */
  auth: Auth | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<
  Access,
  Auth,
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
  access: Access | PublicAccess;
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
   * (paths relative to the body), e.g. which events of a batch are at fault; a feed that
   * counts its refusals per caller counts here.
   */
  explainInvalidBody?: (
    issues: readonly z.core.$ZodIssue[],
    body: unknown,
    auth: Auth | undefined,
  ) => Record<string, unknown>;
  handler(ctx: RouteContext<Parsed<PS>, Parsed<QS>, Parsed<BS>, Auth>): z.output<RS> | Promise<z.output<RS>>;
}

/** A declared route with its types erased, ready to be mounted and described. */
export interface ApiRoute<Access = unknown, Auth = unknown> {
  method: HttpMethod;
  url: string;
  summary: string;
  description: string | undefined;
  tags: string[];
  access: Access | PublicAccess;
  schemas: { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType; response: z.ZodType };
  status: number;
  contentType: string;
  errors: number[];
  /** Validates input, runs the handler and returns the body to send. */
  handle(request: FastifyRequest, reply: FastifyReply, auth: Auth | undefined): Promise<unknown>;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** `defineRoute` bound to one process's access rule and caller. */
export function routeDefiner<Access, Auth>() {
  return function defineRoute<
    PS extends z.ZodType | undefined = undefined,
    QS extends z.ZodType | undefined = undefined,
    BS extends z.ZodType | undefined = undefined,
    RS extends z.ZodType = z.ZodType,
  >(spec: RouteSpec<Access, Auth, PS, QS, BS, RS>): ApiRoute<Access, Auth> {
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
              ? spec.explainInvalidBody(bodyIssues, request.body, auth)
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

export interface MountOptions<Access, Auth> {
  /**
   * The one place a process checks who calls: throws 401/403 (`ApiHttpError`) to refuse,
   * returns the caller, or undefined to let an anonymous call through. Called for every
   * route, public ones included (the edge notes which display is asking), before the
   * body is read, so a refused caller never makes the server read a large body.
   */
  authenticate(
    request: FastifyRequest,
    access: Access | PublicAccess,
  ): Auth | undefined | Promise<Auth | undefined>;
}

/** Mounts routes on fastify; the server's error handler turns thrown errors into `ApiError` bodies. */
export function mountRoutes<Access, Auth>(
  app: FastifyInstance,
  routes: readonly ApiRoute<Access, Auth>[],
  options: MountOptions<Access, Auth>,
): void {
  const seen = new Set<string>();
  const callers = new WeakMap<FastifyRequest, Auth>();
  for (const route of routes) {
    const key = `${route.method} ${route.url}`;
    if (seen.has(key)) throw new Error(`route ${key} is declared twice`);
    seen.add(key);
    app.route({
      method: route.method,
      url: route.url,
      onRequest: async (request) => {
        const auth = await options.authenticate(request, route.access);
        if (auth !== undefined) callers.set(request, auth);
      },
      handler: async (request, reply) => {
        const result = await route.handle(request, reply, callers.get(request));
        // A handler may pick another status itself (e.g. 503 from /healthz); fastify's default is 200.
        if (reply.statusCode === 200) reply.code(route.status);
        if (reply.statusCode === 204) return reply.send();
        reply.header('content-type', route.contentType);
        return route.contentType === JSON_CONTENT_TYPE ? JSON.stringify(result) : result;
      },
    });
  }
}
