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
  '  link makes a one-time pairing link (good once, for 24 h): open URL#pair=… on the screen to pair.\n' +
  '  Anyone with the data directory may do this, as with `galley device add`; on the screen itself a\n' +
  '  manager confirms the code it shows instead. --data defaults to $GALLEY_DATA_DIR.\n';

/** `galley display …`: pairs, lists and revokes kitchen displays from the box itself. Returns the exit code. */
export async function runDisplayCommand(argv: string[], io: CommandIo): Promise<number> {
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
