import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import pg from 'pg';
import type { AlarmView } from '../../../shared/api/alarms';
import type { TicketView } from '../../../shared/api/tickets';
import { FakeClock } from '../../../shared/server/runtime/fake-clock';
import { silentLogger } from '../../../shared/server/runtime/logger';
import { startTestPostgres, type TestPostgres } from '../../../shared/server/testing/postgres';
import { SYNC_ROUTES, type SyncBatch, type SyncEvent } from '../../../shared/sync/sync-protocol';
import { CentralService, type CentralServiceOptions } from '../central-service';

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: Backend[] = ['sqlite', 'postgres'];
export const ADMIN_PASSWORD = 'admin-password-1';

/** One throw-away PostgreSQL per test file, started on first use. */
let postgres: Promise<TestPostgres> | undefined;
export function sharedPostgres(): Promise<TestPostgres> {
  if (!postgres) {
    const starting = startTestPostgres();
    postgres = starting;
    starting.then(stopWithProcess, () => {
      if (postgres === starting) postgres = undefined;
    });
  }
  return postgres;
}

/** Stops the shared server now (a test of PostgreSQL going away); the next caller starts another. */
export async function stopSharedPostgres(): Promise<void> {
  const started = postgres;
  postgres = undefined;
  if (started) await (await started).stop();
}

/**
 * After a test file: the server outlives the file, so the next file this worker process runs
 * (unit test files share their processes) does not start one again, which cost 2–3 s a file.
 * The file's connections are ended, so none it left open counts against the next file.
 */
export async function releaseSharedPostgres(): Promise<void> {
  const started = postgres;
  if (!started) return;
  const server = await started.catch(() => undefined);
  if (!server) return;
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${server.port}/postgres` });
  await admin.connect();
  try {
    await admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where backend_type = 'client backend' and pid <> pg_backend_pid()`,
    );
  } finally {
    await admin.end();
  }
}

/**
 * The shared server stops with its process: at exit, and on the SIGTERM with which the test
 * runner ends its worker processes (an exiting process cannot wait, hence the synchronous stop).
 */
function stopWithProcess(server: TestPostgres): void {
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    // Harmless after stopSharedPostgres: its files, pid file included, are gone by then.
    server.stopNow();
  };
  process.once('exit', stop);
  process.once('SIGTERM', () => {
    stop();
    process.exit(143);
  });
}

export interface TestCentral {
  service: CentralService;
  clock: FakeClock;
  url: string;
  dataDir: string;
  databaseUrl: string | undefined;
  stop(): Promise<void>;
  /** A new service on the same database (restart). */
  restart(): Promise<void>;
}

export async function startTestCentral(
  backend: Backend,
  options: Partial<CentralServiceOptions> = {},
): Promise<TestCentral> {
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-'));
  const databaseUrl = backend === 'postgres' ? await (await sharedPostgres()).createDatabase() : undefined;
  const clock = new FakeClock();
  const make = () =>
    new CentralService({
      dataDir,
      databaseUrl,
      clock,
      logger: silentLogger(),
      port: 0,
      adminPassword: ADMIN_PASSWORD,
      webDir: join(dataDir, 'no-web'),
      ...options,
    });
  const kit: TestCentral = {
    service: make(),
    clock,
    url: '',
    dataDir,
    databaseUrl,
    async stop() {
      await kit.service.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
    async restart() {
      await kit.service.stop();
      kit.service = make();
      await kit.service.start();
      kit.url = kit.service.url;
    },
  };
  await kit.service.start();
  kit.url = kit.service.url;
  return kit;
}

export interface HttpAnswer<T = unknown> {
  status: number;
  body: T;
}

export async function http<T = unknown>(
  url: string,
  init: { method?: string; token?: string; body?: unknown; gzip?: boolean } = {},
): Promise<HttpAnswer<T>> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  let body: string | Blob | undefined;
  if (init.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(init.body);
    if (init.gzip) {
      body = new Blob([new Uint8Array(gzipSync(body))]);
      headers['content-encoding'] = 'gzip';
    }
  }
  const response = await fetch(url, { method: init.method ?? (body ? 'POST' : 'GET'), headers, body });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

export async function login(url: string, username: string, password: string): Promise<string> {
  const answer = await http<{ token: string }>(`${url}/api/session`, { body: { username, password } });
  if (answer.status !== 201)
    throw new Error(`login ${username} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body.token;
}

export function postBatch(url: string, token: string, batch: SyncBatch, gzip = false) {
  return http<{ inserted: number; duplicates: number; highestSeq: number }>(`${url}${SYNC_ROUTES.batches}`, {
    token,
    body: batch,
    gzip,
  });
}

export function alarmView(overrides: Partial<AlarmView> = {}): AlarmView {
  return {
    id: 1,
    equipmentId: 'walkin-1',
    rule: 'too_warm',
    ruleKind: 'threshold',
    severity: 'critical',
    state: 'active_unacked',
    title: { en: 'Walk-in too warm', 'zh-CN': '冷库温度过高' },
    hint: null,
    raisedAt: Date.UTC(2026, 0, 5, 8),
    conditionSince: Date.UTC(2026, 0, 5, 8),
    hazard: 'equipment',
    worsening: false,
    raisedValue: 9.5,
    lastValue: 9.5,
    clearedAt: null,
    ackedAt: null,
    ackedBy: null,
    raiseCount: 1,
    notifyCount: 0,
    lastNotifiedAt: Date.UTC(2026, 0, 5, 8),
    escalation: 'none',
    updatedAt: Date.UTC(2026, 0, 5, 8),
    ...overrides,
  };
}

export function ticketView(overrides: Partial<TicketView> = {}): TicketView {
  return {
    id: 1,
    equipmentId: 'walkin-1',
    source: 'auto',
    fault: 'too_warm',
    category: null,
    title: { en: 'Walk-in too warm', 'zh-CN': '冷库温度过高' },
    severity: 'critical',
    status: 'open',
    note: null,
    openedAt: Date.UTC(2026, 0, 5, 7),
    openedBy: 'system',
    acknowledgedAt: null,
    acknowledgedBy: null,
    assignedTo: null,
    assignedAt: null,
    startedAt: null,
    resolvedAt: null,
    resolvedBy: null,
    resolutionCode: null,
    parts: [],
    resolutionNotes: null,
    verifiedAt: null,
    verifiedBy: null,
    closedAt: null,
    closedBy: null,
    reopenCount: 0,
    repeat: false,
    previousTicketId: null,
    alarmIds: [1],
    snapshot: null,
    updatedAt: Date.UTC(2026, 0, 5, 7),
    ...overrides,
  };
}

export function event(
  seq: number,
  type: string,
  entityId: string | number,
  payload: object,
  ts?: number,
): SyncEvent {
  return {
    seq,
    ts: ts ?? Date.UTC(2026, 0, 5, 8) + seq,
    type,
    entityId: String(entityId),
    payload: payload as Record<string, unknown>,
  };
}

export function batchOf(storeId: string, events: SyncEvent[], dropped?: number): SyncBatch {
  return {
    storeId,
    sentAt: Date.UTC(2026, 0, 5, 8),
    events,
    ...(dropped === undefined ? {} : { dropped: { rollups: dropped } }),
  };
}
