import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  LogController,
} from 'fastify';
import type { Logger } from '../runtime/logger';
import { ApiHttpError, errorCodeForStatus } from './errors';
import { addSecurityHeaders } from './security-headers';

export interface ApiServerOptions {
  /** The server's own namespace of the process's logger, e.g. `logger.child({ ns: 'api' })`. */
  logger: Logger;
  /** Named in the answer to an internal error: "see the edge log". */
  logName: string;
  /** Anything bigger is refused with 413 before a route sees it. */
  bodyLimitBytes: number;
  /**
   * A built single-page app (its folder holds index.html) served at `/`; unknown
   * non-API paths load its index.html so its client-side routes survive a reload.
   */
  webRoot?: string | undefined;
  /** A process's own error type as an HTTP answer (central's store errors); undefined leaves it a 500. */
  httpErrorOf?: (error: unknown) => ApiHttpError | undefined;
  /**
   * Addresses (or CIDR ranges) of the load balancers in front: their X-Forwarded-For names
   * the client (`request.ip`). Nobody else is believed; absent, nobody is.
   */
  trustProxy?: readonly string[] | undefined;
}

/**
 * The fastify instance both the edge and central serve from: security headers, one
 * error handler that answers every failure with an `ApiError` body, and the web page
 * with its fallback. Routes are mounted on it with `mountRoutes`.
 */
export function createApiServer(options: ApiServerOptions): FastifyInstance {
  const log = options.logger;
  // Typed as fastify's logger so the instance is the plain FastifyInstance route modules expect.
  const loggerInstance: FastifyBaseLogger = log;
  const app = Fastify({
    loggerInstance,
    // Requests are logged by whoever wants them (an onResponse hook); errors by the handler below.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: options.bodyLimitBytes,
    ...(options.trustProxy && options.trustProxy.length > 0 ? { trustProxy: [...options.trustProxy] } : {}),
  });
  addSecurityHeaders(app);

  app.setErrorHandler((thrown: FastifyError | Error, request, reply) => {
    const context = { reqId: request.id, method: request.method, url: request.url };
    const error = thrown instanceof ApiHttpError ? thrown : (options.httpErrorOf?.(thrown) ?? thrown);
    if (error instanceof ApiHttpError) {
      if (error.statusCode >= 500) log.error({ ...context, err: error }, 'request failed');
      else log.debug({ ...context, status: error.statusCode, message: error.message }, 'request refused');
      return reply.code(error.statusCode).headers(error.headers).send(error.toBody());
    }
    const statusCode = (error as Partial<FastifyError>).statusCode;
    const status = statusCode !== undefined && statusCode >= 400 && statusCode < 500 ? statusCode : 500;
    if (status >= 500) {
      log.error({ ...context, err: error }, 'request failed');
      return reply
        .code(500)
        .send({ error: errorCodeForStatus(500), message: `internal error; see the ${options.logName} log` });
    }
    log.info({ ...context, status, code: (error as Partial<FastifyError>).code }, 'request refused');
    return reply.code(status).send({ error: errorCodeForStatus(status), message: error.message });
  });

  const webRoot = webRootOf(options.webRoot);
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

/** The web page's build folder if it holds an index.html; otherwise the API runs alone. */
export function webRootOf(dir: string | undefined): string | undefined {
  if (!dir) return undefined;
  const root = resolve(dir);
  const index = join(root, 'index.html');
  return existsSync(index) && statSync(index).isFile() ? root : undefined;
}
