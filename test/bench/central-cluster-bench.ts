import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { batchOf, event, http, login, postBatch } from '../../cloud-sync/central/testing/central-test-kit';
import type { TestPostgres } from '../../shared/server/testing/postgres';
import {
  type CentralProcess,
  CLUSTER_ADMIN_PASSWORD,
  startCentralProcess,
} from '../testing/central-cluster-kit';

/** The sync rate the figures are stated at: each store sends one batch of this many events this often. */
export interface SyncRate {
  eventsPerBatch: number;
  intervalMs: number;
}

export const BENCH_SYNC_RATE: SyncRate = { eventsPerBatch: 20, intervalMs: 5_000 };

export interface ClusterBenchFigure {
  processes: number;
  stores: number;
  rate: SyncRate;
  measuredSeconds: number;
  events: number;
  failedPosts: number;
  centralCpuMsPerEvent: number;
  postgresCpuMsPerEvent: number;
  ackP99Ms: number;
}

const CLOCK_TICKS_PER_S = 100;

/**
 * `processes` central processes on one PostgreSQL; `stores` stores post their batches at
 * `rate`, spread over the interval and over the processes (as a round-robin balancer
 * would). After a warm-up the CPU time of the central processes and of every PostgreSQL
 * process (postmaster and backends, from /proc) is read over the measured window and
 * divided by the events acknowledged in it. The posting clients run in this process and
 * are not counted.
 */
export async function benchCentralCluster(
  postgres: TestPostgres,
  options: { processes: number; stores: number; rate?: SyncRate; warmupMs?: number; measureMs?: number },
): Promise<ClusterBenchFigure> {
  const rate = options.rate ?? BENCH_SYNC_RATE;
  const databaseUrl = await postgres.createDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'galley-cluster-bench-'));
  const processes: CentralProcess[] = [];
  const client = new pg.Client({ connectionString: databaseUrl });
  try {
    processes.push(
      ...(await Promise.all(
        Array.from({ length: options.processes }, () =>
          startCentralProcess({ databaseUrl, dataDir, port: 0 }),
        ),
      )),
    );
    await client.connect();
    const first = processes[0] as CentralProcess;
    const admin = await login(first.url, 'admin', CLUSTER_ADMIN_PASSWORD);
    const tokens: [string, string][] = [];
    for (let i = 0; i < options.stores; i++) {
      const id = `b-${String(i).padStart(5, '0')}`;
      await http(`${first.url}/api/admin/stores`, { token: admin, body: { id, regionId: `r-${i % 20}` } });
      const issued = await http<{ token: string }>(`${first.url}/api/admin/stores/${id}/tokens`, {
        token: admin,
        method: 'POST',
      });
      tokens.push([id, issued.body.token]);
    }
    const load = startLoad(processes, tokens, rate);
    await sleep(options.warmupMs ?? 5_000);
    const postgresPids = await postgresProcessIds(client);
    const centralPids = processes.map((p) => p.pid);
    const cpuBefore = { central: cpuMs(centralPids), postgres: cpuMs(postgresPids) };
    const ackedBefore = load.ackedEvents();
    const latenciesFrom = load.latencies.length;
    const startedAt = Date.now();
    await sleep(options.measureMs ?? 20_000);
    const events = load.ackedEvents() - ackedBefore;
    const measuredSeconds = (Date.now() - startedAt) / 1000;
    const central = cpuMs(centralPids) - cpuBefore.central;
    const postgresCpu = cpuMs(postgresPids) - cpuBefore.postgres;
    const latencies = load.latencies.slice(latenciesFrom).sort((a, b) => a - b);
    await load.stop();
    return {
      processes: options.processes,
      stores: options.stores,
      rate,
      measuredSeconds,
      events,
      failedPosts: load.failedPosts(),
      centralCpuMsPerEvent: events > 0 ? central / events : Number.NaN,
      postgresCpuMsPerEvent: events > 0 ? postgresCpu / events : Number.NaN,
      ackP99Ms:
        latencies[Math.min(latencies.length - 1, Math.ceil(latencies.length * 0.99) - 1)] ?? Number.NaN,
    };
  } finally {
    await client.end();
    await Promise.all(processes.map((p) => p.kill('SIGTERM')));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function startLoad(processes: CentralProcess[], tokens: [string, string][], rate: SyncRate) {
  let stopped = false;
  let acked = 0;
  let failed = 0;
  let turn = 0;
  const latencies: number[] = [];
  const store = async (storeId: string, token: string, offsetMs: number) => {
    await sleep(offsetMs);
    let seq = 1;
    let minute = Date.UTC(2026, 0, 5, 8);
    while (!stopped) {
      const due = Date.now() + rate.intervalMs;
      const events = Array.from({ length: rate.eventsPerBatch }, (_, i) => {
        const equipmentId = `unit-${i % 5}`;
        minute += 60_000;
        return event(seq + i, 'rollup.minute', equipmentId, {
          equipmentId,
          minuteTs: minute,
          metrics: { temp_c: { min: 2.5, max: 3.5, avg: 3, count: 6 } },
        });
      });
      const target = processes[turn++ % processes.length] as CentralProcess;
      const sent = Date.now();
      const answer = await postBatch(target.url, token, batchOf(storeId, events)).catch(() => undefined);
      if (answer && answer.status >= 200 && answer.status < 300) {
        latencies.push(Date.now() - sent);
        acked += events.length;
        seq += events.length;
      } else failed++;
      await sleep(Math.max(0, due - Date.now()));
    }
  };
  const running = tokens.map(([id, token], i) => store(id, token, (i * rate.intervalMs) / tokens.length));
  return {
    latencies,
    ackedEvents: () => acked,
    failedPosts: () => failed,
    stop: async () => {
      stopped = true;
      await Promise.all(running);
    },
  };
}

/** The postmaster (parent of any backend) and all its children: backends, WAL writer, checkpointer. */
async function postgresProcessIds(client: pg.Client): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
  const backend = rows[0]?.pid;
  if (backend === undefined) throw new Error('no backend pid');
  const postmaster = statFields(backend)?.ppid;
  if (postmaster === undefined) throw new Error(`cannot read /proc/${backend}/stat`);
  const children = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => statFields(pid)?.ppid === postmaster);
  return [postmaster, ...children];
}

