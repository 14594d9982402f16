import { type NetworkInterfaceInfo, networkInterfaces } from 'node:os';
import type { TlsSettings } from '../../shared/config/tls';
import type { Clock, TimerHandle } from '../../shared/server/runtime/clock';
import type { Logger } from '../../shared/server/runtime/logger';
import {
  ensureRootCa,
  issueServerCertificate,
  loadServerCertificate,
  type RootCa,
  type ServerCertificate,
} from './certificate-authority';
import { altName, type CertificateInfo } from './certificate-info';
import { locateOpenssl, type Openssl, opensslAt } from './openssl';
import { type TlsPaths, tlsPaths } from './tls-files';

const DAY_MS = 24 * 3600 * 1000;

export type Interfaces = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

/** What the TLS listeners serve: the box's key and its certificate. */
export interface ServerKeyPair {
  key: string;
  cert: string;
}

/** Where the listeners get their key pair, and hear that it was renewed. */
export interface TlsCredentialSource {
  credentials(): ServerKeyPair;
  onChange(listener: (pair: ServerKeyPair) => void): () => void;
}

/**
 * The names a client may dial the box by: localhost, 127.0.0.1, the configured
 * names and addresses, and the machine's own non-loopback IPv4 addresses (so a
 * tablet given the box's DHCP address verifies it too).
 */
export function serverHosts(
  hostnames: readonly string[],
  interfaces: Interfaces = networkInterfaces,
): string[] {
  const own = Object.values(interfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => a.family === 'IPv4' && !a.internal)
    .map((a) => a.address);
  return [...new Set(['localhost', '127.0.0.1', ...hostnames, ...own])];
}

/** Why the server certificate must be re-issued now, if it must. */
export function renewalReason(
  cert: CertificateInfo,
  hosts: readonly string[],
  now: number,
  renewBeforeDays: number,
): 'expiring' | 'hosts' | undefined {
  if (cert.notAfter - now <= renewBeforeDays * DAY_MS) return 'expiring';
  const present = new Set(cert.altNames);
  if (hosts.some((h) => !present.has(altName(h)))) return 'hosts';
  return undefined;
}

export interface TlsCommissionOptions {
  dataDir: string;
  storeId: string;
  settings: TlsSettings;
  now: number;
  openssl?: Openssl;
  interfaces?: Interfaces;
  /** re-issue the server certificate whatever its state, for this reason (`galley tls rotate-server`) */
  reissue?: 'rotated' | 'expiring' | 'hosts';
}

export interface TlsCommissioned {
  paths: TlsPaths;
  root: RootCa;
  server: ServerCertificate;
  rootCreated: boolean;
  /** why the server certificate was issued now; absent when the one on disk was kept */
  serverIssued?: 'new' | 'expiring' | 'hosts' | 'rotated';
}

/**
 * Commissioning and upkeep in one idempotent step: the store root CA is created
 * when the data dir has none, and the server certificate is issued when missing,
 * expiring, not covering every host, or when asked.
 */
export async function commissionTls(options: TlsCommissionOptions): Promise<TlsCommissioned> {
  // Looked up only when something is to be signed: a commissioned box starts without openssl.
  const openssl = options.openssl ?? ((args: string[]) => opensslAt(locateOpenssl())(args));
  const paths = tlsPaths(options.dataDir);
  const { root, created } = await ensureRootCa(paths, options.storeId, openssl);
  const hosts = serverHosts(options.settings.hostnames, options.interfaces);
  const current = created ? undefined : loadServerCertificate(paths, root);
  const reason = options.reissue
    ? options.reissue
    : current
      ? renewalReason(current.certificate, hosts, options.now, options.settings.renewBeforeDays)
      : 'new';
  if (current && !reason) return { paths, root, server: current, rootCreated: created };
  const server = await issueServerCertificate(
    paths,
    root,
    { storeId: options.storeId, hosts, validityDays: options.settings.serverValidityDays },
    openssl,
  );
  return { paths, root, server, rootCreated: created, ...(reason ? { serverIssued: reason } : {}) };
}

export interface StoreTlsDeps {
  dataDir: string;
  storeId: string;
  settings: TlsSettings;
  clock: Clock;
  logger: Logger;
  openssl?: Openssl;
  interfaces?: Interfaces;
  /** how often the certificate is checked for renewal and for a rotation by the CLI */
  checkEveryMs?: number;
}

