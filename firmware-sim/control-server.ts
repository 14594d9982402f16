import { once } from 'node:events';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { EquipmentId } from '../shared/ids';
import type { Logger } from '../shared/server/runtime/logger';
import { FAULT_NAMES, FaultError, type FaultName, FaultRequest } from './faults';

/** Body of `POST /faults`: the equipment and one fault with its parameters. */
export const InjectFaultBody = z.object({
  equipmentId: EquipmentId,
  fault: z.string(),
  params: z.unknown().optional(),
});

export interface SimulationControl {
  status(): unknown;
  inject(equipmentId: string, request: FaultRequest): FaultRequest[];
  clear(equipmentId: string, fault?: FaultName): FaultRequest[];
}

const MAX_BODY_BYTES = 64 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/**
 * Live fault injection over HTTP: `POST /faults`, `DELETE /faults/{equipmentId}`
 * (optionally `?fault=NAME`), `GET /status`.
 */
export class ControlServer {
  private server: http.Server | null = null;
  private readonly log: Logger;
  port = 0;

  constructor(
    private readonly sim: SimulationControl,
    logger: Logger,
  ) {
    this.log = logger.child({ ns: 'sim-control' });
  }

  async start(port: number, host = '127.0.0.1'): Promise<void> {
    const server = http.createServer((req, res) => {
      this.handle(req, res).catch((err: Error) => {
        this.log.error({ err: err.message, url: req.url }, 'control request failed');
        if (!res.headersSent) reply(res, 500, { error: 'internal error' });
      });
    });
    server.listen(port, host);
    await once(server, 'listening');
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
    this.log.info(`sim control listening on ${host}:${this.port}`);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim');
    try {
      if (req.method === 'GET' && url.pathname === '/status') return reply(res, 200, this.sim.status());
      if (req.method === 'POST' && url.pathname === '/faults')
        return reply(res, 201, this.injectFault(await readJson(req)));
      const clearMatch = /^\/faults\/([^/]+)$/.exec(url.pathname);
      if (req.method === 'DELETE' && clearMatch?.[1]) {
        return reply(
          res,
          200,
          this.clearFaults(decodeURIComponent(clearMatch[1]), url.searchParams.get('fault')),
        );
      }
      throw new HttpError(404, `no route ${req.method} ${url.pathname}`);
    } catch (err) {
      if (err instanceof HttpError)
        return reply(res, err.status, { error: err.message, details: err.details });
      if (err instanceof FaultError) {
        const status = err.code === 'EQUIPMENT_UNKNOWN' ? 404 : err.code === 'FAULT_UNSUPPORTED' ? 409 : 400;
        return reply(res, status, { error: err.message, code: err.code });
      }
      throw err;
    }
  }

  private injectFault(body: unknown) {
    const parsed = InjectFaultBody.safeParse(body);
    if (!parsed.success) throw new HttpError(400, 'invalid body', z.treeifyError(parsed.error));
    const { equipmentId, fault, params } = parsed.data;
    const request = parseFault(fault, params);
    const faults = this.sim.inject(equipmentId, request);
    return { equipmentId, faults };
  }

  private clearFaults(equipmentId: string, fault: string | null) {
    if (fault !== null && !(FAULT_NAMES as readonly string[]).includes(fault)) {
      throw new HttpError(400, `unknown fault "${fault}"; known: ${FAULT_NAMES.join(', ')}`);
    }
    const faults = this.sim.clear(equipmentId, (fault ?? undefined) as FaultName | undefined);
    return { equipmentId, faults };
  }
}

function parseFault(fault: string, params: unknown): FaultRequest {
  // The fault name picks the params schema, so params are checked against that fault's own.
  const result = FaultRequest.safeParse({ fault, params });
  if (!result.success) throw new HttpError(400, `invalid fault "${fault}"`, z.treeifyError(result.error));
  return result.data;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
