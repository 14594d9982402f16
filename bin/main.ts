import type { CommandIo } from '../shared/server/command-io';

type Command = (argv: string[], io: CommandIo) => Promise<number>;

/**
 * Every subcommand is its own process entry point. Loaded lazily so `galley device`
 * does not pay for starting the broker's dependencies, and so the launcher can
 * dispatch to other processes (simulator, central) without the edge importing them.
 */
const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  edge: {
    summary: 'run the edge daemon (broker, ingest, API, display); `edge restore` a new box from central',
    load: async () => (await import('./commands/edge-command')).runEdgeCommand,
  },
  device: {
    summary: 'provision equipment credentials: add | rotate | revoke | list',
    load: async () => (await import('./commands/device-command')).runDeviceCommand,
  },
  'claim-key': {
    summary: 'device claim at commissioning: issue (prints the store claim key once) | revoke | list',
    load: async () => (await import('./commands/claim-key-command')).runClaimKeyCommand,
  },
  display: {
    summary: 'kitchen displays: link (one-time pairing link) | list | revoke | kiosk',
    load: async () => (await import('./commands/display-command')).runDisplayCommand,
  },
  demo: {
    summary:
      'the whole demo: edge + simulated store + display, local central with its regional page and three small stores; data under ./data',
    load: async () => (await import('./commands/demo-command')).runDemoCommand,
  },
  central: {
    summary:
      'the central service for regional operations, and its admin actions (see `galley central --help`)',
    load: async () => (await import('./commands/central-command')).runCentralCommand,
  },
  sim: {
    summary: 'simulated kitchen equipment (see `galley sim --help`)',
    load: async () => (await import('../firmware-sim/cli')).runSimCommand,
  },
  tls: {
    summary: 'the store certificate authority for TLS on the store LAN: init | show-root | rotate-server',
    load: async () => (await import('./commands/tls-command')).runTlsCommand,
  },
  orders: {
    summary: 'POS orders: import-toast DIR (a Toast nightly export, for backfill)',
    load: async () => (await import('./commands/orders-command')).runOrdersCommand,
  },
  store: {
    summary:
      'closing a store: close (final sync, revoke, archive to central, closed) [--wipe] | wipe --data DIR',
    load: async () => (await import('./commands/store-command')).runStoreCommand,
  },
  'food-safety': {
    summary: 'food-safety records: verify --data DIR (the hash chain; names the first altered record)',
    load: async () => (await import('./commands/food-safety-command')).runFoodSafetyCommand,
  },
  equipment: {
    summary:
      'commissioning: import SHEET.csv|.xlsx --config FILE (every row checked; all or nothing); ' +
      'export-history | import-history (a unit that moves takes its asset history)',
    load: async () => (await import('./commands/equipment-command')).runEquipmentCommand,
  },
  release: {
    summary: 'edge software releases: pack --version X --out FILE (bundle + manifest, to upload to central)',
    load: async () => (await import('./commands/release-command')).runReleaseCommand,
  },
  box: {
    summary: 'the store box: runs the edge under its supervisor, switching releases and rolling back',
    load: async () => (await import('./commands/box-command')).runBoxCommand,
  },
  'hash-secret': {
    summary: 'print the salted hash of a PIN or integration secret for the store config',
    load: async () => (await import('./commands/hash-secret-command')).runHashSecretCommand,
  },
  'config-check': {
    summary: 'validate a store config file and list every problem',
    load: async () => (await import('./commands/config-commands')).runConfigCheckCommand,
  },
  'config-schema': {
    summary: 'print the JSON Schema of the store config (for editors)',
    load: async () => (await import('./commands/config-commands')).runConfigSchemaCommand,
  },
  bench: {
    summary: 'run the benchmarks and print figures',
    load: async () => (await import('../test/bench/run-benchmarks')).runBenchmarks,
  },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((c) => c.length));
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `usage: galley <command> [options]\n\ncommands:\n${lines.join('\n')}\n`;
}

export async function main(argv: string[], io: CommandIo = process): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`galley: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (err) {
    // A mistyped option is the user's to fix: say which and where the options are, no stack.
    if (isUsageError(err)) {
      io.stderr.write(`galley ${name}: ${err.message}\nRun "galley ${name} --help" for the options.\n`);
      return 2;
    }
    throw err;
  }
}

function isUsageError(err: unknown): err is Error {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}
