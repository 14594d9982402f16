import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { TlsSettings } from '../../shared/config/tls';
import { loadStoreConfig } from '../../shared/server/config/load-store-config';
import { systemClock } from '../../shared/server/runtime/clock';
import { connectClient, mosquittoPub, within } from '../../shared/server/testing/mqtt-clients';
import { topics } from '../../shared/topics';
import { EdgeApp, type EdgePorts } from '../app/edge-app';
import { DeviceCredentials } from '../store/credentials-store';
import { commissionTls } from './store-tls';
import { tlsPaths } from './tls-files';

const DEMO_CONFIG = join(import.meta.dirname, '../../config/demo-store.yaml');
const base = loadStoreConfig(DEMO_CONFIG);
const STORE = base.store.id;

interface Running {
  app: EdgeApp;
  ports: EdgePorts;
  dir: string;
  log: string[];
  rootPem: string;
  rootFile: string;
  secret(equipmentId: string): string;
}

const running: Running[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.app.stop();
    rmSync(r.dir, { recursive: true, force: true });
  }
});

async function startEdge(tls: Partial<TlsSettings> = {}): Promise<Running> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-tls-'));
  const log: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => log.push(line) });
  const app = new EdgeApp({
    config: { ...base, tls: TlsSettings.parse(tls) },
    dataDir: dir,
    mqttPort: 0,
    httpPort: 0,
    host: '127.0.0.1',
    logger,
    clock: systemClock,
  });
  const ports = await app.start();
  const rootPem = app.tls?.root.pem ?? '';
  const r: Running = {
    app,
    ports,
    dir,
    log,
    rootPem,
    rootFile: tlsPaths(dir).rootCert,
    secret: (id) => new DeviceCredentials({ db: app.database, clock: systemClock }).add(id),
  };
  running.push(r);
  return r;
}

function storedTemps(app: EdgeApp, equipmentId: string): number[] {
  return app.database
    .prepare('SELECT value FROM readings WHERE equipment_id = ? AND metric = ? ORDER BY ts')
    .pluck()
    .all(equipmentId, 'temp_c') as number[];
}

function httpsGet(port: number, path: string, ca?: string): Promise<{ status: number; body: string }> {
  return within(
    new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, ...(ca ? { ca } : {}) }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    }),
    5000,
    `GET https ${path}`,
  );
}

function peerFingerprint(port: number, ca: string): Promise<string> {
  return within(
    new Promise((resolve, reject) => {
      const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
        resolve(socket.getPeerX509Certificate()?.fingerprint256 ?? '');
        socket.end();
      });
      socket.on('error', reject);
    }),
    5000,
    'TLS handshake',
  );
}

