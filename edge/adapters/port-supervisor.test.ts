import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock } from '../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../shared/server/runtime/logger';
import { type PtyPair, startPtyPair } from '../../shared/server/testing/pty-pair';
import { PortSupervisor } from './port-supervisor';
import { openRealSerialPort } from './serial-connection';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function eventually(check: () => boolean, what: string, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function supervised(path: string, clock: FakeClock) {
  const links: { up: boolean; cause: string; at: number }[] = [];
  const received: Buffer[] = [];
  const supervisor = new PortSupervisor({
    equipmentId: 'fryer-3',
    path,
    baudRate: 9600,
    openPort: openRealSerialPort,
    clock,
    logger: silentLogger(),
    silenceMs: 10_000,
    backoff: { initialMs: 500, maxMs: 4000, factor: 2 },
    onData: (chunk) => received.push(chunk),
    onLinkChange: (up, cause) => links.push({ up, cause, at: clock.now() }),
  });
  cleanups.push(() => supervisor.stop());
  return { supervisor, links, received };
}

describe('PortSupervisor on real ptys with a fake clock', () => {
  it('retries a missing port with exponential back-off and opens it once socat makes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'tty');
    const clock = new FakeClock();
    const { supervisor, links } = supervised(path, clock);
    supervisor.start();
    await eventually(() => supervisor.stats().failedOpens === 1, 'first failed open');

    // Retries due at +500, +1000, +2000, +4000, +4000 (capped) after each failure.
    clock.advance(499);
    await new Promise((r) => setTimeout(r, 50));
    expect(supervisor.stats().failedOpens).toBe(1);
    for (const [delay, failures] of [
      [1, 2],
      [1000, 3],
      [2000, 4],
      [4000, 5],
      [4000, 6],
    ] as const) {
      clock.advance(delay);
      await eventually(() => supervisor.stats().failedOpens === failures, `failure ${failures}`);
    }
    // Never opened and no data for 10 s of store time: the link is down.
    expect(links).toEqual([{ up: false, cause: 'port_closed', at: clock.now() - 1500 }]);

    const pair: PtyPair = await startPtyPair(path, `${path}.device`);
    cleanups.push(() => pair.stop());
    clock.advance(4000);
    await eventually(() => supervisor.stats().open, 'port open');
    expect(supervisor.stats().opens).toBe(1);
  });

  it('reopens after socat dies, and the link follows good frames and silence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'galley-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, 'tty');
    const pair = await startPtyPair(path, `${path}.device`);
    cleanups.push(() => pair.stop());
    const clock = new FakeClock();
    const { supervisor, links } = supervised(path, clock);
    supervisor.start();
    await eventually(() => supervisor.stats().open, 'port open');

    supervisor.noteGoodFrame();
    supervisor.countError('garbage', '3 bytes');
    supervisor.countError('garbage', '1 byte');
    expect(links.map((l) => l.up)).toEqual([true]);
    clock.advance(9_999);
    expect(links).toHaveLength(1);
    clock.advance(1);
    expect(links.at(-1)).toMatchObject({ up: false, cause: 'silence' });

    await pair.kill();
    await eventually(() => !supervisor.stats().open, 'port gone');
    await pair.restart();
    clock.advance(500);
    await eventually(() => supervisor.stats().opens === 2, 'reopened');
    supervisor.noteGoodFrame();
    expect(links.map((l) => l.up)).toEqual([true, false, true]);
    expect(supervisor.stats()).toMatchObject({
      open: true,
      linkUp: true,
      framesOk: 2,
      errors: { garbage: 2 },
    });
  });
});
