import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';
import { judgeWebSocketOrigin } from './websocket-origin';

export interface WebSocketEndpoint {
  readonly clientCount: number;
  /**
   * Closes every open WebSocket and stops accepting new ones (upgraded sockets
   * outlive `server.close()` otherwise). Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

export interface WebSocketUpgradeOptions {
  /** Largest WebSocket message accepted; defaults to 2 MiB, the broker's payload limit. */
  maxPayload?: number;
  /** Told when `handle` throws; the connection is closed either way. */
  onError?: (err: unknown, req: IncomingMessage) => void;
  /** Told when an upgrade is refused for its Origin (a page of another site), with why. */
  onRefused?: (reason: string, req: IncomingMessage) => void;
}

/**
 * Hands WebSocket connections to `path` on an HTTP server to `handle` as byte
 * streams, e.g. the MQTT broker's `handle(stream, req)` for MQTT over WebSocket.
 * Upgrades to any other path are refused with 404, and upgrades from a web page of
 * another origin with 403 (see judgeWebSocketOrigin).
 */
export function attachWebSocketUpgrade(
  server: Server,
  path: string,
  handle: (stream: Duplex, req: IncomingMessage) => void,
  options: WebSocketUpgradeOptions = {},
): WebSocketEndpoint {
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxPayload ?? 2 * 1024 * 1024 });
  let closed = false;
  let closing: Promise<void> | undefined;

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const pathname = new URL(req.url ?? '/', 'http://edge').pathname;
    if (closed || pathname !== path) {
      socket.end(
        `HTTP/1.1 ${closed ? '503 Service Unavailable' : '404 Not Found'}\r\nConnection: close\r\n\r\n`,
      );
      return;
    }
    const origin = judgeWebSocketOrigin(req);
    if (!origin.ok) {
      options.onRefused?.(origin.reason, req);
      const body = `${origin.reason}\n`;
      socket.end(
        `HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const stream = createWebSocketStream(ws);
      // A peer that vanishes mid-frame surfaces here; the consumer sees the stream close.
      stream.on('error', () => ws.terminate());
      try {
        handle(stream, req);
      } catch (err) {
        stream.destroy();
        options.onError?.(err, req);
      }
    });
  };
  server.on('upgrade', onUpgrade);

  return {
    get clientCount() {
      return wss.clients.size;
    },
    close: () => {
      if (closing) return closing;
      closed = true;
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.terminate();
      closing = new Promise<void>((resolveClose, rejectClose) =>
        wss.close((err) => (err ? rejectClose(err) : resolveClose())),
      );
      return closing;
    },
  };
}
