import { parseArgs } from 'node:util';
import { CentralError } from '../../cloud-sync/central/central-error';
import { CentralService, DEFAULT_CENTRAL_PORT, openCentral } from '../../cloud-sync/central/central-service';
import { CentralClusterEnvError, parseCentralClusterEnv } from '../../cloud-sync/central/cluster/cluster-env';
import { CentralRole } from '../../shared/central/api';
import { StoreLifecycleState } from '../../shared/central/store-lifecycle';
import type { CommandIo } from '../../shared/server/command-io';
import { containProcessFaults } from '../../shared/server/runtime/fault-containment';
import { createRootLogger } from '../../shared/server/runtime/logger';

export const CENTRAL_USAGE = `usage: galley central [--data DIR] [--port N] [--host ADDR]
       galley central store add STORE_ID --region REGION [--name NAME] [--state STATE] [--data DIR]
       galley central token issue STORE_ID [--json] [--data DIR]
       galley central token revoke TOKEN_ID [--data DIR]
       galley central token list STORE_ID [--json] [--data DIR]
       galley central user add USERNAME --role admin|regional_manager|technician
                               [--region REGION] [--store STORE_ID …] --password-stdin [--data DIR]

  --data DIR     SQLite database folder                 env GALLEY_DATA_DIR
  --port N       HTTP port, 0 = any free port           env GALLEY_CENTRAL_PORT (${DEFAULT_CENTRAL_PORT})
  --host ADDR    address to listen on                   env GALLEY_HOST (127.0.0.1)
  DATABASE_URL   when set, PostgreSQL instead of SQLite
  GALLEY_CENTRAL_ADMIN_PASSWORD  the admin's password on first start (else generated and printed once)
  GALLEY_WEBHOOK_LEASE_MS, GALLEY_DRAIN_DELAY_MS, GALLEY_TRUST_PROXY  behind a load balancer: docs/deployment.md
`;

