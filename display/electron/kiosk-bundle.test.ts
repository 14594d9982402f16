import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleKiosk } from './kiosk-bundle';

const out = mkdtempSync(join(tmpdir(), 'galley-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every module a CommonJS bundle still loads at run time. */
function requiredModules(file: string): string[] {
  return [
    ...new Set([...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] ?? '')),
  ].sort();
}

describe('kiosk bundle', () => {
  it('builds main and preload as CommonJS; the sandboxed preload needs nothing but electron', async () => {
    const bundle = await bundleKiosk(out);
    expect(requiredModules(bundle.preload)).toEqual(['electron']);
    const preload = readFileSync(bundle.preload, 'utf8');
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).toContain('galley-kiosk:keep-screen-on');
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\)/);
    // The main process may use Node's own modules and electron, nothing from node_modules at run time.
    const main = requiredModules(bundle.main);
    expect(main).toContain('electron');
    expect(
      main.filter((m) => m !== 'electron' && !m.startsWith('node:') && !builtinModules.includes(m)),
    ).toEqual([]);
    const offline = readFileSync(bundle.offlinePage, 'utf8');
    expect(offline).toContain('无法连接门店边缘服务器');
    expect(offline).toContain('Cannot reach the store edge');
  }, 30_000);
});
