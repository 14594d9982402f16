import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runSimCommand } from './cli';
import { scaleDeviceId } from './scale';
import { loadScenario } from './scenario';
import { subscriber, TestBroker } from './testing/aedes-broker';

const demoConfig = fileURLToPath(new URL('../config/demo-store.yaml', import.meta.url));
const demoScenario = fileURLToPath(new URL('../config/scenarios/demo.yaml', import.meta.url));
const watcher = { username: 'watcher', password: 'watcher-secret' };

function captureIo(signal?: AbortSignal) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: {
      stdout: { write: (s: string) => out.push(s) },
      stderr: { write: (s: string) => err.push(s) },
      signal,
    },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-'));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('galley sim', () => {
  it('--help lists the options', async () => {
    const cap = captureIo();
    expect(await runSimCommand(['--help'], cap.io)).toBe(0);
    for (const flag of [
      '--config',
      '--mqtt-url',
      '--credentials',
      '--scenario',
      '--speed',
      '--seed',
      '--control-port',
      '--inject',
      '--scale',
    ]) {
      expect(cap.out()).toContain(flag);
    }
  });

  it.each([
    [['--speed', 'fast'], /--speed expects a number/],
    [['--bogus'], /Unknown option/],
    [['--config', demoConfig, '--mqtt-url', 'localhost:1883'], /--mqtt-url must start with/],
    [['--config', '/nonexistent.yaml'], /config file not found/],
    [['--config', demoConfig, '--inject', 'wic-1'], /EQUIPMENT:FAULT/],
    [['--config', demoConfig, '--inject', 'nope:door_ajar'], /no equipment "nope"/],
    [['--config', demoConfig, '--inject', 'wic-1:meteor'], /unknown fault "meteor"/],
  ])('%j is a usage error', async (argv, message) => {
    const cap = captureIo();
    expect(await runSimCommand(argv, cap.io)).toBe(2);
    expect(cap.err()).toMatch(message);
  });

  it('runs the demo store with credentials and an injected fault, then stops on --duration', async () => {
    const dir = tempDir();
    const secrets = { 'wic-1': 's-wic', 'fryer-1': 's-fryer' };
    const credentialsFile = path.join(dir, 'credentials.json');
    fs.writeFileSync(credentialsFile, JSON.stringify(secrets));
    const broker = await new TestBroker({ ...secrets, watcher: watcher.password }).start();
    cleanups.push(() => broker.stop());
    const sub = await subscriber(broker.url, 'galley/demo-sh-001/+/telemetry', watcher);
    cleanups.push(() => sub.close());

    const cap = captureIo();
    const argv = ['--config', demoConfig, '--mqtt-url', broker.url, '--credentials', credentialsFile];
    const code = await runSimCommand(
      [...argv, '--speed', '120', '--inject', 'wic-1:door_ajar', '--duration', '1.5', '--control-port', '0'],
      cap.io,
    );
    expect(code).toBe(0);
    expect(cap.out()).toMatch(/simulating 2 devices of demo-sh-001/);
    expect(cap.out()).toMatch(/control http:\/\/127\.0\.0\.1:\d+/);
    const wic = sub.received
      .filter((m) => m.topic.endsWith('/wic-1/telemetry'))
      .map((m) => JSON.parse(m.payload));
    expect(wic.length).toBeGreaterThan(3);
    expect(wic.at(-1).readings).toMatchObject({ door_open: true });
    expect(wic.at(-1).readings.temp_c).toBeGreaterThan(5);
  });

  it('scale mode runs N synthetic devices and prints a progress line', async () => {
    const dir = tempDir();
    const secrets = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [scaleDeviceId(i + 1), `s${i}`]));
    const credentialsFile = path.join(dir, 'credentials.json');
    fs.writeFileSync(credentialsFile, JSON.stringify(secrets));
    const broker = await new TestBroker(secrets).start();
    cleanups.push(() => broker.stop());

    const cap = captureIo();
    const code = await runSimCommand(
      [
        '--config',
        demoConfig,
        '--mqtt-url',
        broker.url,
        '--credentials',
        credentialsFile,
        '--scale',
        '30',
        '--report-interval',
        '0.5',
      ],
      { ...cap.io, signal: AbortSignal.timeout(2500) },
    );
    expect(code).toBe(0);
    const final = /connected 30\/30 · \d+ msg\/s · acked (\d+) · errors 0 · dropped 0\n$/.exec(cap.out());
    // 30 devices at 2 Hz for about two seconds once connected.
    expect(Number(final?.[1])).toBeGreaterThan(60);
  });

  it('ships a demo scenario that warms the walk-in cooler first', () => {
    const scenario = loadScenario(demoScenario);
    expect(scenario.steps[0]).toMatchObject({
      equipmentId: 'wic-1',
      action: 'inject',
      request: { fault: 'door_ajar' },
    });
    expect(scenario.steps[0]?.atMs).toBeLessThanOrEqual(10_000);
  });
});
