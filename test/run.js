#!/usr/bin/env node
// `npm test`: makes sure the Debian tools the tests drive are installed (installing
// them when running as root, otherwise saying exactly what to install), then runs
// the whole suite once and prints a one-line summary.
//
// `node test/run.js --unit` runs the unit suite only: every test file outside `test/`
// (tests live beside the code they test; `test/` holds the end-to-end and cross-part
// ones). Any other argument goes to vitest, e.g. `node test/run.js test/durability.test.ts`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** command the tests run → the Debian package that provides it */
export const REQUIRED_TOOLS = {
  mosquitto_pub: 'mosquitto-clients',
  mosquitto_sub: 'mosquitto-clients',
  socat: 'socat',
  chromium: 'chromium',
  udevadm: 'udev',
  // the central service's listen backlog is read from the kernel's socket table
  ss: 'iproute2',
  // the food-safety report tests read their PDFs back as text
  pdftotext: 'poppler-utils',
};

/** files the tests need that are not on PATH → the Debian package that provides them */
export const REQUIRED_FILES = {
  // the central service's PostgreSQL suite starts a throw-away server of its own
  '/usr/lib/postgresql/15/bin/initdb': 'postgresql',
  // three central processes behind the shipped HAProxy configuration (test/central-cluster.test.ts)
  '/usr/sbin/haproxy': 'haproxy',
  // the food-safety report prints Chinese with it
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc': 'fonts-noto-cjk',
};

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

function ensureTools() {
  const missing = [
    ...new Set(
      Object.entries(REQUIRED_TOOLS)
        .filter(([command]) => !has(command))
        .map(([, pkg]) => pkg),
      ...Object.entries(REQUIRED_FILES)
        .filter(([file]) => !existsSync(file))
        .map(([, pkg]) => pkg),
    ),
  ];
  if (missing.length === 0) return;
  const install = `apt-get install -y --no-install-recommends ${missing.join(' ')}`;
  if (process.getuid?.() !== 0) {
    console.error(
      `The tests need Debian packages that are not installed. Run:\n  sudo apt-get update && sudo ${install}`,
    );
    process.exit(1);
  }
  console.log(`installing test tools: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const cmd of ['apt-get update -qq', install]) {
    const result = spawnSync('sh', ['-c', cmd], { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`failed: ${cmd}`);
      process.exit(1);
    }
  }
}

/**
 * The browser tests load the pages the services serve (the kitchen display from the
 * edge, the regional operations page from central), so build them from the current sources.
 */
function buildPages() {
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  for (const app of ['display', join('cloud-sync', 'web')]) {
    if (!existsSync(join(root, app, 'index.html'))) continue;
    const result = spawnSync(process.execPath, [vite, 'build', app, '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (result.status !== 0) {
      console.error(`building ${app} failed`);
      process.exit(1);
    }
  }
}

/** `--unit` → vitest's own arguments for "everything but the end-to-end tests under test/" */
function vitestArgs(args) {
  if (!args.includes('--unit')) return args;
  return [...args.filter((arg) => arg !== '--unit'), '--project', 'unit', '--project', 'unit-mocking'];
}

ensureTools();
buildPages();
mkdirSync(join(root, '.tmp'), { recursive: true });
const report = join(root, '.tmp', 'vitest-report.json');
const vitest = spawnSync(
  process.execPath,
  [
    join(root, 'node_modules', 'vitest', 'vitest.mjs'),
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
    ...vitestArgs(process.argv.slice(2)),
  ],
  { cwd: root, stdio: 'inherit' },
);
if (existsSync(report)) {
  const {
    numPassedTests = 0,
    numFailedTests = 0,
    numPendingTests = 0,
  } = JSON.parse(readFileSync(report, 'utf8'));
  console.log(`\nTests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests} skipped`);
}
process.exit(vitest.status ?? 1);
