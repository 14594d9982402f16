import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RequestError, requestJson } from './json-client';

/** What the server last received, so tests assert on the request as it arrived. */
interface Received {
  method: string | undefined;
  headers: IncomingMessage['headers'];
  body: string;
}

let server: Server;
let base: string;
let received: Received | undefined;
let answer: (res: ServerResponse) => void;
const open = new Set<ServerResponse>();

beforeEach(async () => {
  received = undefined;
  answer = (res) => res.end();
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      received = { method: req.method, headers: req.headers, body };
      open.add(res);
      res.on('close', () => open.delete(res));
      answer(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  for (const res of open) res.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function json(status: number, value: unknown): (res: ServerResponse) => void {
  return (res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
}

const Thing = z.object({ id: z.number(), name: z.string() });
const DEFAULTS = { timeoutMs: 2000 };

async function failure(promise: Promise<unknown>): Promise<RequestError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof RequestError)) throw new Error(`expected a RequestError, got ${String(err)}`);
  return err;
}

describe('requestJson', () => {
  it('returns the answer parsed by its schema', async () => {
    answer = json(200, { id: 7, name: 'fryer', extra: true });
    await expect(requestJson(`${base}/api/things/7`, Thing, {}, DEFAULTS)).resolves.toEqual({
      id: 7,
      name: 'fryer',
    });
    expect(received?.method).toBe('GET');
    expect(received?.headers.authorization).toBeUndefined();
    expect(received?.headers['content-type']).toBeUndefined();
  });

  it('sends the method, the bearer token, a JSON body and the app headers', async () => {
    answer = json(201, { id: 8, name: 'oven' });
    await requestJson(
      `${base}/api/things`,
      Thing,
      { method: 'POST', token: 'tok-1', body: { name: 'oven' } },
      { timeoutMs: 2000, headers: { 'x-galley-display': 'cred-1' } },
    );
    expect(received?.method).toBe('POST');
    expect(received?.headers.authorization).toBe('Bearer tok-1');
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers['x-galley-display']).toBe('cred-1');
    expect(JSON.parse(received?.body ?? '')).toEqual({ name: 'oven' });
  });

  it('reads an empty answer as null', async () => {
    answer = (res) => {
      res.writeHead(204);
      res.end();
    };
    await expect(requestJson(`${base}/api/session`, z.null(), { method: 'DELETE' }, DEFAULTS)).resolves.toBe(
      null,
    );
  });

  it("carries the server's ApiError message and code with the status", async () => {
    answer = json(401, { error: 'display_not_paired', message: 'this display is not paired' });
    const err = await failure(requestJson(`${base}/api/x`, Thing, {}, DEFAULTS));
    expect(err).toMatchObject({
      code: 'unauthorized',
      status: 401,
      apiCode: 'display_not_paired',
      message: 'this display is not paired',
    });
  });

  it('carries a refusal worded in both languages, for the screen to show in its own', async () => {
    answer = json(400, {
      error: 'bad_request',
      message: 'burger-sauce is not made in batches',
      messages: { en: 'burger-sauce is not made in batches', 'zh-CN': 'burger-sauce 不是批量制作的' },
    });
    const err = await failure(requestJson(`${base}/api/x`, Thing, {}, DEFAULTS));
    expect(err.messageIn('zh-CN')).toBe('burger-sauce 不是批量制作的');
    expect(err.messageIn('en')).toBe('burger-sauce is not made in batches');
    answer = json(400, { error: 'bad_request', message: 'only in English' });
    const plain = await failure(requestJson(`${base}/api/x`, Thing, {}, DEFAULTS));
    expect(plain.messageIn('zh-CN')).toBe('only in English');
  });

  it.each([
    [403, 'forbidden'],
    [404, 'not_found'],
    [409, 'rejected'],
    [429, 'rejected'],
    [500, 'rejected'],
  ] as const)('answers %i as %s', async (status, code) => {
    answer = json(status, { error: 'some_code', message: 'no' });
    const err = await failure(requestJson(`${base}/api/x`, Thing, {}, DEFAULTS));
    expect(err).toMatchObject({ code, status, apiCode: 'some_code' });
  });

  it('names the status when the error body is not an ApiError', async () => {
    answer = (res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<h1>Bad gateway</h1>');
    };
    const err = await failure(requestJson(`${base}/api/x`, Thing, {}, DEFAULTS));
    expect(err).toMatchObject({ code: 'rejected', status: 502, apiCode: undefined, message: 'HTTP 502' });
  });

  it('refuses an answer that does not match the contract, naming the path', async () => {
    answer = json(200, { id: 'seven' });
    const err = await failure(requestJson(`${base}/api/things/7`, Thing, {}, DEFAULTS));
    expect(err.code).toBe('bad_response');
    expect(err.status).toBe(200);
    expect(err.message).toContain('/api/things/7');
  });

  it('refuses an answer that is not JSON', async () => {
    answer = (res) => res.end('not json');
    const err = await failure(requestJson(`${base}/api/x`, Thing, {}, DEFAULTS));
    expect(err.code).toBe('bad_response');
  });

  it('reports a server that is not there as a network failure', async () => {
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const err = await failure(requestJson(`http://127.0.0.1:${port}/api/x`, Thing, {}, DEFAULTS));
    expect(err).toMatchObject({ code: 'network', status: undefined });
  });

  it('gives up on a server that never answers after the default timeout', async () => {
    answer = () => undefined;
    const started = Date.now();
    const err = await failure(requestJson(`${base}/api/x`, Thing, {}, { timeoutMs: 100 }));
    expect(err.code).toBe('network');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('lets one request set its own timeout', async () => {
    answer = () => undefined;
    const started = Date.now();
    const err = await failure(requestJson(`${base}/api/x`, Thing, { timeoutMs: 100 }, { timeoutMs: 60_000 }));
    expect(err.code).toBe('network');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("ends a held request when the caller's signal aborts", async () => {
    answer = () => undefined;
    const leaving = new AbortController();
    const held = failure(
      requestJson(`${base}/api/x`, Thing, { signal: leaving.signal }, { timeoutMs: 60_000 }),
    );
    while (received === undefined) await new Promise((resolve) => setImmediate(resolve));
    leaving.abort();
    expect((await held).code).toBe('network');
  });

  it("keeps the time limit with the caller's signal", async () => {
    answer = () => undefined;
    const started = Date.now();
    const signal = new AbortController().signal;
    const err = await failure(requestJson(`${base}/api/x`, Thing, { signal, timeoutMs: 100 }, DEFAULTS));
    expect(err.code).toBe('network');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
