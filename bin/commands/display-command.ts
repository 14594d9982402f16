import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DisplayCredentials } from '../../edge/domains/displays/display-credentials';
import { openDatabase } from '../../edge/store/database';
import { DisplayId } from '../../shared/api/displays';
import type { CommandIo } from '../../shared/server/command-io';
import { systemClock } from '../../shared/server/runtime/clock';

const USAGE =
  'usage: galley display link --data DIR [--name NAME] [--url URL] [--json]\n' +
  '       galley display list --data DIR [--json]\n' +
  '       galley display revoke DISPLAY_ID --data DIR\n' +
  '       galley display kiosk [--url URL] [--windowed] [--dry-run] [--no-sandbox]   (npm run kiosk)\n' +
  '  link makes a one-time pairing link (good once, for 24 h): open URL#pair=… on the screen to pair.\n' +
  '  Anyone with the data directory may do this, as with `galley device add`; on the screen itself a\n' +
  '  manager confirms the code it shows instead. --data defaults to $GALLEY_DATA_DIR.\n' +
  '  kiosk opens the display full-screen on this machine (Electron, else Chromium); it first checks\n' +
  '  there is a screen to open it on and says what to do when there is not.\n';

/** `galley display …`: pairs, lists and revokes kitchen displays from the box itself. Returns the exit code. */
export async function runDisplayCommand(argv: string[], io: CommandIo): Promise<number> {
  if (argv[0] === 'kiosk') return runKiosk(argv.slice(1), io);
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.stderr.write(`galley display: ${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  const [action, id, ...extra] = positionals;
  const dataDir = values.data ?? process.env.GALLEY_DATA_DIR;
  const wantsId = action === 'revoke';
  const known = action === 'link' || action === 'list' || action === 'revoke';
  if (!known || extra.length > 0 || (wantsId ? id === undefined : id !== undefined)) {
    io.stderr.write(USAGE);
    return 2;
  }
  if (!dataDir) {
    io.stderr.write(`galley display: --data DIR is required\n${USAGE}`);
    return 2;
  }
  if (wantsId && !DisplayId.safeParse(id).success) {
    io.stderr.write(`galley display: "${id}" is not a display id (16 hex digits; see galley display list)\n`);
    return 2;
  }
  const name = (values.name ?? 'Kitchen display').trim();
  if (name.length === 0 || name.length > 64) {
    io.stderr.write('galley display: --name takes 1 to 64 characters\n');
    return 2;
  }
  const db = openDatabase(dataDir);
  try {
    const displays = new DisplayCredentials({ db, clock: systemClock });
    switch (action) {
      case 'link': {
        const { ticket, display } = displays.issueTicket(name, 'box');
        const fragment = `#pair=${encodeURIComponent(ticket)}`;
        const url = values.url ? `${values.url.replace(/\/?$/, '/')}${fragment}` : fragment;
        io.stdout.write(
          values.json ? `${JSON.stringify({ displayId: display.id, ticket, url })}\n` : `${url}\n`,
        );
        return 0;
      }
      case 'list': {
        const all = displays.list();
        if (values.json) io.stdout.write(`${JSON.stringify(all)}\n`);
        else
          for (const d of all)
            io.stdout.write(`${d.id}  ${d.state.padEnd(15)} ${d.name} (paired by ${d.pairedBy})\n`);
        return 0;
      }
      default: {
        if (!displays.revoke(id ?? '')) {
          io.stderr.write(`galley display: no display ${id}\n`);
          return 1;
        }
        io.stdout.write(`display ${id} revoked\n`);
        return 0;
      }
    }
  } finally {
    db.close();
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      name: { type: 'string' },
      url: { type: 'string' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** What the kiosk check needs to know about this machine. */
export interface KioskHost {
  env: Record<string, string | undefined>;
  /** undefined where there are no user ids (Windows) */
  uid: number | undefined;
  platform: NodeJS.Platform;
  argv: readonly string[];
}

/**
 * Why the kiosk cannot start here, in words a store technician can act on, instead
 * of Chromium's or Electron's own start-up error: no graphical session, or root
 * without `--no-sandbox` (both browsers refuse to run as root with their sandbox).
 * Empty when it can start.
 */
export function kioskProblems(host: KioskHost): string[] {
  const problems: string[] = [];
  const graphical = host.platform !== 'linux' || Boolean(host.env.DISPLAY || host.env.WAYLAND_DISPLAY);
  if (!graphical) {
    problems.push(
      'no screen to open the kiosk on: neither DISPLAY nor WAYLAND_DISPLAY is set (an SSH login, a ' +
        'container or a service without a desktop). Run it in the graphical session of the screen ' +
        "itself (the kiosk user's autologin desktop), or from a shell of that same user with " +
        '`DISPLAY=:0 npm run kiosk`; to try it on a machine without a screen: `xvfb-run -a npm run kiosk -- --windowed`.',
    );
  }
  if (host.uid === 0 && !host.argv.includes('--no-sandbox')) {
    problems.push(
      'running as root: Chromium and Electron refuse to start as root with their sandbox on. ' +
        'Run the kiosk as an ordinary user (the kiosk user of the box), or, on a box that does ' +
        'nothing but show the display, `npm run kiosk -- --no-sandbox`.',
    );
  }
  return problems;
}

const KIOSK_LAUNCHER = fileURLToPath(new URL('../../display/electron/launch-kiosk.ts', import.meta.url));

/** `galley display kiosk`: the check above, then the kiosk launcher (Electron, else Chromium). */
async function runKiosk(argv: string[], io: CommandIo): Promise<number> {
  const problems = kioskProblems({
    env: process.env,
    uid: process.getuid?.(),
    platform: process.platform,
    argv,
  });
  const dryRun = argv.includes('--dry-run');
  if (problems.length > 0) {
    const out = dryRun ? io.stdout : io.stderr;
    out.write(`kiosk: ${dryRun ? 'would not start here' : 'cannot start here'}:\n`);
    for (const problem of problems) out.write(`  - ${problem}\n`);
    if (!dryRun) return 1;
  }
  const child = spawn(process.execPath, ['--import', 'tsx', KIOSK_LAUNCHER, ...argv], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => () => child.kill(signal);
  const onInt = forward('SIGINT');
  const onTerm = forward('SIGTERM');
  process.on('SIGINT', onInt);
  process.on('SIGTERM', onTerm);
  return new Promise((resolve) => {
    const done = (code: number) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code);
    };
    child.once('error', (err) => {
      io.stderr.write(`kiosk: ${err.message}\n`);
      done(1);
    });
    child.once('exit', (code) => done(code ?? 1));
  });
}
