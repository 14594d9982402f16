import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../shared/server/runtime/logger';
import { type PtyPair, startPtyPair } from '../../shared/server/testing/pty-pair';
import { waitUntil } from '../testing/aedes-broker';
import { SerialLine } from './serial-line';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const FAST_BACKOFF = { initialMs: 50, maxMs: 200, factor: 2, jitter: 0 };

function paths(): { edge: string; device: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'galley-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  return { edge: path.join(dir, 'edge'), device: path.join(dir, 'edge.device') };
}

async function socat(edge: string, device: string): Promise<PtyPair> {
  const pair = await startPtyPair(edge, device);
  cleanups.push(() => pair.stop());
  return pair;
}

/** The edge's end, collecting what the equipment sends. */
async function edgeEnd(file: string): Promise<{ port: SerialPort; received: () => string }> {
  const port = new SerialPort({ path: file, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  cleanups.push(
    () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  );
  let text = '';
  port.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
  });
  port.on('error', () => {});
  return { port, received: () => text };
}

function deviceLine(file: string, waitForPort = false): SerialLine {
  const line = new SerialLine({
    path: file,
    baudRate: 9600,
    logger: silentLogger(),
    backoff: FAST_BACKOFF,
    waitForPort,
  });
  cleanups.push(() => line.stop());
  return line;
}

describe('SerialLine over real socat ptys', () => {
  it('opens the line again after socat is stopped and started, and data flows both ways', async () => {
    const p = paths();
    const pair = await socat(p.edge, p.device);
    const line = deviceLine(p.device);
    const heard: string[] = [];
    line.onData((chunk) => heard.push(chunk.toString('latin1')));
    await line.start();
    const first = await edgeEnd(p.edge);
    line.write('before\r\n');
    await waitUntil(() => first.received().includes('before'), 5000, 'bytes before the restart');

    await pair.kill();
    await waitUntil(() => line.stats().lost === 1 && !line.isOpen, 5000, 'the line noticing the pty gone');
    line.write('into the void\r\n');
    expect(line.stats().open).toBe(false);

    await pair.restart();
    await waitUntil(() => line.stats().opens === 2, 5000, 'the line open again');
    const second = await edgeEnd(p.edge);
    line.write('after\r\n');
    await waitUntil(() => second.received().includes('after'), 5000, 'bytes after the restart');
    second.port.write('poll');
    await waitUntil(() => heard.join('').includes('poll'), 5000, 'bytes from the edge after the restart');
    expect(second.received()).not.toContain('into the void');
  }, 20_000);

  it('keeps trying with back-off while socat is down, then resumes', async () => {
    const p = paths();
    const line = deviceLine(p.device, true);
    await line.start();
    expect(line.isOpen).toBe(false);
    await waitUntil(() => line.stats().failedOpens >= 3, 5000, 'several failed opens');

    await socat(p.edge, p.device);
    await waitUntil(() => line.isOpen, 5000, 'the line open once the pty exists');
    const edge = await edgeEnd(p.edge);
    line.write('hello\r\n');
    await waitUntil(() => edge.received().includes('hello'), 5000, 'bytes on the new line');
  }, 20_000);

  it('fails the start without waitForPort when the port is not there, and stop ends the retries', async () => {
    const p = paths();
    const strict = deviceLine(p.device);
    await expect(strict.start()).rejects.toThrow();
    expect(strict.stats().failedOpens).toBe(1);

    const waiting = deviceLine(p.device, true);
    await waiting.start();
    await waitUntil(() => waiting.stats().failedOpens >= 2, 5000, 'retries');
    await waiting.stop();
    const after = waiting.stats().failedOpens;
    await socat(p.edge, p.device);
    await new Promise((r) => setTimeout(r, 400));
    expect(waiting.stats()).toMatchObject({ open: false, failedOpens: after, opens: 0 });
  }, 20_000);
});
