import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tlsPaths } from '../../edge/tls/tls-files';
import type { CommandIo } from '../../shared/server/command-io';
import { runDeviceCommand } from './device-command';
import { runTlsCommand } from './tls-command';

const CONFIG = resolve(import.meta.dirname, '../../config/demo-store.yaml');

async function run(command: (argv: string[], io: CommandIo) => Promise<number>, argv: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (c: Buffer) => {
    chunks.out += c.toString();
  });
  stderr.on('data', (c: Buffer) => {
    chunks.err += c.toString();
  });
  const code = await command(argv, { stdout, stderr });
  return { code, ...chunks };
}

describe('galley tls', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'galley-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('init commissions the store CA once; show-root prints what a tablet shows when installing it', async () => {
    const init = await run(runTlsCommand, ['init', '--config', CONFIG, '--data', dir, '--json']);
    expect(init.code).toBe(0);
    const first = JSON.parse(init.out) as {
      root: { created: boolean; fingerprintSha256: string; subject: string };
      server: { issued: string | null; altNames: string[] };
    };
    expect(first.root).toMatchObject({
      created: true,
      subject: 'O=Galley, CN=Galley store demo-sh-001 root CA',
    });
    expect(first.server.issued).toBe('new');
    expect(first.server.altNames).toEqual(expect.arrayContaining(['DNS:localhost', 'IP:127.0.0.1']));
    expect(statSync(tlsPaths(dir).rootKey).mode & 0o777).toBe(0o600);

    const again = JSON.parse(
      (await run(runTlsCommand, ['init', '--config', CONFIG, '--data', dir, '--json'])).out,
    );
    expect(again.root).toMatchObject({ created: false, fingerprintSha256: first.root.fingerprintSha256 });
    expect(again.server.issued).toBeNull();

    const shown = await run(runTlsCommand, ['show-root', '--data', dir]);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(tlsPaths(dir).rootCert);
    expect(shown.out).toContain(`SHA-256      ${first.root.fingerprintSha256}`);
    const pem = await run(runTlsCommand, ['show-root', '--data', dir, '--pem']);
    expect(new X509Certificate(pem.out).fingerprint256).toBe(first.root.fingerprintSha256);
  });

  it('rotate-server issues a new server certificate under the same root', async () => {
    await run(runTlsCommand, ['init', '--config', CONFIG, '--data', dir]);
    const before = readFileSync(tlsPaths(dir).serverCert, 'utf8');
    const rotated = await run(runTlsCommand, ['rotate-server', '--config', CONFIG, '--data', dir]);
    expect(rotated.code).toBe(0);
    expect(rotated.out).toContain('issued the server certificate (rotated)');
    const after = new X509Certificate(readFileSync(tlsPaths(dir).serverCert, 'utf8'));
    expect(after.fingerprint256).not.toBe(new X509Certificate(before).fingerprint256);
    expect(after.verify(new X509Certificate(readFileSync(tlsPaths(dir).rootCert)).publicKey)).toBe(true);
  });

  it('show-root before commissioning says what to run; a bad action prints the usage', async () => {
    const r = await run(runTlsCommand, ['show-root', '--data', dir]);
    expect(r.code).toBe(1);
    expect(r.err).toContain('galley tls init');
    expect((await run(runTlsCommand, ['renew', '--data', dir])).code).toBe(2);
    expect((await run(runTlsCommand, ['init', '--data', dir])).err).toContain('--config FILE is required');
  });

  it('device add gives the device the store root with its secret', async () => {
    const human = await run(runDeviceCommand, ['add', 'wic-1', '--config', CONFIG, '--data', dir]);
    expect(human.code).toBe(0);
    const fingerprint = new X509Certificate(readFileSync(tlsPaths(dir).rootCert)).fingerprint256;
    expect(human.err).toContain(
      `store root CA for MQTT over TLS: ${tlsPaths(dir).rootCert} (SHA-256 ${fingerprint})`,
    );
    const json = await run(runDeviceCommand, ['add', 'fryer-1', '--config', CONFIG, '--data', dir, '--json']);
    expect(JSON.parse(json.out)).toMatchObject({
      equipmentId: 'fryer-1',
      rootCa: tlsPaths(dir).rootCert,
      rootFingerprintSha256: fingerprint,
    });
  });
});
