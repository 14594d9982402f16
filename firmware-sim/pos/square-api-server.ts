import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SquareOrderBook } from './square-orders';

const ORDER_PATH = /^\/v2\/orders\/([^/?#]+)$/;

/**
 * The simulated Square's Retrieve Order endpoint, `GET /v2/orders/{order_id}`,
 * answering as Square does: `{"order": …}`, or `{"errors": [...]}` with 404. No
 * credentials are checked: it listens on the store LAN for the demo only.
 */
export class SquareApiServer {
  private server: Server | null = null;
  /** requests answered, for tests and the demo's summary */
  retrievals = 0;

  constructor(private readonly book: SquareOrderBook) {}

  async listen(port = 0, host = '127.0.0.1'): Promise<{ url: string; port: number }> {
    const server = createServer((request, response) => {
      const path = new URL(request.url ?? '/', 'http://sim').pathname;
      const match = ORDER_PATH.exec(path);
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify(body));
      };
      if (request.method !== 'GET' || !match) {
        answer(404, {
          errors: [
            {
              category: 'INVALID_REQUEST_ERROR',
              code: 'NOT_FOUND',
              detail: `no route ${request.method} ${path}`,
            },
          ],
        });
        return;
      }
      this.retrievals++;
      const order = this.book.get(decodeURIComponent(match[1]!));
      if (!order) {
        answer(404, {
          errors: [
            {
              category: 'INVALID_REQUEST_ERROR',
              code: 'NOT_FOUND',
              detail: `Order not found`,
              field: 'order_id',
            },
          ],
        });
        return;
      }
      answer(200, { order });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    const address = server.address() as AddressInfo;
    return { url: `http://${host}:${address.port}`, port: address.port };
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
