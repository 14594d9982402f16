import type { FastifyInstance } from 'fastify';
import { createApiServer as createServer } from '../../shared/server/http/api-server';
import { LoginThrottle } from '../../shared/server/http/login-throttle';
import { mountRoutes } from '../../shared/server/http/route-registry';
import { captureRawBody } from '../domains/orders/connectors/raw-body';
import { SQUARE_WEBHOOK_URL } from '../domains/orders/connectors/square-webhook-routes';
import { edgeVersion } from '../runtime/edge-version';
import type { ApiDeps } from './api-deps';
import { authenticate } from './auth';
import type { EdgeRoute } from './edge-route';
import { EquipmentViews } from './equipment-views';
import { equipmentRoutes } from './routes/equipment';
import { ingestRoutes } from './routes/ingest';
import { metaRoutes } from './routes/meta';
import { sessionRoutes } from './routes/session';

/** API bodies are small JSON documents; anything bigger is a mistake or an attack. */
const BODY_LIMIT_BYTES = 64 * 1024;

/**
 * The edge's HTTP API (and the kitchen display's files). The caller listens:
 * `await server.listen({ port, host })`, port 0 allowed, and closes it with `server.close()`.
 */
export function createApiServer(deps: ApiDeps): FastifyInstance {
  const log = deps.logger.child({ ns: 'api' });
  const app = createServer({
    logger: log,
    logName: 'edge',
    bodyLimitBytes: BODY_LIMIT_BYTES,
    // The kitchen display's build, when there is one.
    webRoot: deps.displayDir,
  });
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
  const routes: EdgeRoute[] = [];
  routes.push(
    ...metaRoutes({ ...deps, version, startedAt, allRoutes: () => routes }),
    ...sessionRoutes({ ...deps, throttle: new LoginThrottle(deps.clock), loginFailures }),
    ...equipmentRoutes({ readings: deps.readings, views }),
    ...ingestRoutes(deps),
    ...(deps.routes ?? []),
  );
  // Webhooks signed over their exact bytes (a Square feed) keep those bytes beside the parsed body.
  captureRawBody(app, [SQUARE_WEBHOOK_URL]);
  mountRoutes(app, routes, {
    authenticate: (request, access) =>
      authenticate(
        {
          sessions: deps.sessions,
          displays: deps.displays,
          integrations: deps.integrations,
          audit: deps.audit,
          now: () => deps.clock.now(),
        },
        request,
        access,
      ),
  });

  // Requests are logged once, at debug, here; errors by the server's error handler.
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