class UsageError extends Error {}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      data: { type: 'string' },
      port: { type: 'string' },
      host: { type: 'string' },
      region: { type: 'string' },
      name: { type: 'string' },
      state: { type: 'string' },
      role: { type: 'string' },
      store: { type: 'string', multiple: true },
      'password-stdin': { type: 'boolean' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** `galley central …`: the service, or one admin action on its database. Returns the exit code. */
export async function runCentralCommand(
  argv: string[],
  io: CommandIo,
  stdin: NodeJS.ReadableStream = process.stdin,
): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.stderr.write(`galley central: ${(err as Error).message}\n${CENTRAL_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(CENTRAL_USAGE);
    return 0;
  }
  const dataDir = values.data ?? process.env.GALLEY_DATA_DIR;
  const databaseUrl = process.env.DATABASE_URL || undefined;
  if (!dataDir && !databaseUrl) {
    io.stderr.write(
      `galley central: --data DIR (or GALLEY_DATA_DIR, or DATABASE_URL) is required\n${CENTRAL_USAGE}`,
    );
    return 2;
  }
  try {
    if (positionals.length === 0) return await serve(values, dataDir ?? '.', databaseUrl, io);
    return await admin(positionals, values, { dataDir: dataDir ?? '.', databaseUrl }, io, stdin);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`galley central: ${err.message}\n${CENTRAL_USAGE}`);
      return 2;
    }
    if (err instanceof CentralError || err instanceof CentralClusterEnvError) {
      io.stderr.write(`galley central: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
}

function portOf(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_CENTRAL_PORT;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new UsageError(`--port must be 0–65535, not "${value}"`);
  return n;
}

async function serve(
  values: ReturnType<typeof parse>['values'],
  dataDir: string,
  databaseUrl: string | undefined,
  io: CommandIo,
): Promise<number> {
  const logger = createRootLogger('galley-central');
  const cluster = parseCentralClusterEnv(process.env);
  const service = new CentralService({
    ...(cluster.GALLEY_WEBHOOK_LEASE_MS
      ? { webhookOptions: { leaseMs: cluster.GALLEY_WEBHOOK_LEASE_MS } }
      : {}),
    ...(cluster.GALLEY_DRAIN_DELAY_MS !== undefined ? { drainDelayMs: cluster.GALLEY_DRAIN_DELAY_MS } : {}),
    ...(cluster.GALLEY_TRUST_PROXY ? { trustProxy: cluster.GALLEY_TRUST_PROXY } : {}),
    dataDir,
    databaseUrl,
    logger,
    port: portOf(values.port ?? process.env.GALLEY_CENTRAL_PORT),
    host: values.host ?? process.env.GALLEY_HOST ?? '127.0.0.1',
    adminPassword: process.env.GALLEY_CENTRAL_ADMIN_PASSWORD,
  });
  const { adminCreated } = await service.start();
  // Only once running: a failure to start must still end the process with an error.
  containProcessFaults(logger);
  if (adminCreated && !process.env.GALLEY_CENTRAL_ADMIN_PASSWORD) {
    io.stdout.write(`created user admin with password ${adminCreated.password} (shown once)\n`);
  }
  await new Promise<void>((resolve) => {
    const shutdown = (signal: string) => {
      logger.info({ ns: 'central', signal }, 'stopping');
      resolve();
    };
    process.once('SIGINT', shutdown);
    process.once('SIGTERM', shutdown);
  });
  // Readiness 503 first, then the port closes and the requests in flight finish.
  await service.drain();
  return 0;
}

async function admin(
  positionals: string[],
  values: ReturnType<typeof parse>['values'],
  where: { dataDir: string; databaseUrl: string | undefined },
  io: CommandIo,
  stdin: NodeJS.ReadableStream,
): Promise<number> {
  const [noun, verb, id, ...extra] = positionals;
  if (!id || extra.length > 0) throw new UsageError(`expected "${noun ?? ''} ${verb ?? ''} ID"`);
  const central = await openCentral({ ...where, logger: createRootLogger('galley-central', 'warn') });
  const print = (json: unknown, text: string) =>
    io.stdout.write(values.json ? `${JSON.stringify(json)}\n` : `${text}\n`);
  try {
    switch (`${noun} ${verb}`) {
      case 'store add': {
        if (!values.region) throw new UsageError('store add needs --region REGION');
        // The lifecycle state to start in (planned when not given); a store already trading: --state open.
        const state = values.state === undefined ? undefined : StoreLifecycleState.safeParse(values.state);
        if (state && !state.success)
          throw new UsageError(`--state must be one of: ${StoreLifecycleState.options.join(', ')}`);
        const store = await central.directory.addStore({
          id,
          regionId: values.region,
          name: values.name,
          ...(state ? { state: state.data } : {}),
        });
        print(store, `added store ${store.id} (${store.name}) in region ${store.regionId}`);
        return 0;
      }
      case 'token issue': {
        const issued = await central.tokens.issue(id);
        print(
          issued,
          `${issued.token}\n(token ${issued.tokenId} for store ${id}; shown once, keep it in the edge's sync settings)`,
        );
        return 0;
      }
      case 'token revoke': {
        const revoked = await central.tokens.revoke(id);
        print(revoked, `revoked token ${revoked.tokenId} of store ${revoked.storeId}`);
        return 0;
      }
      case 'token list': {
        const list = await central.tokens.list(id);
        print(
          list,
          list
            .map(
              (t) =>
                `${t.tokenId}  ${t.revokedAt === null ? 'active' : 'revoked'}  created ${new Date(t.createdAt).toISOString()}`,
            )
            .join('\n') || '(no tokens)',
        );
        return 0;
      }
      case 'user add': {
        const role = CentralRole.safeParse(values.role);
        if (!role.success) throw new UsageError('user add needs --role admin|regional_manager|technician');
        if (!values['password-stdin'])
          throw new UsageError('user add reads the password from stdin: --password-stdin');
        const password = (await readAll(stdin)).replace(/\r?\n$/, '');
        const user = await central.users.add({
          username: id,
          password,
          role: role.data,
          regionId: values.region,
          storeIds: values.store ?? [],
        });
        print(user, `added user ${user.username} (${user.role})`);
        return 0;
      }
      default:
        throw new UsageError(`unknown action "${noun} ${verb}"`);
    }
  } finally {
    await central.close();
  }
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  let text = '';
  for await (const chunk of stream)
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}