function cpuMs(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    const fields = statFields(pid);
    if (fields) ticks += fields.utime + fields.stime;
  }
  return (ticks * 1000) / CLOCK_TICKS_PER_S;
}

/** Fields of /proc/PID/stat after the command name (which may hold spaces); undefined once the process is gone. */
function statFields(pid: number): { ppid: number; utime: number; stime: number } | undefined {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    // The process ended between listing and reading: it has no CPU left to count.
    return undefined;
  }
  const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
  // After ")": state(3) ppid(4) … utime(14) stime(15), so index = field − 3.
  return { ppid: Number(rest[1]), utime: Number(rest[11]), stime: Number(rest[12]) };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export function clusterBenchRow(f: ClusterBenchFigure): string {
  return (
    `central-cluster processes=${f.processes} stores=${f.stores} ` +
    `rate=${f.rate.eventsPerBatch}ev/${f.rate.intervalMs / 1000}s events=${f.events} in ${f.measuredSeconds.toFixed(1)} s ` +
    `central_cpu_ms_per_event=${f.centralCpuMsPerEvent.toFixed(3)} postgres_cpu_ms_per_event=${f.postgresCpuMsPerEvent.toFixed(3)} ` +
    `ack_p99_ms=${f.ackP99Ms} failed_posts=${f.failedPosts}`
  );
}

/**
 * Stores one core can carry at the stated rate, from the measured CPU per event, and what
 * that makes of a three-process deployment. Extrapolated: it assumes cost per event stays
 * flat with more stores, which the measured sizes only support up to the largest run.
 */
export function capacityModel(figures: ClusterBenchFigure[], rate: SyncRate = BENCH_SYNC_RATE): string {
  const eventsPerStorePerS = rate.eventsPerBatch / (rate.intervalMs / 1000);
  const worst = (pick: (f: ClusterBenchFigure) => number) =>
    Math.max(...figures.map(pick).filter((v) => Number.isFinite(v)));
  const centralMs = worst((f) => f.centralCpuMsPerEvent);
  const postgresMs = worst((f) => f.postgresCpuMsPerEvent);
  const perCentralCore = Math.floor(1000 / (centralMs * eventsPerStorePerS));
  const perPostgresCore = Math.floor(1000 / (postgresMs * eventsPerStorePerS));
  const largest = Math.max(...figures.map((f) => f.stores));
  return [
    `capacity model (EXTRAPOLATED from the measured runs above, largest measured: ${largest} stores; ` +
      `rate ${eventsPerStorePerS} events/s per store; worst CPU per event of the runs):`,
    `  stores per central process core ≈ ${perCentralCore}; stores per PostgreSQL core ≈ ${perPostgresCore}`,
    `  three central processes (one core each) ≈ ${3 * perCentralCore} stores; ` +
      `PostgreSQL cores for 10 000 stores ≈ ${(10_000 / perPostgresCore).toFixed(1)}; ` +
      `central cores for 10 000 stores ≈ ${(10_000 / perCentralCore).toFixed(1)}`,
    '  stops scaling where PostgreSQL (one primary, all writes) runs out of cores or of fsyncs per second; ' +
      'more central processes do not help past that',
    '  caveats: the bench PostgreSQL runs with fsync=off (its disk cost is not in these figures); ' +
      'central and PostgreSQL share this machine with the posting clients',
  ].join('\n');
}
