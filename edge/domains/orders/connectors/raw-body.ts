import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const rawBodies = new WeakMap<FastifyRequest, Buffer>();

/**
 * Keeps the exact bytes of the request body for the listed routes, beside fastify's
 * JSON parsing: a webhook signature covers the bytes as sent, and JSON re-serialised
 * from the parsed body differs in whitespace and key order. The bytes are copied
 * as they stream through, so fastify's body limit still applies to them.
 */
export function captureRawBody(app: FastifyInstance, routeUrls: readonly string[]): void {
  const wanted = new Set(routeUrls);
  app.addHook('preParsing', async (request, _reply, payload) => {
    if (!wanted.has(request.routeOptions.url ?? '')) return payload;
    const chunks: Buffer[] = [];
    const tee = new Transform({
      transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback) {
        chunks.push(chunk);
        done(null, chunk);
      },
      flush(done: TransformCallback) {
        rawBodies.set(request, Buffer.concat(chunks));
        done();
      },
    });
    payload.on('error', (err) => tee.destroy(err));
    return payload.pipe(tee);
  });
}

/** The body as received, when its route was listed in `captureRawBody`. */
export function rawBodyOf(request: FastifyRequest): Buffer | undefined {
  return rawBodies.get(request);
}
