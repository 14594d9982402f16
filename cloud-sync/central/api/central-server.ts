import { existsSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import { z } from 'zod';
import { ApiHttpError, errorCodeForStatus } from '../../../shared/server/http/errors';
import { mountRoutes } from '../../../shared/server/http/route-registry';
import { addSecurityHeaders } from '../../../shared/server/http/security-headers';
import type { CentralContext } from '../central-context';
import { CentralError, type CentralErrorCode } from '../central-error';
import { authenticateCentral } from './central-auth';
import { buildCentralOpenApi } from './central-openapi';
import { type CentralRoute, centralRoute, setCaller } from './central-route';
import { adminRoutes } from './routes/admin-routes';
import { maintenanceRoutes } from './routes/maintenance-routes';
import { readRoutes } from './routes/read-routes';
import { sessionRoutes } from './routes/session-routes';
import { syncRoutes } from './routes/sync-routes';

/** A sync batch of 500 events with ticket views fits easily; gzip bodies count unpacked. */
const BODY_LIMIT_BYTES = 16 * 1024 * 1024;

const STATUS_OF: Record<CentralErrorCode, number> = {
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID: 400,
  STORE_MISMATCH: 403,
  TOKEN_REVOKED: 401,
  BAD_CREDENTIALS: 401,
};

export interface CentralServerOptions {
  version: string;
  /** The regional web page's build; served at `/` when it exists. */
  webDir?: string | undefined;
}

/** Central's HTTP server: API under /api (people and edge boxes), the web page at /. */
export function createCentralServer(ctx: CentralContext, options: CentralServerOptions): FastifyInstance {
  const log = ctx.logger.child({ ns: 'central.api' });
  const loggerInstance: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
  });
  addSecurityHeaders(app);

  const routes: CentralRoute[] = [
    ...metaRoutes(() => routes, options.version),
    ...sessionRoutes(ctx),
    ...readRoutes(ctx),
    ...maintenanceRoutes(ctx),
    ...adminRoutes(ctx),
    ...syncRoutes(ctx),
  ];
  const accessOf = new Map(routes.map((r) => [`${r.method} ${r.url}`, r.centralAccess]));
  app.addHook('onRequest', async (request) => {
    const access = accessOf.get(`${request.method} ${request.routeOptions.url}`);
    if (access === undefined || access === 'public') return;
    const caller = await authenticateCentral(ctx, request, access);
    if (caller) setCaller(request, caller);
  });
  app.addHook('preParsing', async (request, _reply, payload) => {
    const encoding = request.headers['content-encoding']?.toLowerCase();
    if (!encoding || encoding === 'identity') return payload;
    if (encoding !== 'gzip') {
      throw new ApiHttpError(
        415,
        'unsupported_media_type',
        `Content-Encoding ${encoding} is not supported; use gzip`,
      );
    }
    const unpacked = payload.pipe(createGunzip());
    // fastify compares the bytes it reads with Content-Length, which counts the packed body.
    delete request.headers['content-length'];
    return unpacked;
  });
  mountRoutes(app, routes, { authenticate: () => undefined });

  app.setErrorHandler((error: FastifyError | ApiHttpError | CentralError, request, reply) => {
    const context = { reqId: request.id, method: request.method, url: request.url };
    if (error instanceof ApiHttpError) {
      if (error.statusCode >= 500) log.error({ ...context, err: error }, 'request failed');
      else log.debug({ ...context, status: error.statusCode, message: error.message }, 'request refused');
      return reply.code(error.statusCode).headers(error.headers).send(error.toBody());
    }
    if (error instanceof CentralError) {
      const status = STATUS_OF[error.code];
      log.info({ ...context, status, code: error.code, message: error.message }, 'request refused');
      return reply.code(status).send({ error: errorCodeForStatus(status), message: error.message });
    }
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status >= 500) {
      log.error({ ...context, err: error }, 'request failed');
      return reply
        .code(500)
        .send({ error: 'internal_error', message: 'internal error; see the central log' });
    }
    log.info({ ...context, status, code: error.code }, 'request refused');
    return reply.code(status).send({ error: errorCodeForStatus(status), message: error.message });
  });

  const webRoot = options.webDir && existsSync(`${options.webDir}/index.html`) ? options.webDir : undefined;
  if (webRoot) void app.register(fastifyStatic, { root: webRoot, prefix: '/', index: ['index.html'] });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    if (webRoot && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${path}` });
  });
  return app;
}

const Health = z.object({ ok: z.boolean(), version: z.string() });

function metaRoutes(allRoutes: () => readonly CentralRoute[], version: string): CentralRoute[] {
  let openApi: Record<string, unknown> | undefined;
  return [
    centralRoute({
      method: 'GET',
      url: '/healthz',
      summary: 'Liveness of the central service',
      tags: ['meta'],
      access: 'public',
      response: Health,
      handler: () => ({ ok: true, version }),
    }),
    centralRoute({
      method: 'GET',
      url: '/api/openapi.json',
      summary: 'This API described as OpenAPI 3.1',
      tags: ['meta'],
      access: 'public',
      response: z.record(z.string(), z.unknown()),
      handler: () => {
        openApi ??= buildCentralOpenApi(allRoutes(), version);
        return openApi;
      },
    }),
  ];
}
