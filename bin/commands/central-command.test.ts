import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import {
  alarmView,
  batchOf,
  event,
  http,
  login,
  postBatch,
} from '../../cloud-sync/central/testing/central-test-kit';
import type { StoreState } from '../../shared/central/api';
import { within } from '../../shared/server/testing/mqtt-clients';
import { runCentralCommand } from './central-command';

const GALLEY = join(import.meta.dirname, '..', 'galley.js');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function capture(): { io: { stdout: Writable; stderr: Writable }; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        append(chunk.toString('utf8'));
        done();
      },
    });
  return {
    io: { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)) },
    out: () => out,
    err: () => err,
  };
}

async function cli(
  dataDir: string,
  argv: string[],
  stdinText = '',
): Promise<{ code: number; out: string; err: string }> {
  const io = capture();
  const stdin = new PassThrough();
  stdin.end(stdinText);
  const code = await runCentralCommand([...argv, '--data', dataDir], io.io, stdin);
  return { code, out: io.out(), err: io.err() };
}

it('runs on a free port, prints the admin password once, and the admin actions set up a store that syncs', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { ...process.env, GALLEY_CENTRAL_ADMIN_PASSWORD: '', DATABASE_URL: '' };
  const child = spawn(process.execPath, [GALLEY, 'central', '--data', dataDir, '--port', '0'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  cleanups.push(() => child.kill('SIGKILL'));
  let log = '';
  const started = new Promise<{ port: number; password: string }>((resolve) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const port = /central listening on 127\.0\.0\.1:(\d+)/.exec(log)?.[1];
      const password = /created user admin with password (\S+)/.exec(log)?.[1];
      if (port && password) resolve({ port: Number(port), password });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
  });
  const { port, password } = await within(started, 20_000, 'galley central start');
  const url = `http://127.0.0.1:${port}`;

  expect(
    await cli(dataDir, ['store', 'add', 'sh-001', '--region', 'east', '--name', 'Shanghai 001']),
  ).toMatchObject({
    code: 0,
  });
  const issued = await cli(dataDir, ['token', 'issue', 'sh-001', '--json']);
  const token = (JSON.parse(issued.out) as { token: string }).token;
  expect(token).toMatch(/^gst_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
  const user = await cli(
    dataDir,
    ['user', 'add', 'wang', '--role', 'regional_manager', '--region', 'east', '--password-stdin'],
    'east-manager\n',
  );
  expect(user).toMatchObject({ code: 0, out: 'added user wang (regional_manager)\n' });
  expect((await cli(dataDir, ['token', 'issue', 'nowhere'])).err).toBe(
    'galley central: no store "nowhere"\n',
  );

  const ack = await postBatch(url, token, batchOf('sh-001', [event(1, 'alarm.raised', 1, alarmView())]));
  expect(ack.body).toMatchObject({ inserted: 1, highestSeq: 1 });
  const wang = await login(url, 'wang', 'east-manager');
  const stores = await http<StoreState[]>(`${url}/api/stores`, { token: wang });
  expect(stores.body.map((s) => [s.id, s.activeAlarms.critical])).toEqual([['sh-001', 1]]);
  expect((await login(url, 'admin', password)).length).toBeGreaterThan(20);

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  expect(await within(exited, 10_000, 'galley central stop')).toBe(0);
  // Central's own log lines name central, not the edge whose kit it shares.
  const lines = log
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { app?: string });
  expect(lines.length).toBeGreaterThan(0);
  expect(new Set(lines.map((line) => line.app))).toEqual(new Set(['galley-central']));
});
