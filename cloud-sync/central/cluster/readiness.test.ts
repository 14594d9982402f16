import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { CentralService } from '../central-service';
import {
  http,
  releaseSharedPostgres,
  sharedPostgres,
  startTestCentral,
  stopSharedPostgres,
} from '../testing/central-test-kit';
import { ADVISORY_LOCKS } from './advisory-lock';
import type { Readiness } from './readiness';

afterAll(releaseSharedPostgres, 60_000);

describe('central readiness and drain', () => {
  it('answers /readyz 503 while draining, still serves what reaches it, then closes the port', async () => {
    const central = await startTestCentral('sqlite', { drainDelayMs: 1_000 });
    try {
      expect(await http<Readiness>(`${central.url}/readyz`)).toEqual({
        status: 200,
        body: { ready: true, state: 'ready', database: 'ok' },
      });
      const draining = central.service.drain();
      const during = await http<Readiness>(`${central.url}/readyz`);
      expect(during).toEqual({
        status: 503,
        body: { ready: false, state: 'draining', database: 'ok', reason: 'central is draining' },
      });
      // Still alive, still serving what reaches it while the balancer takes it out.
      expect((await http(`${central.url}/healthz`)).status).toBe(200);
      central.clock.advance(1_000);
      await draining;
      await expect(fetch(`${central.url}/healthz`)).rejects.toThrow();
    } finally {
      await central.stop();
    }
  });

  it('holds its port with /readyz 503 `migrating` while another process holds the migration lock', async () => {
    const databaseUrl = await (await sharedPostgres()).createDatabase();
    const other = new pg.Client({ connectionString: databaseUrl });
    await other.connect();
    const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
    const port = await freePort();
    const service = new CentralService({
      dataDir,
      databaseUrl,
      clock: new FakeClock(),
      logger: silentLogger(),
      port,
      adminPassword: 'admin-password-1',
      webDir: join(dataDir, 'no-web'),
    });
    try {
      await other.query('select pg_advisory_lock($1)', [ADVISORY_LOCKS.migrations]);
      const starting = service.start();
      const url = `http://127.0.0.1:${port}`;
      let answer = await http<Readiness>(`${url}/readyz`).catch(() => undefined);
      for (let i = 0; i < 200 && answer?.status !== 503; i++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        answer = await http<Readiness>(`${url}/readyz`).catch(() => undefined);
      }
      expect(answer).toEqual({
        status: 503,
        body: {
          ready: false,
          state: 'migrating',
          database: 'ok',
          reason: 'central is migrating its database',
        },
      });
      expect((await http(`${url}/healthz`)).status).toBe(200);
      const sync = await fetch(`${url}/api/sync/batches`, { method: 'POST', body: '{}' });
      expect([sync.status, sync.headers.get('retry-after')]).toEqual([503, '5']);

      await other.query('select pg_advisory_unlock($1)', [ADVISORY_LOCKS.migrations]);
      await starting;
      expect(service.port).toBe(port);
      expect((await http<Readiness>(`${url}/readyz`)).status).toBe(200);
    } finally {
      await service.stop();
      await other.end();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('answers /readyz 503 while its PostgreSQL does not answer, /healthz still 200', async () => {
    const central = await startTestCentral('postgres');
    try {
      expect((await http<Readiness>(`${central.url}/readyz`)).status).toBe(200);
      await stopSharedPostgres();
      expect(await http<Readiness>(`${central.url}/readyz`)).toEqual({
        status: 503,
        body: {
          ready: false,
          state: 'ready',
          database: 'unreachable',
          reason: 'the database does not answer',
        },
      });
      expect((await http(`${central.url}/healthz`)).status).toBe(200);
    } finally {
      await central.stop();
    }
  });
});

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
