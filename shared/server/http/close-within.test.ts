import { connect } from 'node:net';
import Fastify from 'fastify';
import { expect, it } from 'vitest';
import { closeWithin } from './close-within';

it('a connection holding a half-sent request delays the stop only by the grace time', async () => {
  const app = Fastify();
  app.get('/ok', async () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  const socket = connect(port, '127.0.0.1');
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  socket.write('GET /ok HTTP/1.1\r\nHost: x\r\n'); // the headers never end
  socket.on('error', () => undefined);
  await new Promise((r) => setTimeout(r, 100));
  const closedByPeer = new Promise<void>((resolve) => socket.once('close', () => resolve()));

  const started = performance.now();
  await closeWithin(app, 300);
  const took = performance.now() - started;
  await closedByPeer;
  expect(took).toBeGreaterThanOrEqual(250);
  expect(took).toBeLessThan(3000);
});

it('a stop with no client waits for nothing', async () => {
  const app = Fastify();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const started = performance.now();
  await closeWithin(app, 10_000);
  expect(performance.now() - started).toBeLessThan(1000);
});
