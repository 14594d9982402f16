import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The display's build folder if it exists with an index.html; otherwise the API runs alone. */
export function displayRootOf(displayDir: string | undefined): string | undefined {
  if (!displayDir) return undefined;
  const root = resolve(displayDir);
  const index = join(root, 'index.html');
  return existsSync(index) && statSync(index).isFile() ? root : undefined;
}

/**
 * Serves the built display. Unknown non-API paths fall back to index.html in the
 * server's not-found handler, so the display's client-side routes survive a reload.
 */
export function serveDisplay(app: FastifyInstance, root: string): void {
  void app.register(fastifyStatic, { root, prefix: '/', index: ['index.html'] });
}
