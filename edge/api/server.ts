import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import { ApiHttpError, errorCodeForStatus } from '../../shared/server/http/errors';
import { LoginThrottle } from '../../shared/server/http/login-throttle';
import { type ApiRoute, mountRoutes } from '../../shared/server/http/route-registry';
import { addSecurityHeaders } from '../../shared/server/http/security-headers';
import { edgeVersion } from '../runtime/edge-version';
import type { ApiDeps } from './api-deps';
import { authenticate } from './auth';
import { EquipmentViews } from './equipment-views';
import { equipmentRoutes } from './routes/equipment';
import { ingestRoutes } from './routes/ingest';
import { metaRoutes } from './routes/meta';
import { sessionRoutes } from './routes/session';
import { displayRootOf, serveDisplay } from './static-display';

/** API bodies are small JSON documents; anything bigger is a mistake or an attack. */
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The edge's HTTP API (and the kitchen display's files). The caller listens:
 * `await server.listen({ port, host })`, port 0 allowed, and closes it with `server.close()`.
 */
export function createApiServer(deps: ApiDeps): FastifyInstance {
  const log = deps.logger.child({ ns: 'api' });
  // Typed as fastify's logger so the instance is the plain FastifyInstance route modules expect.
  const loggerInstance: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance,
    // Requests are logged once, at debug, by the onResponse hook below; errors by the error handler.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
  });
  addSecurityHeaders(app);
  const startedAt = deps.clock.now();
  const version = deps.version ?? edgeVersion();

  const httpRequests = deps.metrics.counter('galley_http_requests_total', 'HTTP requests answered', [
    'method',
    'route',
    'status',
  ]);
  const loginFailures = deps.metrics.counter('galley_api_login_failures_total', 'Failed PIN logins');
  if (!deps.metrics.has('galley_ingest_rejected_total')) {
    deps.metrics.counter(
      'galley_ingest_rejected_total',
      'Messages refused by the edge, by reason',
      ['reason'],
      { collect: () => rejectionTotalsByReason(deps) },
    );
  }

  const views = new EquipmentViews(deps);
  const routes: ApiRoute[] = [];
  routes.push(
    ...metaRoutes({ ...deps, version, startedAt, allRoutes: () => routes }),
    ...sessionRoutes({ ...deps, throttle: new LoginThrottle(deps.clock), loginFailures }),
    ...equipmentRoutes({ readings: deps.readings, views }),
    ...ingestRoutes(deps),
    ...(deps.routes ?? []),
  );
  mountRoutes(app, routes, {
    authenticate: (request, access) =>
      authenticate({ sessions: deps.sessions, displays: deps.displays }, request, access),
  });

  app.setErrorHandler((error: FastifyError | ApiHttpError, request, reply) => {
    const context = { reqId: request.id, method: request.method, url: request.url };
    if (error instanceof ApiHttpError) {
      if (error.statusCode >= 500) log.error({ ...context, err: error }, 'request failed');
      return reply.code(error.statusCode).headers(error.headers).send(error.toBody());
    }
    const fromFastify = error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500;
    const status = fromFastify && error.statusCode !== undefined ? error.statusCode : 500;
    if (status >= 500) {
      log.error({ ...context, err: error }, 'request failed');
      return reply
        .code(500)
        .send({ error: errorCodeForStatus(500), message: 'internal error; see the edge log' });
    }
    log.info({ ...context, status, code: error.code }, 'request refused');
    return reply.code(status).send({ error: errorCodeForStatus(status), message: error.message });
  });

  const displayRoot = displayRootOf(deps.displayDir);
  if (displayRoot) serveDisplay(app, displayRoot);
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const isApi = path === '/api' || path.startsWith('/api/');
    if (displayRoot && !isApi && (request.method === 'GET' || request.method === 'HEAD')) {
      // Client-side routes of the single-page display all load its index.html.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return reply.code(404).send({ error: 'not_found', message: `no route ${request.method} ${path}` });
  });

  app.addHook('onResponse', async (request, reply) => {
    httpRequests.inc({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
    });
    log.debug(
      {
        reqId: request.id,
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: reply.elapsedTime,
      },
      'request',
    );
  });

  return app;
}

function rejectionTotalsByReason(
  deps: Pick<ApiDeps, 'rejections'>,
): { labels: { reason: string }; value: number }[] {
  const totals = new Map<string, number>();
  for (const row of deps.rejections.list()) totals.set(row.reason, (totals.get(row.reason) ?? 0) + row.count);
  return [...totals].map(([reason, value]) => ({ labels: { reason }, value }));
}
