import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { probeEdge } from './edge-probe';
import { KioskOptions } from './kiosk-options';
import { KioskWindow } from './kiosk-window';
import { FakeElectron, ManualTimers } from './testing/fake-electron';

/** A stand-in edge on loopback that answers /healthz while `up`, on a port it keeps across restarts. */
class TinyEdge {
  #server: Server | undefined;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'application/json' });
      res.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }
}

const edges: TinyEdge[] = [];
const kiosks: KioskWindow[] = [];
afterEach(async () => {
  for (const k of kiosks.splice(0)) k.stop();
  await Promise.all(edges.splice(0).map((e) => e.stop()));
});

async function setUp(opts: { edgeUp: boolean }) {
  const edge = new TinyEdge();
  edges.push(edge);
  await edge.start();
  if (!opts.edgeUp) await edge.stop();
  const electron = new FakeElectron();
  const timers = new ManualTimers();
  let now = 0;
  const logs: { msg: string }[] = [];
  const kiosk = new KioskWindow({
    electron,
    options: KioskOptions.parse({
      edgeUrl: edge.url,
      retryMs: 5000,
      crashRestartMs: 1000,
      maxCrashRestartMs: 8000,
    }),
    preloadPath: '/opt/galley/preload.cjs',
    offlinePagePath: '/opt/galley/offline.html',
    probe: (url) => probeEdge(url, 1000),
    timers,
    now: () => now,
    log: (entry) => logs.push(entry),
  });
  kiosks.push(kiosk);
  return {
    edge,
    electron,
    timers,
    kiosk,
    logs,
    advance: (ms: number) => {
      now += ms;
    },
    window: () => {
      const win = electron.windows[0];
      if (!win) throw new Error('no window');
      return win;
    },
  };
}

/** Fires the pending retry and lets its probe of the real socket finish. */
async function fireRetry(timers: ManualTimers, kiosk: KioskWindow, until: () => boolean): Promise<void> {
  expect(timers.fire()).toBe(true);
  const deadline = Date.now() + 3000;
  while (!until() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  expect(until(), `kiosk shows ${kiosk.showing}`).toBe(true);
}

describe('KioskWindow', () => {
  it('opens one locked-down full-screen window on the edge when the edge is up', async () => {
    const { kiosk, window, edge } = await setUp({ edgeUp: true });
    await kiosk.start();
    const win = window();
    expect(win.options.kiosk).toBe(true);
    expect(win.options.fullscreen).toBe(true);
    expect(win.options.webPreferences).toEqual({
      preload: '/opt/galley/preload.cjs',
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    });
    expect(win.currentUrl).toBe(edge.url);
    expect(kiosk.showing).toBe('edge');
  });

  it('shows the offline page while the edge is down and the display as soon as it answers', async () => {
    const { kiosk, window, edge, timers } = await setUp({ edgeUp: false });
    await kiosk.start();
    expect(kiosk.showing).toBe('offline');
    expect(window().currentUrl).toBe(
      `file:///opt/galley/offline.html?retryS=5&edge=${encodeURIComponent(edge.url)}`,
    );
    expect(timers.waits).toEqual([5000]);

    await fireRetry(timers, kiosk, () => timers.waits.length === 1);
    expect(kiosk.showing).toBe('offline');
    // Still down: the offline page stays, no reload flicker.
    expect(window().loads.filter((u) => u.startsWith('file:'))).toHaveLength(1);

    await edge.start();
    await fireRetry(timers, kiosk, () => kiosk.showing === 'edge');
    expect(window().currentUrl).toBe(edge.url);
    expect(timers.waits).toEqual([]);
  });

  it('falls back to the offline page when loading the edge fails after all', async () => {
    const { kiosk, window, timers } = await setUp({ edgeUp: true });
    await kiosk.start();
    const win = window();
    // The edge answered its health check, then the page load itself was refused.
    win.failNextLoad = true;
    win.crash();
    await fireRetry(timers, kiosk, () => kiosk.showing === 'offline');
    expect(win.currentUrl.startsWith('file:///opt/galley/offline.html')).toBe(true);
    expect(timers.waits).toEqual([5000]);
  });

  it('reloads a crashed renderer, waiting longer while it keeps crashing, and starts over once it is stable', async () => {
    const { kiosk, window, timers, advance, edge } = await setUp({ edgeUp: true });
    await kiosk.start();
    const win = window();
    const waits: number[] = [];
    for (let i = 0; i < 5; i++) {
      win.crash();
      waits.push(...timers.waits);
      await fireRetry(timers, kiosk, () => kiosk.showing === 'edge');
      advance(10_000);
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(win.loads.filter((u) => u === edge.url)).toHaveLength(6);
    advance(200_000);
    win.crash({ reason: 'oom', exitCode: 0 });
    expect(timers.waits).toEqual([1000]);
  });

  it('blocks navigation and new windows away from the edge origin, allows it within', async () => {
    const { kiosk, window, edge } = await setUp({ edgeUp: true });
    await kiosk.start();
    const win = window();
    expect(win.navigate(`${edge.url}tickets`)).toBe(true);
    expect(win.navigate('https://example.com/')).toBe(false);
    expect(win.navigate(`http://127.0.0.1:${edge.port + 1}/`)).toBe(false);
    expect(win.navigate('file:///etc/passwd')).toBe(false);
    expect(win.openWindow(`${edge.url}api/openapi.json`)).toBe('deny');
    expect(kiosk.blockedNavigations).toBe(4);
    expect(win.currentUrl).toBe(`${edge.url}tickets`);
  });

  it('stop closes the window and cancels retries', async () => {
    const { kiosk, window, timers } = await setUp({ edgeUp: false });
    await kiosk.start();
    kiosk.stop();
    expect(window().isDestroyed()).toBe(true);
    expect(timers.waits).toEqual([]);
  });
});
