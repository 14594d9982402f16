import type { RequestListener } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { createServer, type SecureContextOptions, type TLSSocket, type Server as TlsServer } from 'node:tls';
import type { Logger } from '../../shared/server/runtime/logger';
import type { ServerKeyPair, TlsCredentialSource } from './store-tls';

/**
 * TLS 1.2 and 1.3 only (what every tablet and the mosquitto and mqtt.js clients of
 * the last decade speak). A handshake must finish within 10 s, so a socket that
 * opens and says nothing does not hold a file descriptor for the default 2 min.
 */
function contextOptions(pair: ServerKeyPair): SecureContextOptions & { handshakeTimeout: number } {
  return { key: pair.key, cert: pair.cert, minVersion: 'TLSv1.2', handshakeTimeout: 10_000 };
}

/**
 * One TLS listener (MQTT over TLS, or HTTPS with WSS), serving the store's current
 * server certificate: a renewed one is used for new handshakes at once.
 */
abstract class SecureListener<S extends TlsServer> {
  readonly server: S;
  readonly #sockets = new Set<Socket>();
  readonly #unsubscribe: () => void;
  protected readonly log: Logger;

  constructor(server: S, credentials: TlsCredentialSource, log: Logger) {
    this.server = server;
    this.log = log;
    // Raw sockets, so that stop() also ends those still in their handshake.
    server.on('connection', (socket: Socket) => {
      this.#sockets.add(socket);
      socket.once('close', () => this.#sockets.delete(socket));
    });
    server.on('tlsClientError', (err, socket) => {
      this.log.info({ err: err.message, remote: socket.remoteAddress }, 'TLS handshake failed');
    });
    this.#unsubscribe = credentials.onChange((pair) => server.setSecureContext(contextOptions(pair)));
  }

  /** Listens (port 0 = a free one) and logs `<scheme> listening on HOST:PORT`; resolves with the port. */
  async listen(port: number, host: string, scheme: 'mqtts' | 'https'): Promise<number> {
    const server = this.server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    server.on('error', (err) => this.log.error({ err }, `${scheme} listener error`));
    const address = server.address();
    const bound = typeof address === 'object' && address ? address.port : port;
    this.log.info({ host, port: bound }, `${scheme} listening on ${host}:${bound}`);
    return bound;
  }

  close(): Promise<void> {
    this.#unsubscribe();
    const closed = new Promise<void>((resolve) => {
      if (!this.server.listening) resolve();
      else this.server.close(() => resolve());
    });
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    return closed;
  }
}

/** MQTT over TLS: each socket is handed on once its handshake is done. */
export class TlsListener extends SecureListener<TlsServer> {
  constructor(credentials: TlsCredentialSource, log: Logger, onSecureSocket: (socket: TLSSocket) => void) {
    super(createServer(contextOptions(credentials.credentials()), onSecureSocket), credentials, log);
  }
}

/** HTTPS for the API and display; WSS upgrades arrive on `server` as on the plain HTTP server. */
export class HttpsListener extends SecureListener<HttpsServer> {
  constructor(credentials: TlsCredentialSource, log: Logger, handler: RequestListener) {
    super(createHttpsServer(contextOptions(credentials.credentials()), handler), credentials, log);
  }
}
