import { createGunzip } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { createApiServer } from '../../../shared/server/http/api-server';
import { ApiHttpError, errorCodeForStatus } from '../../../shared/server/http/errors';
import { openApiRoute } from '../../../shared/server/http/openapi-route';
import { mountRoutes } from '../../../shared/server/http/route-registry';
import { assetHistoryRoutes } from '../assets/asset-history-routes';
import { allowBackupBodies, backupRoutes } from '../backups/backup-routes';
import type { CentralContext } from '../central-context';
import { CentralError, type CentralErrorCode } from '../central-error';
import { type CentralReadiness, Readiness } from '../cluster/readiness';
import { foodSafetyRoutes } from '../food-safety/food-safety-routes';
import { allowReportArchiveBodies, reportArchiveRoutes } from '../food-safety/report-archive-routes';
import { predictiveRoutes } from '../predictive/predictive-routes';
import { approvalRoutes } from '../purchasing/approval-routes';
import { purchasingRoutes } from '../purchasing/purchasing-routes';
import { releaseRoutes } from '../releases/release-routes';
import { scorecardRoutes } from '../scorecard/scorecard-routes';
import { commissioningProgressRoutes } from '../stores/commissioning-progress-routes';
import { allowStoreArchiveBodies, storeArchiveRoutes } from '../stores/store-archive-routes';
import { storeLifecycleRoutes } from '../stores/store-lifecycle-routes';
import { authenticateCentral } from './central-auth';
import { centralOpenApiOptions } from './central-openapi';
import { type CentralRoute, centralRoute } from './central-route';
import { adminRoutes } from './routes/admin-routes';
import { commandRoutes } from './routes/command-routes';
import { insightRoutes } from './routes/insight-routes';
import { maintenanceRoutes } from './routes/maintenance-routes';
import { readRoutes } from './routes/read-routes';
import { sessionRoutes } from './routes/session-routes';
import { speedOfServiceRoutes } from './routes/speed-of-service-routes';
import { stockRoutes } from './routes/stock-routes';
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
  /** Answers `GET /readyz` when given (the service always gives it). */
  readiness?: CentralReadiness | undefined;
  /** The load balancers whose X-Forwarded-For is believed (login throttle per client address). */
  trustProxy?: readonly string[] | undefined;
}

/** Central's HTTP server: API under /api (people and edge boxes), the web page at /. */
export function createCentralServer(ctx: CentralContext, options: CentralServerOptions): FastifyInstance {
  const app = createApiServer({
    logger: ctx.logger.child({ ns: 'central.api' }),
    logName: 'central',
    bodyLimitBytes: BODY_LIMIT_BYTES,
    webRoot: options.webDir,
    trustProxy: options.trustProxy,
    httpErrorOf: (error) => {
      if (!(error instanceof CentralError)) return undefined;
      const status = STATUS_OF[error.code];
      return new ApiHttpError(status, errorCodeForStatus(status), error.message);
    },
  });

  const routes: CentralRoute[] = [
    ...metaRoutes(() => routes, options.version),
    ...(options.readiness ? [readinessRoute(options.readiness)] : []),
    ...sessionRoutes(ctx),
    ...readRoutes(ctx),
    ...insightRoutes(ctx),
    ...commandRoutes(ctx),
    ...maintenanceRoutes(ctx),
    ...speedOfServiceRoutes(ctx),
    ...stockRoutes(ctx),
    ...foodSafetyRoutes(ctx),
    ...predictiveRoutes(ctx),
    ...assetHistoryRoutes(ctx),
    ...scorecardRoutes(ctx),
    ...purchasingRoutes(ctx),
    ...approvalRoutes(ctx),
    ...reportArchiveRoutes(ctx),
    ...backupRoutes(ctx),
    ...storeLifecycleRoutes(ctx),
    ...commissioningProgressRoutes(ctx),
    ...releaseRoutes(ctx),
    ...storeArchiveRoutes(ctx),
    ...adminRoutes(ctx),
    ...syncRoutes(ctx),
  ];
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
  allowReportArchiveBodies(app);
  allowBackupBodies(app);
  allowStoreArchiveBodies(app);
  mountRoutes(app, routes, { authenticate: (request, access) => authenticateCentral(ctx, request, access) });
  return app;
}

const Health = z.object({ ok: z.boolean(), version: z.string() });

function metaRoutes(allRoutes: () => readonly CentralRoute[], version: string): CentralRoute[] {
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
    openApiRoute(allRoutes, centralOpenApiOptions(version)),
  ];
}

/** For the load balancer and the orchestrator: 503 while starting, draining, or the database does not answer. */
function readinessRoute(readiness: CentralReadiness): CentralRoute {
  return centralRoute({
    method: 'GET',
    url: '/readyz',
    summary: 'Readiness of this central process for traffic',
    tags: ['meta'],
    access: 'public',
    response: Readiness,
    errors: [503],
    handler: async ({ reply }) => {
      const answer = await readiness.check();
      if (!answer.ready) reply.code(503);
      return answer;
    },
  });
}
