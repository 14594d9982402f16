import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SerialPort } from 'serialport';
import { afterEach, describe, expect, it } from 'vitest';
import { demoConfig } from '../../edge/ingest/testing/ingest-fixture';
import { silentLogger } from '../../shared/server/runtime/logger';
import { type DemoSerialLines, demoSerialPath, startDemoSerialLines } from './demo-provisioning';

const cleanups: Array<() => Promise<unknown> | unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function open(path: string): Promise<SerialPort> {
  const port = new SerialPort({ path, baudRate: 9600, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((err) => (err ? reject(err) : resolve())));
  cleanups.push(
    () => new Promise<void>((resolve) => (port.isOpen ? port.close(() => resolve()) : resolve())),
  );
  return port;
}

describe('startDemoSerialLines', () => {
  it('links a socat pty pair per serial equipment under the data dir and points the config at it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const lines = (await startDemoSerialLines(demoConfig(), dataDir, silentLogger())) as DemoSerialLines;
    expect(lines).not.toBeNull();
    cleanups.push(() => lines.stop());

    const serial = lines.config.equipment.filter((e) => e.serial);
    expect(serial.map((e) => [e.id, e.serial?.path]).sort()).toEqual([
      ['fryer-3', demoSerialPath(dataDir, 'fryer-3')],
      ['rif-1', demoSerialPath(dataDir, 'rif-1')],
    ]);
    expect(lines.devicePathTemplate.replace('{id}', 'rif-1')).toBe(
      `${demoSerialPath(dataDir, 'rif-1')}.device`,
    );
    expect(realpathSync(demoSerialPath(dataDir, 'fryer-3'))).toMatch(/^\/dev\/pts\/\d+$/);

    const edge = await open(demoSerialPath(dataDir, 'fryer-3'));
    const device = await open(`${demoSerialPath(dataDir, 'fryer-3')}.device`);
    let heard = '';
    edge.on('data', (chunk: Buffer) => {
      heard += chunk.toString('latin1');
    });
    device.write('$T=176.4\r\n');
    const until = Date.now() + 5000;
    while (!heard.includes('$T=176.4') && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(heard).toContain('$T=176.4');

    await lines.stop();
    expect(existsSync(demoSerialPath(dataDir, 'fryer-3'))).toBe(false);
    expect(existsSync(`${demoSerialPath(dataDir, 'rif-1')}.device`)).toBe(false);
  });

  it('is null for a store without serial equipment', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const base = demoConfig();
    const mqttOnly = { ...base, equipment: base.equipment.filter((e) => e.protocol === 'mqtt') };
    expect(await startDemoSerialLines(mqttOnly, dataDir, silentLogger())).toBeNull();
  });
});
