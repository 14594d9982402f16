import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = join(import.meta.dirname, '..');
const GALLEY = join(ROOT, 'bin', 'galley.js');
const READY = 'Ctrl-C stops everything.';

const Token = z.object({ token: z.string() });
const Alarms = z.array(z.object({ equipmentId: z.string(), rule: z.string(), state: z.string() }));
const Stores = z.array(z.object({ id: z.string() }));

async function json(url: string, init: RequestInit = {}): Promise<unknown> {
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(5000) });
  expect(response.status, `${init.method ?? 'GET'} ${url}`).toBeLessThan(300);
  return response.json();
}

function post(url: string, body: unknown): Promise<unknown> {
  return json(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

/** `npm start` as a newcomer runs it, on free ports and a data dir of its own. */
describe('npm start gives everything it advertises', () => {
  let demo: ChildProcess;
  let dataDir = '';
  let output = '';
  let startedMs = 0;
  let readyMs = 0;
  const line = (pattern: RegExp) => {
    const match = pattern.exec(output);
    if (!match) throw new Error(`no ${pattern} in the demo's output:\n${output}`);
    return match;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'galley-demo-start-'));
    startedMs = Date.now();
    demo = spawn(process.execPath, [GALLEY, 'demo'], {
      cwd: ROOT,
      env: {
        ...process.env,
        GALLEY_MQTT_PORT: '0',
        GALLEY_HTTP_PORT: '0',
        GALLEY_CENTRAL_PORT: '0',
        GALLEY_SIM_CONTROL_PORT: '0',
        GALLEY_DATA_DIR: dataDir,
        GALLEY_HOST: '127.0.0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`demo not ready in 60 s:\n${output}`)), 60_000);
      const check = () => {
        if (!output.includes(READY)) return;
        clearTimeout(timer);
        demo.stdout?.off('data', check);
        resolve();
      };
      demo.stdout?.on('data', check);
      demo.once('exit', (code) => reject(new Error(`demo exited (${code}):\n${output}`)));
    });
    readyMs = Date.now() - startedMs;
  }, 65_000);

  afterAll(async () => {
    if (demo && demo.exitCode === null) {
      const exited = new Promise((resolve) => demo.once('exit', resolve));
      demo.kill('SIGINT');
      const timer = setTimeout(() => demo.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

  it('is up within 60 s and prints its ports as the contract log lines', () => {
    expect(readyMs).toBeLessThan(60_000);
    expect(line(/^mqtt listening on 127\.0\.0\.1:(\d+)$/m)[1]).not.toBe('0');
    expect(line(/^http listening on 127\.0\.0\.1:(\d+)$/m)[1]).not.toBe('0');
    expect(line(/^central listening on 127\.0\.0\.1:(\d+)$/m)[1]).not.toBe('0');
  });

  it('serves the kitchen display on the edge port', async () => {
    const http = line(/^http listening on [\d.]+:(\d+)$/m)[1];
    const page = await fetch(`http://127.0.0.1:${http}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<div id="root">/);
  });

  it('serves the regional page on the central port, and its printed login sees the whole region', async () => {
    const central = line(/^central listening on [\d.]+:(\d+)$/m)[1];
    const page = await fetch(`http://127.0.0.1:${central}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toMatch(/<div id="root">/);
    // The page's own script is served too, not only its index.
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    expect((await fetch(`http://127.0.0.1:${central}${script}`)).status).toBe(200);

    const [, username, password] = line(/regional ops .*\(login: (\S+) \/ (\S+);/);
    const { token } = Token.parse(
      await post(`http://127.0.0.1:${central}/api/session`, { username, password }),
    );
    const stores = Stores.parse(
      await json(`http://127.0.0.1:${central}/api/stores`, { headers: { authorization: `Bearer ${token}` } }),
    );
    expect(stores.map((s) => s.id).sort()).toEqual([
      'demo-hz-001',
      'demo-sh-001',
      'demo-sh-002',
      'demo-sh-003',
    ]);
  });

  it('injects a fault with the printed command, and the edge shows its alarm within 5 s', async () => {
    const http = line(/^http listening on [\d.]+:(\d+)$/m)[1];
    const command = (line(/inject a fault\s+npx galley (sim inject .+)$/m)[1] ?? '').trim().split(/\s+/);
    const equipmentId = command[command.length - 2];
    const injected = spawnSync(process.execPath, [GALLEY, ...command], { cwd: ROOT, encoding: 'utf8' });
    expect(injected.stderr).toBe('');
    expect(injected.status).toBe(0);
    expect(injected.stdout).toMatch(new RegExp(`${equipmentId}: faults now network_loss`));
    const injectedAt = Date.now();

    const { token } = Token.parse(
      await post(`http://127.0.0.1:${http}/api/session`, { user: 'admin', pin: '1234' }),
    );
    let active: z.infer<typeof Alarms> = [];
    while (Date.now() - injectedAt < 5000) {
      const alarms = Alarms.parse(
        await json(`http://127.0.0.1:${http}/api/alarms?state=active`, {
          headers: { authorization: `Bearer ${token}` },
        }),
      );
      active = alarms.filter((a) => a.equipmentId === equipmentId);
      if (active.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(active.map((a) => a.rule)).toEqual(['offline']);
  });
});
