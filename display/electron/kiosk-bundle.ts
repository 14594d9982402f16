import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type BuildOptions, build } from 'esbuild';

export interface KioskBundle {
  main: string;
  preload: string;
  offlinePage: string;
}

const HERE = import.meta.dirname;

/**
 * Electron runs JavaScript, and a sandboxed preload only CommonJS that requires
 * nothing but 'electron': both entry points are bundled into `outDir`, next to the
 * offline page they load.
 */
export async function bundleKiosk(outDir: string): Promise<KioskBundle> {
  mkdirSync(outDir, { recursive: true });
  const common: BuildOptions = {
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['electron'],
    logLevel: 'warning',
  };
  const main = join(outDir, 'main.cjs');
  const preload = join(outDir, 'preload.cjs');
  await build({ ...common, entryPoints: [join(HERE, 'main.ts')], outfile: main });
  await build({ ...common, entryPoints: [join(HERE, 'preload.ts')], outfile: preload });
  const offlinePage = join(outDir, 'offline.html');
  copyFileSync(join(HERE, 'offline.html'), offlinePage);
  return { main, preload, offlinePage };
}