describe('MQTT over TLS', () => {
  it('takes a device over mqtts with the store root as CA and stores its QoS 1 reading; refuses a client without it', async () => {
    const edge = await startEdge();
    const { mqttsPort } = edge.ports;
    if (mqttsPort === undefined) throw new Error('no mqtts port');
    expect(edge.log.join('')).toContain(`mqtts listening on 127.0.0.1:${mqttsPort}`);
    const secret = edge.secret('wic-1');

    const device = await connectClient(mqttsPort, {
      protocol: 'mqtts',
      ca: edge.rootPem,
      username: 'wic-1',
      password: secret,
    });
    await within(
      device.publishAsync(
        topics.telemetry(STORE, 'wic-1'),
        JSON.stringify({ ts: Date.now(), readings: { temp_c: 3.4 } }),
        { qos: 1 },
      ),
      5000,
      'PUBACK over mqtts',
    );
    await device.endAsync();
    expect(storedTemps(edge.app, 'wic-1')).toEqual([3.4]);

    await expect(
      connectClient(mqttsPort, { protocol: 'mqtts', username: 'wic-1', password: secret }),
    ).rejects.toThrow(/self[- ]signed|unable to (get|verify)/i);
    // Plain MQTT is still served by default, for devices commissioned before TLS.
    const plain = await connectClient(edge.ports.mqttPort, { username: 'wic-1', password: secret });
    await plain.endAsync();
  });

  it('serves mosquitto_pub --cafile on the TLS port, and mosquitto_pub with another CA fails', async () => {
    const edge = await startEdge();
    const port = String(edge.ports.mqttsPort);
    const secret = edge.secret('rif-1');
    const topic = topics.telemetry(STORE, 'rif-1');
    const args = ['-h', '127.0.0.1', '-p', port, '-u', 'rif-1', '-P', secret, '-q', '1', '-t', topic];
    const ok = await mosquittoPub([
      ...args,
      '--cafile',
      edge.rootFile,
      '-m',
      JSON.stringify({ ts: Date.now(), readings: { temp_c: 2.5 } }),
    ]);
    expect(ok).toEqual({ code: 0, stderr: '' });
    expect(storedTemps(edge.app, 'rif-1')).toEqual([2.5]);

    const other = mkdtempSync(join(tmpdir(), 'galley-tls-other-'));
    try {
      const { paths } = await commissionTls({
        dataDir: other,
        storeId: 'elsewhere',
        settings: TlsSettings.parse({}),
        now: Date.now(),
      });
      const refused = await mosquittoPub([
        ...args,
        '--cafile',
        paths.rootCert,
        '-m',
        JSON.stringify({ ts: Date.now(), readings: { temp_c: 9 } }),
      ]);
      expect(refused.code).not.toBe(0);
      expect(storedTemps(edge.app, 'rif-1')).toEqual([2.5]);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});

describe('HTTPS and WSS', () => {
  it('answers /healthz over https to a client trusting the store root, which /api/tls serves with its fingerprint', async () => {
    const edge = await startEdge({ hostnames: ['galley-edge.lan'] });
    const httpsPort = edge.ports.httpsPort ?? 0;
    expect(edge.log.join('')).toContain(`https listening on 127.0.0.1:${httpsPort}`);
    const health = await httpsGet(httpsPort, '/healthz', edge.rootPem);
    expect(health.status).toBe(200);
    expect(JSON.parse(health.body)).toMatchObject({ ok: true });
    await expect(httpsGet(httpsPort, '/healthz')).rejects.toThrow(/self[- ]signed|unable to (get|verify)/i);

    const plain = `http://127.0.0.1:${edge.ports.httpPort}`;
    const pem = await fetch(`${plain}/api/tls/root.pem`);
    expect(pem.headers.get('content-type')).toBe('application/x-x509-ca-cert');
    expect(await pem.text()).toBe(edge.rootPem);
    const info = (await (await fetch(`${plain}/api/tls`)).json()) as {
      enabled: boolean;
      root: { fingerprintSha256: string; subject: string };
      server: { altNames: string[] };
      mqttsPort: number;
      httpsPort: number;
    };
    const opensslFingerprint = execFileSync('/usr/bin/openssl', [
      'x509',
      '-in',
      edge.rootFile,
      '-noout',
      '-fingerprint',
      '-sha256',
    ])
      .toString()
      .trim()
      .split('=')[1];
    expect(info).toMatchObject({
      enabled: true,
      root: { fingerprintSha256: opensslFingerprint, subject: `O=Galley, CN=Galley store ${STORE} root CA` },
      mqttsPort: edge.ports.mqttsPort,
      httpsPort,
    });
    expect(info.server.altNames).toEqual(
      expect.arrayContaining(['DNS:localhost', 'IP:127.0.0.1', 'DNS:galley-edge.lan']),
    );
  });

  it('carries MQTT over WSS at /mqtt', async () => {
    const edge = await startEdge();
    const secret = edge.secret('wic-1');
    const device = await connectClient(edge.ports.httpsPort ?? 0, {
      protocol: 'wss',
      path: '/mqtt',
      ca: edge.rootPem,
      username: 'wic-1',
      password: secret,
    });
    await device.publishAsync(
      topics.telemetry(STORE, 'wic-1'),
      JSON.stringify({ ts: Date.now(), readings: { temp_c: 1.5 } }),
      { qos: 1 },
    );
    await device.endAsync();
    expect(storedTemps(edge.app, 'wic-1')).toEqual([1.5]);
  });
});

describe('plain ports off, renewal, TLS off', () => {
  it('serves only TLS when the store config turns the plain ports off', async () => {
    const edge = await startEdge({ plainMqtt: false, plainHttp: false });
    expect(edge.ports).toMatchObject({ mqttPort: 0, httpPort: 0 });
    const lines = edge.log.join('');
    expect(lines).not.toMatch(/"mqtt listening on/);
    expect(lines).not.toMatch(/"http listening on/);
    expect((await httpsGet(edge.ports.httpsPort ?? 0, '/healthz', edge.rootPem)).status).toBe(200);
    const device = await connectClient(edge.ports.mqttsPort ?? 0, {
      protocol: 'mqtts',
      ca: edge.rootPem,
      username: 'wic-1',
      password: edge.secret('wic-1'),
    });
    await device.endAsync();
  });

  it('hands a new server certificate to both listeners without a restart', async () => {
    const edge = await startEdge();
    const tls = edge.app.tls;
    if (!tls) throw new Error('tls off');
    const mqttsPort = edge.ports.mqttsPort ?? 0;
    const httpsPort = edge.ports.httpsPort ?? 0;
    const before = await peerFingerprint(mqttsPort, edge.rootPem);
    expect(before).toBe(tls.server.fingerprintSha256);

    const rotated = await commissionTls({
      dataDir: edge.dir,
      storeId: STORE,
      settings: edge.app.config.tls,
      now: Date.now(),
      reissue: 'rotated',
    });
    expect(await tls.check()).toBe('reloaded');
    const next = rotated.server.certificate.fingerprintSha256;
    expect(next).not.toBe(before);
    expect(await peerFingerprint(mqttsPort, edge.rootPem)).toBe(next);
    expect(await peerFingerprint(httpsPort, edge.rootPem)).toBe(next);
  });

  it('with tls.enabled false: no TLS listener, no CA, and /api/tls says so', async () => {
    const edge = await startEdge({ enabled: false });
    expect(edge.ports.mqttsPort).toBeUndefined();
    expect(edge.ports.httpsPort).toBeUndefined();
    expect(edge.app.tls).toBeUndefined();
    const plain = `http://127.0.0.1:${edge.ports.httpPort}`;
    expect(await (await fetch(`${plain}/api/tls`)).json()).toEqual({ enabled: false });
    expect((await fetch(`${plain}/api/tls/root.pem`)).status).toBe(404);
  });
});