/**
 * The running edge's TLS material: commissioned at start, then checked every few
 * hours, so the server certificate is renewed before it expires (or when the box's
 * addresses change) and a `galley tls rotate-server` is picked up without a restart.
 */
export class StoreTls implements TlsCredentialSource {
  readonly #deps: StoreTlsDeps;
  readonly #log: Logger;
  readonly #listeners = new Set<(pair: ServerKeyPair) => void>();
  #state: TlsCommissioned | undefined;
  #timer: TimerHandle | undefined;
  #renewing: Promise<'renewed'> | undefined;

  constructor(deps: StoreTlsDeps) {
    this.#deps = deps;
    this.#log = deps.logger.child({ ns: 'tls' });
  }

  async start(): Promise<void> {
    const state = await this.#commission(undefined);
    this.#state = state;
    this.#timer = this.#deps.clock.setInterval(
      () => {
        this.check().catch((err: unknown) =>
          this.#log.error({ err }, 'server certificate check failed; the current one is kept'),
        );
      },
      this.#deps.checkEveryMs ?? 6 * 3600 * 1000,
    );
  }

  stop(): void {
    if (this.#timer) this.#deps.clock.clearInterval(this.#timer);
    this.#timer = undefined;
  }

  get paths(): TlsPaths {
    return this.#require().paths;
  }

  get root(): CertificateInfo {
    return this.#require().root.certificate;
  }

  get server(): CertificateInfo {
    return this.#require().server.certificate;
  }

  credentials(): ServerKeyPair {
    const { server } = this.#require();
    return { key: server.keyPem, cert: server.certificate.pem };
  }

  onChange(listener: (pair: ServerKeyPair) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Renews or reloads the server certificate when due; says what it did. Decided at
   * once (with the clock's time now); only a renewal under way is shared by callers.
   */
  check(): Promise<'renewed' | 'reloaded' | 'current'> {
    if (this.#renewing) return this.#renewing;
    try {
      const before = this.#require();
      const onDisk = loadServerCertificate(before.paths, before.root);
      // Another process (the CLI) rotated it: serve that one rather than issue our own.
      if (onDisk && onDisk.certificate.fingerprintSha256 !== before.server.certificate.fingerprintSha256) {
        this.#replace({ ...before, server: onDisk });
        this.#log.info(
          { notAfter: new Date(onDisk.certificate.notAfter).toISOString() },
          'server certificate reloaded',
        );
        return Promise.resolve('reloaded');
      }
      const hosts = serverHosts(this.#deps.settings.hostnames, this.#deps.interfaces);
      const reason = renewalReason(
        before.server.certificate,
        hosts,
        this.#deps.clock.now(),
        this.#deps.settings.renewBeforeDays,
      );
      if (!reason) return Promise.resolve('current');
      const renewing = this.#commission(reason)
        .then((next) => {
          this.#replace(next);
          return 'renewed' as const;
        })
        .finally(() => {
          this.#renewing = undefined;
        });
      this.#renewing = renewing;
      return renewing;
    } catch (err) {
      return Promise.reject(err);
    }
  }

  async #commission(reissue: 'expiring' | 'hosts' | undefined): Promise<TlsCommissioned> {
    const { dataDir, storeId, settings, clock, openssl, interfaces } = this.#deps;
    const state = await commissionTls({
      dataDir,
      storeId,
      settings,
      now: clock.now(),
      ...(reissue ? { reissue } : {}),
      ...(openssl ? { openssl } : {}),
      ...(interfaces ? { interfaces } : {}),
    });
    if (state.rootCreated) {
      this.#log.info(
        { file: state.paths.rootCert, fingerprintSha256: state.root.certificate.fingerprintSha256 },
        'store root CA created: install it on tablets and devices',
      );
    }
    if (state.serverIssued) {
      this.#log.info(
        {
          reason: state.serverIssued,
          altNames: state.server.certificate.altNames,
          notAfter: new Date(state.server.certificate.notAfter).toISOString(),
        },
        'server certificate issued',
      );
    }
    return state;
  }

  #replace(next: TlsCommissioned): void {
    this.#state = next;
    const pair = this.credentials();
    for (const listener of this.#listeners) {
      try {
        listener(pair);
      } catch (err) {
        this.#log.error({ err }, 'a TLS listener refused the new certificate');
      }
    }
  }

  #require(): TlsCommissioned {
    if (!this.#state) throw new Error('store TLS not started');
    return this.#state;
  }
}
