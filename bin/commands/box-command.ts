import { join } from 'node:path';
import { edgeVersion } from '../../edge/runtime/edge-version';
import { BoxSupervisor } from '../../edge/runtime/updates/supervisor';
import {
  DEFAULT_SUPERVISOR_SETTINGS,
  type SupervisorSettings,
} from '../../edge/runtime/updates/supervisor-rules';
import type { CommandIo } from '../../shared/server/command-io';
import { systemClock } from '../../shared/server/runtime/clock';
import { createRootLogger } from '../../shared/server/runtime/logger';
import { DAEMON_ENVIRONMENT } from './daemon-environment';
import { EDGE_USAGE, parseEdgeOptions, UsageError } from './edge-options';

const ROOT = join(import.meta.dirname, '..', '..');

const BOX_USAGE = `usage: galley box [--ready-timeout S] [--settle S] EDGE_OPTIONS…

Runs the edge (galley edge with the same options) under its supervisor: software updates
from central are staged by the edge, switched to here, and rolled back by themselves when
the new release is not healthy in time (edge/runtime/updates/README.md).

  --ready-timeout S  seconds a new release has to answer /healthz and reach central
                     env GALLEY_UPDATE_READY_TIMEOUT_S (${DEFAULT_SUPERVISOR_SETTINGS.readyTimeoutMs / 1000})
  --settle S         seconds it must then stay healthy before it is kept
                     env GALLEY_UPDATE_SETTLE_S (${DEFAULT_SUPERVISOR_SETTINGS.settleMs / 1000})

${EDGE_USAGE}`;

function seconds(value: string | undefined, fallbackMs: number, name: string): number {
  if (value === undefined || value === '') return fallbackMs;
  const s = Number(value);
  if (!Number.isFinite(s) || s < 0.1 || s > 3600)
    throw new UsageError(`${name} must be 0.1–3600 seconds, not "${value}"`);
  return Math.round(s * 1000);
}

/** Takes the box's own flags out of argv; the rest are the edge's. */
export function parseBoxOptions(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
): { settings: SupervisorSettings; edgeArgs: string[] } {
  const edgeArgs: string[] = [];
  let ready: string | undefined = env.GALLEY_UPDATE_READY_TIMEOUT_S;
  let settle: string | undefined = env.GALLEY_UPDATE_SETTLE_S;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
    if (flag === '--ready-timeout' || flag === '--settle') {
      const value = inline ?? argv[++i];
      if (flag === '--ready-timeout') ready = value;
      else settle = value;
    } else edgeArgs.push(arg);
  }
  return {
    settings: {
      ...DEFAULT_SUPERVISOR_SETTINGS,
      readyTimeoutMs: seconds(ready, DEFAULT_SUPERVISOR_SETTINGS.readyTimeoutMs, '--ready-timeout'),
      settleMs: seconds(settle, DEFAULT_SUPERVISOR_SETTINGS.settleMs, '--settle'),
    },
    edgeArgs,
  };
}

/** `galley box`: runs until SIGINT/SIGTERM, then stops the edge cleanly. */
export async function runBoxCommand(argv: string[], io: CommandIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout.write(BOX_USAGE);
    return 0;
  }
  let parsed: ReturnType<typeof parseBoxOptions>;
  let dataDir: string;
  try {
    parsed = parseBoxOptions(argv, process.env);
    dataDir = parseEdgeOptions(parsed.edgeArgs).dataDir;
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`galley box: ${err.message}\n\n${BOX_USAGE}`);
      return 2;
    }
    throw err;
  }
  const logger = createRootLogger('galley-box');
  const supervisor = new BoxSupervisor({
    dataDir,
    installedVersion: edgeVersion(),
    launch: {
      installedEntry: join(ROOT, 'bin', 'galley.js'),
      installRoot: ROOT,
      edgeArgs: parsed.edgeArgs,
      env: { ...DAEMON_ENVIRONMENT, ...process.env },
    },
    settings: parsed.settings,
    clock: systemClock,
    logger,
    out: io,
  });
  supervisor.start();
  await new Promise<void>((resolve) => {
    if (io.signal) io.signal.addEventListener('abort', () => resolve(), { once: true });
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
  logger.info('stopping');
  await supervisor.stop();
  return 0;
}
