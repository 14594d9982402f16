import { execFile, spawn } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);
export const POSTGRES_BIN = process.env.GALLEY_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/**
 * A throw-away PostgreSQL server for tests: its own data directory and socket
 * directory in a temp dir, trust auth, listening on 127.0.0.1 on a free port.
 * `createDatabase()` hands each test a fresh database; `stop()` shuts the server
 * down and deletes everything.
 */
export interface TestPostgres {
  readonly port: number;
  /** A new, empty database; returns its connection string. */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
  /**
   * Stops the server at once and removes its files, synchronously: for a process that is
   * exiting (an 'exit' handler cannot wait). Immediate shutdown, as `stop` does.
   */
  stopNow(): void;
}

export async function startTestPostgres(): Promise<TestPostgres> {
  for (const tool of ['initdb', 'pg_ctl']) {
    if (!existsSync(join(POSTGRES_BIN, tool))) {
      throw new Error(
        `PostgreSQL 15 is needed for the central PostgreSQL tests but ${join(POSTGRES_BIN, tool)} is missing: ` +
          'install the Debian package `postgresql` (apt-get install -y --no-install-recommends postgresql)',
      );
    }
  }
  const root = mkdtempSync(join(tmpdir(), 'galley-pg-'));
  const dataDir = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  // initdb refuses to run as root; the server then runs as `postgres`, which must own the folder.
  if (asRoot) chownSync(root, ...(await postgresIds()));
  const pgRun = (tool: string, args: string[]) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(POSTGRES_BIN, tool), ...args])
      : run(join(POSTGRES_BIN, tool), args);

  const port = await freePort();
  let started = false;
  try {
    await pgRun('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
    await pgRun('pg_ctl', [
      '-D',
      dataDir,
      '-l',
      join(root, 'server.log'),
      '-w',
      '-t',
      '30',
      '-o',
      `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300`,
      'start',
    ]);
    started = true;
  } catch (err) {
    if (!started) rmSync(root, { recursive: true, force: true });
    throw new Error(`could not start the test PostgreSQL: ${(err as Error).message}`, { cause: err });
  }

  const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let databases = 0;
  return {
    port,
    async createDatabase() {
      const name = `galley_${process.pid}_${++databases}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    async stop() {
      try {
        await pgRun('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
    stopNow() {
      let pid = 0;
      try {
        // The postmaster's pid is the first line of postmaster.pid; SIGQUIT is the immediate shutdown.
        pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
        if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGQUIT');
      } catch {
        // Already stopped (no pid file, or no such process): only the files are left to remove.
      }
      // The server writes while it shuts down, and this process is about to be killed: a
      // detached shell waits for the server to be gone (at most 10 s) and removes its files.
      spawn(
        'sh',
        [
          '-c',
          'for i in $(seq 100); do [ "$1" -gt 0 ] && kill -0 "$1" 2>/dev/null || break; sleep 0.1; done; rm -rf "$2"',
          'sh',
          String(pid),
          root,
        ],
        { detached: true, stdio: 'ignore' },
      ).unref();
    },
  };
}

async function postgresIds(): Promise<[number, number]> {
  const { stdout: uid } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  return [Number(uid.trim()), Number(gid.trim())];
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
