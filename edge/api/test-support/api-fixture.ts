import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { StoreUser } from '../../../shared/config/users';
import type { SessionRole } from '../../../shared/roles';
import { hashSecret } from '../../../shared/secret-hash';
import { loadStoreConfig } from '../../config/load-store-config';
import { RejectionStats } from '../../ingest/rejection-stats';
import { EventBus } from '../../runtime/event-bus';
import { FakeClock } from '../../runtime/fake-clock';
import { silentLogger } from '../../runtime/logger';
import { MetricsRegistry } from '../../runtime/metrics';
import { type Database, openDatabase } from '../../store/database';
import { DeviceStatusStore } from '../../store/device-status-store';
import { ReadingsStore } from '../../store/readings-store';
import { SessionsStore } from '../../store/sessions-store';
import type { ApiDeps } from '../api-deps';
import { createApiServer } from '../server';

export const TEST_PIN = '2468';
const DEMO_CONFIG = fileURLToPath(new URL('../../../config/demo-store.yaml', import.meta.url));

let testUsers: StoreUser[] | undefined;
/** One user per role, all with TEST_PIN; scrypt is slow, so hashed once per test file. */
function usersForEveryRole(): StoreUser[] {
  if (testUsers) return testUsers;
  const pinHash = hashSecret(TEST_PIN, 'scrypt');
  testUsers = (['staff', 'technician', 'manager', 'admin'] as const).map((role) => ({
    id: `${role}-1`,
    name: `Test ${role}`,
    role,
    pinHash,
  }));
  return testUsers;
}

export interface ApiFixture {
  server: FastifyInstance;
  db: Database;
  dir: string;
  clock: FakeClock;
  config: StoreConfig;
  readings: ReadingsStore;
  deviceStatus: DeviceStatusStore;
  rejections: RejectionStats;
  sessions: SessionsStore;
  metrics: MetricsRegistry;
  /** A bearer token for `role` obtained through the API itself. */
  tokenFor(role: SessionRole): Promise<string>;
  close(): Promise<void>;
}

/** The real API over real stores on a fresh SQLite file in a temp dir, with a fake clock. */
export async function createApiFixture(overrides: Partial<ApiDeps> = {}): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  const db = openDatabase(dir);
  const clock = new FakeClock();
  const logger = silentLogger();
  const config: StoreConfig = { ...loadStoreConfig(DEMO_CONFIG), users: usersForEveryRole() };
  const readings = new ReadingsStore(db, config);
  const deviceStatus = new DeviceStatusStore(db);
  const rejections = new RejectionStats({ db, bus: new EventBus(), clock, logger });
  const sessions = new SessionsStore(db, clock);
  const metrics = new MetricsRegistry();
  const server = createApiServer({
    config,
    sessions,
    readings,
    deviceStatus,
    rejections,
    metrics,
    clock,
    logger,
    health: () => ({ db: db.open }),
    version: '9.9.9-test',
    ...overrides,
  });
  await server.ready();

  async function tokenFor(role: SessionRole): Promise<string> {
    const response =
      role === 'display'
        ? await server.inject({ method: 'POST', url: '/api/session/display' })
        : await server.inject({
            method: 'POST',
            url: '/api/session',
            payload: { user: `${role}-1`, pin: TEST_PIN },
          });
    if (response.statusCode !== 201) throw new Error(`login as ${role} failed: ${response.body}`);
    return (response.json() as { token: string }).token;
  }

  return {
    server,
    db,
    dir,
    clock,
    config,
    readings,
    deviceStatus,
    rejections,
    sessions,
    metrics,
    tokenFor,
    close: async () => {
      await server.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
