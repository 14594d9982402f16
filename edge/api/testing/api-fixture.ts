import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { StoreConfig } from '../../../shared/config/store-config';
import type { StoreUser } from '../../../shared/config/users';
import { Role, type SessionRole } from '../../../shared/roles';
import { loadStoreConfig } from '../../../shared/server/config/load-store-config';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { MetricsRegistry } from '../../../shared/server/runtime/metrics';
import { hashSecret } from '../../../shared/server/secret-hash';
import { DisplayCredentials } from '../../domains/displays/display-credentials';
import { RejectionStats } from '../../ingest/rejection-stats';
import { EventBus } from '../../runtime/event-bus';
import { AccessAuditStore } from '../../store/access-audit-store';
import { type Database, openDatabase } from '../../store/database';
import { DeviceStatusStore } from '../../store/device-status-store';
import { ReadingsStore } from '../../store/readings-store';
import { SessionsStore } from '../../store/sessions-store';
import type { ApiDeps } from '../api-deps';
import { PinGate } from '../pin-gate';
import { createApiServer } from '../server';

export const TEST_PIN = '2468';
const DEMO_CONFIG = fileURLToPath(new URL('../../../config/demo-store.yaml', import.meta.url));

let testUsers: StoreUser[] | undefined;
/** One user per role, all with TEST_PIN; scrypt is slow, so hashed once per test file. */
function usersForEveryRole(): StoreUser[] {
  if (testUsers) return testUsers;
  const pinHash = hashSecret(TEST_PIN, 'scrypt');
  testUsers = Role.options.map((role) => ({
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
  /** Paired kitchen displays (their credential is the `display` role's token). */
  displays: DisplayCredentials;
  /** The PIN check the login route uses; routes that take a PIN share it. */
  pinGate: PinGate;
  /** Refused actions, as the edge writes them down. */
  audit: AccessAuditStore;
  /** A bearer token for `role` obtained through the API itself. */
  tokenFor(role: SessionRole): Promise<string>;
  close(): Promise<void>;
}

/** What routes that take a PIN need from the fixture, to count with its logins. */
export interface FixtureKit {
  pinGate: PinGate;
  displays: DisplayCredentials;
  clock: FakeClock;
  metrics: MetricsRegistry;
}

export interface FixtureOptions {
  /** People the PIN gate knows besides one user per role (e.g. those of a test's own store). */
  extraUsers?: readonly StoreUser[];
}

/**
 * The real API over real stores on a fresh SQLite file in a temp dir, with a fake clock.
 * `overrides` may be a function of the fixture's PIN gate, for routes that check PINs.
 */
export async function createApiFixture(
  overrides: Partial<ApiDeps> | ((kit: FixtureKit) => Partial<ApiDeps>) = {},
  options: FixtureOptions = {},
): Promise<ApiFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'galley-'));
  const db = openDatabase(dir);
  const clock = new FakeClock();
  const logger = silentLogger();
  const config: StoreConfig = { ...loadStoreConfig(DEMO_CONFIG), users: usersForEveryRole() };
  const readings = new ReadingsStore(db, config);
  const deviceStatus = new DeviceStatusStore(db);
  const rejections = new RejectionStats({ db, bus: new EventBus(), clock, logger });
  const sessions = new SessionsStore(db, clock);
  const audit = new AccessAuditStore(db, clock);
  const displays = new DisplayCredentials({ db, clock });
  const metrics = new MetricsRegistry();
  const people = [...config.users, ...(options.extraUsers ?? [])];
  const pinGate = new PinGate({
    findUser: (id) => people.find((u) => u.id === id),
    clock,
    metrics,
    logger,
  });
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
    pinGate,
    displays,
    audit,
    ...(typeof overrides === 'function' ? overrides({ pinGate, displays, clock, metrics }) : overrides),
  });
  await server.ready();

  async function tokenFor(role: SessionRole): Promise<string> {
    // The display's token is a paired display's credential (made here as a manager's confirmation would).
    if (role === 'display') return displays.pair('Test display', 'manager-1').credential;
    const response = await server.inject({
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
    audit,
    metrics,
    displays,
    pinGate,
    tokenFor,
    close: async () => {
      await server.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
