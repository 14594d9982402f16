/**
 * `npm run kiosk [-- --url URL] [--windowed] [--dry-run]`: the kitchen kiosk on
 * this machine. Electron where its runtime is installed, Chromium's kiosk mode
 * otherwise, saying which on stdout.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { bundleKiosk } from './kiosk-bundle';
import { kioskOptionsFrom } from './kiosk-options';
import { describePlan, findChromium, findElectronBinary, planKioskLaunch } from './launch-plan';

const ROOT = join(import.meta.dirname, '..', '..');
const BUNDLE_DIR = join(ROOT, 'node_modules', '.cache', 'galley-kiosk');

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    // Missing or not executable: the caller tries the next candidate.
    return false;
  }
}

async function main(argv: readonly string[]): Promise<number> {
  const options = kioskOptionsFrom(argv, process.env);
  const requireFromHere = createRequire(import.meta.url);
  const plan = planKioskLaunch({
    edgeUrl: options.edgeUrl,
    electronBinary: findElectronBinary(() => requireFromHere('electron'), isExecutable),
    chromiumBinary: findChromium(isExecutable),
    mainScript: join(BUNDLE_DIR, 'main.cjs'),
    profileDir: join(homedir(), '.galley-kiosk-profile'),
    windowed: !options.kiosk,
  });
  process.stdout.write(`${describePlan(plan)}\n`);
  if (plan.kind === 'none') return 1;
  if (argv.includes('--dry-run')) return 0;
  if (plan.kind === 'electron') await bundleKiosk(BUNDLE_DIR);
  else mkdirSync(join(homedir(), '.galley-kiosk-profile'), { recursive: true });
  // Root on a kiosk-only box: both browsers refuse to run as root unless told to drop their sandbox.
  const args = argv.includes('--no-sandbox') ? [...plan.args, '--no-sandbox'] : plan.args;
  const child = spawn(plan.command, args, { stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  return new Promise((resolve) => {
    child.on('error', (err) => {
      process.stderr.write(`kiosk: ${err.message}\n`);
      resolve(1);
    });
    child.on('exit', (code) => resolve(code ?? 0));
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`kiosk: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
