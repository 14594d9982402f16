import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TlsSettings } from '../../shared/config/tls';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { TlsMaterialError } from './certificate-authority';
import { locateOpenssl, TlsToolError } from './openssl';
import { commissionTls, type Interfaces, StoreTls, serverHosts } from './store-tls';
import { tlsPaths } from './tls-files';

const DAY_MS = 24 * 3600 * 1000;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function dataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'galley-tls-'));
  dirs.push(dir);
  return dir;
}

const lan: Interfaces = () => ({
  lo: [{ address: '127.0.0.1', family: 'IPv4', internal: true, netmask: '255.0.0.0', mac: '', cidr: null }],
  eth0: [
    { address: '10.20.0.7', family: 'IPv4', internal: false, netmask: '255.255.0.0', mac: '', cidr: null },
    {
      address: 'fe80::7',
      family: 'IPv6',
      internal: false,
      netmask: 'ffff::',
      mac: '',
      cidr: null,
      scopeid: 2,
    },
  ],
});

describe('store CA commissioning', () => {
  it('creates a 10-year EC P-256 root and a server certificate for every host, keys 0600', async () => {
    const dir = dataDir();
    const settings = TlsSettings.parse({ hostnames: ['galley-edge.lan', '192.168.1.20'] });
    const done = await commissionTls({
      dataDir: dir,
      storeId: 'demo-sh-001',
      settings,
      now: Date.now(),
      interfaces: lan,
    });
    expect(done.rootCreated).toBe(true);
    expect(done.serverIssued).toBe('new');

    const paths = tlsPaths(dir);
    expect(statSync(paths.rootKey).mode & 0o777).toBe(0o600);
    expect(statSync(paths.serverKey).mode & 0o777).toBe(0o600);
    expect(statSync(paths.dir).mode & 0o777).toBe(0o700);

    const root = new X509Certificate(readFileSync(paths.rootCert));
    expect(root.subject).toContain('CN=Galley store demo-sh-001 root CA');
    expect(root.ca).toBe(true);
    expect(root.publicKey.asymmetricKeyDetails?.namedCurve).toBe('prime256v1');
    const years = (Date.parse(root.validTo) - Date.parse(root.validFrom)) / (365 * DAY_MS);
    expect(years).toBeGreaterThan(9.9);

    const server = new X509Certificate(readFileSync(paths.serverCert));
    expect(server.ca).toBe(false);
    expect(server.verify(root.publicKey)).toBe(true);
    expect(server.checkHost('galley-edge.lan')).toBe('galley-edge.lan');
    expect(server.checkHost('localhost')).toBe('localhost');
    for (const ip of ['127.0.0.1', '192.168.1.20', '10.20.0.7']) expect(server.checkIP(ip)).toBe(ip);
    expect(server.checkHost('elsewhere.lan')).toBeUndefined();
    expect(done.server.certificate.altNames).not.toContain('IP:fe80::7');
  });

  it('keeps what a commissioned box has, and re-issues only the server certificate when its hosts change', async () => {
    const dir = dataDir();
    const settings = TlsSettings.parse({});
    const first = await commissionTls({
      dataDir: dir,
      storeId: 's1',
      settings,
      now: Date.now(),
      interfaces: lan,
    });
    const again = await commissionTls({
      dataDir: dir,
      storeId: 's1',
      settings,
      now: Date.now(),
      interfaces: lan,
    });
    expect(again.rootCreated).toBe(false);
    expect(again.serverIssued).toBeUndefined();
    expect(again.server.certificate.fingerprintSha256).toBe(first.server.certificate.fingerprintSha256);

    const moved: Interfaces = () => ({
      eth0: [
        {
          address: '10.20.0.99',
          family: 'IPv4',
          internal: false,
          netmask: '255.255.0.0',
          mac: '',
          cidr: null,
        },
      ],
    });
    const after = await commissionTls({
      dataDir: dir,
      storeId: 's1',
      settings,
      now: Date.now(),
      interfaces: moved,
    });
    expect(after.serverIssued).toBe('hosts');
    expect(after.root.certificate.fingerprintSha256).toBe(first.root.certificate.fingerprintSha256);
    expect(new X509Certificate(after.server.certificate.pem).checkIP('10.20.0.99')).toBe('10.20.0.99');
  });

  it('refuses a data dir whose root key is gone rather than minting a root no tablet trusts', async () => {
    const dir = dataDir();
    await commissionTls({ dataDir: dir, storeId: 's1', settings: TlsSettings.parse({}), now: Date.now() });
    rmSync(tlsPaths(dir).rootKey);
    await expect(
      commissionTls({ dataDir: dir, storeId: 's1', settings: TlsSettings.parse({}), now: Date.now() }),
    ).rejects.toThrow(TlsMaterialError);
  });

  it('says plainly when openssl is missing', () => {
    expect(() => locateOpenssl({ PATH: '/nonexistent' }, ['/nonexistent/openssl'])).toThrow(
      /needs the openssl program.*apt-get install openssl/,
    );
    expect(() => locateOpenssl({ GALLEY_OPENSSL: '/nonexistent/openssl' })).toThrow(TlsToolError);
    expect(locateOpenssl({ PATH: '' })).toBe('/usr/bin/openssl');
  });

  it('lists localhost, 127.0.0.1, the configured names and the non-loopback IPv4 addresses', () => {
    expect(serverHosts(['edge.lan'], lan)).toEqual(['localhost', '127.0.0.1', 'edge.lan', '10.20.0.7']);
  });
});

describe('server certificate renewal in a running edge', () => {
  it('re-issues the certificate before it expires and tells the listeners', async () => {
    const dir = dataDir();
    const clock = new FakeClock(Date.now());
    const settings = TlsSettings.parse({ serverValidityDays: 60, renewBeforeDays: 10 });
    const tls = new StoreTls({
      dataDir: dir,
      storeId: 's1',
      settings,
      clock,
      logger: silentLogger(),
      interfaces: lan,
      checkEveryMs: DAY_MS,
    });
    await tls.start();
    const first = tls.server;
    const seen: string[] = [];
    tls.onChange((pair) => seen.push(new X509Certificate(pair.cert).fingerprint256));

    clock.advance(40 * DAY_MS); // 20 days left: not yet
    expect(await tls.check()).toBe('current');
    clock.advance(11 * DAY_MS); // 9 days left
    expect(await tls.check()).toBe('renewed');
    expect(tls.server.fingerprintSha256).not.toBe(first.fingerprintSha256);
    expect(seen).toEqual([tls.server.fingerprintSha256]);
    expect(readFileSync(tlsPaths(dir).serverCert, 'utf8')).toBe(tls.server.pem);
    tls.stop();
  });

  it('picks up a certificate rotated by the CLI without a restart', async () => {
    const dir = dataDir();
    const settings = TlsSettings.parse({});
    const tls = new StoreTls({
      dataDir: dir,
      storeId: 's1',
      settings,
      clock: new FakeClock(Date.now()),
      logger: silentLogger(),
    });
    await tls.start();
    const before = tls.server.fingerprintSha256;
    const rotated = await commissionTls({
      dataDir: dir,
      storeId: 's1',
      settings,
      now: Date.now(),
      reissue: 'rotated',
    });
    expect(await tls.check()).toBe('reloaded');
    expect(tls.server.fingerprintSha256).toBe(rotated.server.certificate.fingerprintSha256);
    expect(tls.server.fingerprintSha256).not.toBe(before);
    tls.stop();
  });
});
