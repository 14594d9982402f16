import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../shared/server/runtime/clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { createRng } from '../random';
import { HttpOrderTransport } from './http-transport';
import { stormScenario } from './scenarios';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0)) await close();
});

/** An edge stand-in that fails its first `failures` requests with 503, then stores. */
async function flakyEdge(failures: number) {
  const received: { auth: string | undefined; eventId: string }[] = [];
  let calls = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      calls++;
      if (calls <= failures) {
        res.writeHead(503).end();
        return;
      }
      const eventId = (JSON.parse(body) as { eventId: string }).eventId;
      const duplicate = received.some((r) => r.eventId === eventId);
      received.push({ auth: req.headers.authorization, eventId });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ duplicate }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
}

describe('HTTP order transport', () => {
  it('keeps events until acknowledged, retries with back-off, in order, with Basic credentials', async () => {
    const edge = await flakyEdge(3);
    const transport = new HttpOrderTransport({
      baseUrl: edge.url,
      client: 'pos-demo',
      secret: 'pos-demo-secret',
      clock: systemClock,
      rng: createRng(1),
      logger: silentLogger(),
      backoff: { initialMs: 5, maxMs: 20 },
    });
    closers.push(() => transport.stop());
    const storm = stormScenario();
    for (const event of storm) transport.send(event);
    expect(transport.stats().queued).toBe(9);
    await transport.idle();
    expect(transport.stats()).toMatchObject({ queued: 0, delivered: 9, failures: 3, duplicates: 3 });
    expect(edge.received.map((r) => r.eventId)).toEqual(storm.map((s) => s.eventId));
    expect(edge.received[0]!.auth).toBe(
      `Basic ${Buffer.from('pos-demo:pos-demo-secret').toString('base64')}`,
    );
  });
});
