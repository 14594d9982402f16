import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import { connect, type Socket } from 'node:net';
import { extname, join, normalize } from 'node:path';
import type { Duplex } from 'node:stream';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * One address for the kitchen screens in front of an edge process that is killed and
 * restarted on new ports: it serves a display built for this test run (the edge process
 * serves `display/dist`, which may be older than the sources) and passes everything
 * else — the API and MQTT over WebSocket at `/mqtt` — to the edge it points at. While
 * that edge is down, requests and WebSockets fail as they would against the box itself.
 */
export class DisplayFront {
  #server: Server | undefined;
  #edgePort = 0;
  readonly #sockets = new Set<Duplex>();

  constructor(readonly displayDir: string) {}

  /** Starts listening on a free port; the display's address. */
  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      void this.#serveFile(req.url ?? '/').then((file) => {
        if (file) {
          res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' });
          res.end(file.body);
          return;
        }
        const upstream = request(
          {
            host: '127.0.0.1',
            port: this.#edgePort,
            method: req.method,
            path: req.url,
            headers: req.headers,
            agent: false,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            answer.on('error', () => res.destroy());
          },
        );
        // The edge is down (refused) or died mid-answer: the screen sees a network failure, as without the front.
        upstream.on('error', () => res.destroy());
        req.pipe(upstream);
      });
    });
    server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) =>
      this.#tunnel(req, socket, head),
    );
    server.on('connection', (socket) => this.#track(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#server = server;
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('display front has no port');
    return `http://127.0.0.1:${address.port}`;
  }

  /** From now on, the API and `/mqtt` go to the edge on `httpPort`. */
  pointAt(httpPort: number): void {
    this.#edgePort = httpPort;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  async #serveFile(url: string): Promise<{ body: Buffer; type: string } | undefined> {
    const path = new URL(url, 'http://front').pathname;
    const relative = normalize(path === '/' ? '/index.html' : decodeURIComponent(path));
    if (relative.startsWith('/api/') || relative === '/mqtt' || relative.includes('..')) return undefined;
    const file = join(this.displayDir, relative);
    const found = await stat(file).catch(() => undefined);
    if (!found?.isFile()) return undefined;
    return { body: await readFile(file), type: CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' };
  }

  /** An HTTP upgrade (the display's MQTT over WebSocket) passed through byte for byte. */
  #tunnel(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const upstream: Socket = connect(this.#edgePort, '127.0.0.1', () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i + 1 < req.rawHeaders.length; i += 2)
        lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    this.#track(upstream);
    const end = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on('error', end);
    upstream.on('close', end);
    socket.on('error', end);
    socket.on('close', end);
  }

  #track(socket: Duplex): void {
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
  }
}
